/** Cases (permohonan): start, view, timeline, documents and messages. */
import { z } from "zod";
import { CaseIncident, CaseStatus, MessageDelivery, Variables } from "../schemas";
import { Bilingual } from "./errors";

/** Applicant data entered by the front office. */
export const Applicant = z
  .object({
    name: z.string().min(1).max(200),
    nik: z
      .string()
      .regex(/^\d{16}$/, "16 digits")
      .optional(),
    phone: z.string().max(30).optional(),
    address: z.string().max(500).optional(),
  })
  .catchall(z.unknown());
export type Applicant = z.infer<typeof Applicant>;

/**
 * The JSON part of a multipart case start (field `data`); each file is a form field named
 * `document:<requirementId>`.
 */
export const StartCaseData = z.object({
  /** Process id of a published service of the district. */
  processId: z.string().min(1),
  district: z.string().min(1),
  applicant: Applicant,
  variables: Variables.default({}),
});
export type StartCaseData = z.infer<typeof StartCaseData>;

/** A case whose personal data was purged under its service's retention period, and when. */
export const RetentionPurge = z.object({
  at: z.string(),
  note: Bilingual,
});
export type RetentionPurge = z.infer<typeof RetentionPurge>;

/** The note a purged case carries (in the case view and its timeline). */
export const RETENTION_PURGED_NOTE: Bilingual = {
  id: "data dihapus sesuai retensi",
  en: "purged under retention",
};

export const DocumentView = z.object({
  id: z.string(),
  requirementId: z.string().nullable(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type DocumentView = z.infer<typeof DocumentView>;

export const CaseView = z.object({
  id: z.string(),
  caseNumber: z.string(),
  district: z.string(),
  processId: z.string(),
  processVersionId: z.string(),
  status: CaseStatus,
  applicant: z.record(z.string(), z.unknown()),
  dueAt: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  documents: z.array(DocumentView).default([]),
  /**
   * What a sensitive service's rules (plan `privacy`) withhold from this reader: field names left
   * out of `applicant` (and the timeline), and how many documents are left out of `documents`.
   */
  withheld: z.object({ fields: z.array(z.string()), documents: z.number().int() }).optional(),
  /**
   * Set once the service's retention period (plan `privacy.retention`) has passed after the case
   * closed: its documents are deleted and its personal data reads as `PURGED_VALUE`.
   */
  purged: RetentionPurge.optional(),
  currentSteps: z.array(z.object({ taskId: z.string(), name: z.string().nullable(), elementId: z.string() })),
  /** True while the case's workflow waits to be started (Temporal was unreachable; retried in the background). */
  workflowPending: z.boolean().optional(),
  /**
   * Open incidents (status `incident`): what failed where and when; an admin retries them. Empty
   * for a case without incidents; absent when the process engine could not be asked.
   */
  incidents: z.array(CaseIncident).optional(),
});
export type CaseView = z.infer<typeof CaseView>;

export const TimelineEvent = z.object({
  id: z.number(),
  at: z.string(),
  type: z.string(),
  elementId: z.string().nullable(),
  actor: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export const Timeline = z.object({ items: z.array(TimelineEvent), purged: RetentionPurge.optional() });

export const CaseMessageRequest = z.object({
  /** BPMN message name, e.g. `sk-provinsi-diterima`. */
  name: z.string().min(1).max(200),
  correlationKey: z.string().max(200).optional(),
  payload: Variables.default({}),
});
export type CaseMessageRequest = z.infer<typeof CaseMessageRequest>;

/**
 * `correlated`: a waiting step took it (200). `buffered`: kept until a step waits for it, at most
 * until `expiresAt` (202). Neither: no step of the case can receive it (200). `note` says which.
 */
export const CaseMessageResponse = MessageDelivery.extend({ note: Bilingual.optional() });
export type CaseMessageResponse = z.infer<typeof CaseMessageResponse>;

/** Body of an incident retry: variables to fix first (written like the element's output). */
export const RetryIncidentRequest = z.object({ variables: Variables.optional() });
export type RetryIncidentRequest = z.infer<typeof RetryIncidentRequest>;

export const SignalRequest = z.object({
  district: z.string().min(1),
  name: z.string().min(1).max(200),
  payload: Variables.default({}),
});
export type SignalRequest = z.infer<typeof SignalRequest>;
export const SignalResponse = z.object({ delivered: z.number().int() });
