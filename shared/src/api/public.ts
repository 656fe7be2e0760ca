/**
 * The public face: what anyone may read without signing in (the published service standards of a
 * district) and what an applicant sees of their own case with its tracking code.
 */
import { z } from "zod";
import { CaseStatus, DerivedStandard } from "../schemas";

/** District codes are Kemendagri codes: digits, a dot at most ("32.16" is written "3216" here). */
export const PublicDistrictParam = z.string().regex(/^\d{2,6}$/, "district code");
/** BPMN process ids are NCNames; a bounded, safe alphabet keeps odd input out of SQL and logs. */
export const PublicProcessIdParam = z.string().regex(/^[A-Za-z_][\w.-]{0,127}$/, "process id");

export const PublicDistrict = z.object({ code: z.string(), name: z.string() });
export type PublicDistrict = z.infer<typeof PublicDistrict>;

/** One service as the public catalogue lists it: its effective published version only. */
export const PublicService = z.object({
  processId: z.string(),
  name: z.string(),
  /** Service code of the standard ("PAA"), when declared. */
  code: z.string().optional(),
  /** The district's own variant, or null for a national template the district uses. */
  district: z.string().nullable(),
  version: z.number().int(),
  effectiveFrom: z.string().nullable(),
  /** The declared completion time as printed ("7 hari kerja"). */
  completionTime: z.string().optional(),
  /** The declared fee as printed ("Gratis"). */
  fee: z.string().optional(),
});
export type PublicService = z.infer<typeof PublicService>;

export const PublicCatalogue = z.object({ district: PublicDistrict, items: z.array(PublicService) });
export type PublicCatalogue = z.infer<typeof PublicCatalogue>;

/** A service's published standard, derived from the model that runs. */
export const PublicServiceView = z.object({
  district: PublicDistrict,
  service: PublicService,
  standard: DerivedStandard,
});
export type PublicServiceView = z.infer<typeof PublicServiceView>;

/** Tracking codes are shown grouped ("K7QF-2MXA-9CPD"); case and spaces do not matter. */
export const TrackRequest = z.object({
  caseNumber: z.string().trim().min(1).max(80),
  code: z.string().trim().min(1).max(40),
});
export type TrackRequest = z.infer<typeof TrackRequest>;

export const TrackedStep = z.object({
  /** Step number in the published standard, when the step is one of its steps. */
  order: z.number().int().positive().optional(),
  name: z.string(),
});

/** A stop of the service clock: while the case waits on the applicant or someone outside. */
export const TrackedPause = z.object({
  from: z.string(),
  /** null: still paused. */
  until: z.string().nullable(),
  step: TrackedStep.optional(),
});

/** What the applicant sees of their case: no names, no documents, no staff. */
export const TrackingView = z.object({
  caseNumber: z.string(),
  serviceName: z.string(),
  district: PublicDistrict,
  status: CaseStatus,
  startedAt: z.string(),
  dueAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  currentSteps: z.array(TrackedStep),
  pauses: z.array(TrackedPause),
  /** Since when the clock is stopped, or null while it runs. */
  pausedSince: z.string().nullable(),
});
export type TrackingView = z.infer<typeof TrackingView>;
