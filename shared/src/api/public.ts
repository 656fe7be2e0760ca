/**
 * The public face: what anyone may read without signing in (the published service standards of a
 * district) and what an applicant sees of their own case with its tracking code.
 */
import { z } from "zod";
import { indonesianMobile } from "../contact";
import { CaseStatus, DerivedStandard, Variables } from "../schemas";
import { Applicant } from "./cases";

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
  /** The start form (form-js schema) an online application fills; null: the service has none. */
  startForm: z.record(z.string(), z.unknown()).nullable().default(null),
  /** The district asks an online applicant to prove the phone or email with a code first. */
  contactVerification: z.boolean().default(false),
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
  /**
   * What the office waits for from the applicant: open steps of the role `applicant` (an online
   * applicant completes them by uploading here), with the requirement documents each asks for.
   */
  requests: z
    .array(
      z.object({
        taskId: z.string(),
        step: z.string(),
        documents: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            mandatory: z.boolean(),
            fileTypes: z.array(z.string()),
            /** The standard's limit for this document, in megabytes (the server's own cap applies too). */
            maxSizeMb: z.number().optional(),
          }),
        ),
      }),
    )
    .default([]),
  /** The product: the document the completed case issued last (a generated letter), to download. */
  product: z.object({ id: z.string(), filename: z.string() }).nullable().default(null),
});
export type TrackingView = z.infer<typeof TrackingView>;

/**
 * How the applicant wants to hear about the application: a phone number (WhatsApp/SMS) and/or an
 * email address, at least one. Phone numbers are Indonesian: 08…, 62… or +62… (spaces, dashes
 * and dots ignored), kept as E.164 (+62…).
 */
export const ApplicantPhone = z
  .string()
  .trim()
  .max(30)
  .transform((v, ctx) => {
    const phone = indonesianMobile(v);
    if (phone) return phone;
    ctx.addIssue({ code: "custom", message: "Indonesian mobile number, e.g. 0812 3456 7890" });
    return z.NEVER;
  });

export const ApplicantContact = z
  .object({
    phone: ApplicantPhone.optional(),
    email: z.string().trim().toLowerCase().max(200).pipe(z.email()).optional(),
  })
  .refine((c) => c.phone !== undefined || c.email !== undefined, {
    message: "phone or email required",
    path: ["phone"],
  });
export type ApplicantContact = z.infer<typeof ApplicantContact>;

/**
 * The JSON part (field `data`) of an online application; each requirement document is a file
 * field named `document:<requirementId>`. `variables` are the start form's fields.
 */
export const PublicApplicationData = z.object({
  applicant: Applicant,
  contact: ApplicantContact,
  variables: Variables.default({}),
  /** The code sent to the contact, where the district asks for one (PublicServiceView.contactVerification). */
  verificationCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "six digits")
    .optional(),
});
export type PublicApplicationData = z.infer<typeof PublicApplicationData>;

/** The tanda terima: what the office received, when the service is due, how to track it. */
export const ApplicationReceipt = z.object({
  caseNumber: z.string(),
  /** Shown once: only its hash is kept. */
  trackingCode: z.string(),
  serviceName: z.string(),
  district: PublicDistrict,
  applicantName: z.string(),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  documents: z.array(
    z.object({ requirementId: z.string().nullable(), name: z.string(), filename: z.string(), size: z.number().int() }),
  ),
  /** The start form's fields as received: label and value as text. */
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
  /** Where notices go, masked ("+62812****890", "r***@example.org"). */
  contact: z.object({ phone: z.string().optional(), email: z.string().optional() }),
});
export type ApplicationReceipt = z.infer<typeof ApplicationReceipt>;

/** The JSON part (field `data`) of an upload from the tracking page; files are `document:<requirementId>`. */
export const TrackUploadData = TrackRequest.extend({ taskId: z.string().min(1).max(100) });
export type TrackUploadData = z.infer<typeof TrackUploadData>;

export const TrackDocumentRequest = TrackRequest.extend({ documentId: z.string().min(1).max(100) });
export type TrackDocumentRequest = z.infer<typeof TrackDocumentRequest>;

/** Asks for a verification code to be sent to the contact an application will name. */
export const VerificationCodeRequest = z.object({ contact: ApplicantContact });
export type VerificationCodeRequest = z.infer<typeof VerificationCodeRequest>;

/** Where the code went (masked) and until when it works. */
export const VerificationCodeSent = z.object({
  sentTo: z.object({ phone: z.string().optional(), email: z.string().optional() }),
  expiresAt: z.string(),
});
export type VerificationCodeSent = z.infer<typeof VerificationCodeSent>;
