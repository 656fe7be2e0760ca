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

/** A person named on the case page: staff cannot look accounts up, so the name comes with the id. */
export const StepPerson = z.object({ id: z.string(), displayName: z.string() });
export type StepPerson = z.infer<typeof StepPerson>;

export const CompletedStep = z.object({
  taskId: z.string(),
  name: z.string().nullable(),
  elementId: z.string(),
  status: z.enum(["completed", "cancelled"]),
  closedAt: z.string().nullable(),
  /** Who completed it (null: closed by the engine, e.g. a cancelled case). */
  closedBy: StepPerson.nullable(),
  /** form-js schema of the step's form (null: no form, or it is in a called process's plan). */
  form: z.unknown().nullable(),
  /** What was entered, with fields the service's personal-data rules hide from this reader left out. */
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type CompletedStep = z.infer<typeof CompletedStep>;

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
  /** Since when a supervisor suspended the case (POST /cases/{id}/suspend); null: it is not suspended. */
  suspendedSince: z.string().nullable().default(null),
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
  currentSteps: z.array(
    z.object({
      taskId: z.string(),
      name: z.string().nullable(),
      elementId: z.string(),
      /** Who holds the task now (null: waiting to be claimed by a holder of its roles). */
      assignee: StepPerson.nullable().default(null),
      /** The step's own due date. */
      dueAt: z.string().nullable().default(null),
      /** The task's revision, for a supervisor's reassignment (409 when it changed since). */
      revision: z.number().int().default(0),
    }),
  ),
  /** Closed user tasks, oldest first: who completed each and the form data entered (as the reader may see it). */
  completedSteps: z.array(CompletedStep).default([]),
  /**
   * The service-standard clock: `pausedSince` while the case waits on the applicant (the clock is
   * stopped); `originalDueAt` when pauses have moved the case due date (`dueAt` is the moved one).
   */
  clock: z
    .object({ pausedSince: z.string().nullable(), originalDueAt: z.string().nullable() })
    .default({ pausedSince: null, originalDueAt: null }),
  /**
   * The applicant's tracking code for the public tracking page, only in the answer that started
   * the case (it is stored hashed and cannot be read again); hand it to the applicant.
   */
  trackingCode: z.string().optional(),
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

/** What GET /cases filters by status: the case's own status, plus `waiting` (its clock paused on the applicant). */
export const CaseListStatus = z.enum(["active", "waiting", "incident", "completed", "terminated", "cancelled"]);
export type CaseListStatus = z.infer<typeof CaseListStatus>;

/**
 * The service-standard clock of an open case: `paused` while it waits on the applicant,
 * `overdue` past its due date, `due-soon` within DUE_SOON_DAYS of it, else `on-time`.
 */
export const SlaState = z.enum(["on-time", "due-soon", "overdue", "paused"]);
export type SlaState = z.infer<typeof SlaState>;
/** Calendar days before the due date from which an open case is `due-soon`. */
export const DUE_SOON_DAYS = 2;

export const CaseSort = z.enum(["received", "closed", "due", "case-number"]);
export type CaseSort = z.infer<typeof CaseSort>;

/** A comma-separated list of enum values, kept as the string (a saved filter stores what a URL carries). */
function commaList<T extends z.ZodEnum>(values: T) {
  return z
    .string()
    .max(200)
    .refine((text) => text.split(",").every((v) => values.safeParse(v).success), {
      message: `comma-separated values of: ${values.options.join(", ")}`,
    });
}

/** The values of a comma-separated list checked by the filter schema. */
export function listValues<T extends string>(text: string | undefined): T[] {
  return text ? (text.split(",") as T[]) : [];
}

/** A date (read in the office's time zone) or an instant with its offset. */
const DateBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** The filters of the case list; the same for GET /cases, its export and a saved filter. */
export const CaseFilter = z.object({
  /** Process id of a service. */
  service: z.string().min(1).max(200).optional(),
  /** Version number of the service (with `service`). */
  version: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** District code; staff of a district see only their own. */
  district: z.string().min(1).max(20).optional(),
  status: commaList(CaseListStatus).optional(),
  /** Element id of a current (open) step. */
  step: z.string().min(1).max(200).optional(),
  sla: commaList(SlaState).optional(),
  receivedFrom: DateBound.optional(),
  /** Inclusive: a date means up to the end of that day. */
  receivedTo: DateBound.optional(),
  closedFrom: DateBound.optional(),
  closedTo: DateBound.optional(),
  /** Exact NIK (16 digits). */
  nik: z
    .string()
    .regex(/^\d{16}$/, "16 digits")
    .optional(),
  /** Applicant name, by prefix (case-insensitive). */
  name: z.string().trim().min(2).max(100).optional(),
  /** Case number, by prefix (case-insensitive). */
  caseNumber: z.string().trim().min(1).max(100).optional(),
});
export type CaseFilter = z.infer<typeof CaseFilter>;

export const CaseListQuery = CaseFilter.extend({
  sort: CaseSort.default("received"),
  order: z.enum(["asc", "desc"]).default("desc"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const CaseExportQuery = CaseFilter.extend({
  format: z.enum(["csv", "xlsx"]).default("csv"),
  sort: CaseSort.default("received"),
  order: z.enum(["asc", "desc"]).default("desc"),
});
export type CaseExportQuery = z.infer<typeof CaseExportQuery>;

/** At most this many rows go into one export; a larger result asks for a narrower filter. */
export const CASE_EXPORT_MAX_ROWS = 50_000;

export const CaseListItem = z.object({
  id: z.string(),
  caseNumber: z.string(),
  district: z.string(),
  processId: z.string(),
  serviceName: z.string(),
  version: z.number().int(),
  status: CaseListStatus,
  /** Null for a closed case or one without a due date. */
  sla: SlaState.nullable(),
  /** Null when the service's personal-data rules withhold it from this reader (or it was not given). */
  applicantName: z.string().nullable(),
  nik: z.string().nullable(),
  dueAt: z.string().nullable(),
  receivedAt: z.string(),
  closedAt: z.string().nullable(),
  currentSteps: z.array(z.object({ elementId: z.string(), name: z.string().nullable() })),
  /** Applicant fields the service's rules withhold from this reader. */
  withheld: z.array(z.string()).optional(),
});
export type CaseListItem = z.infer<typeof CaseListItem>;

export const CaseListPage = z.object({ items: z.array(CaseListItem), nextCursor: z.string().nullable() });
export type CaseListPage = z.infer<typeof CaseListPage>;

/** A named case-list filter of one user. */
export const SavedCaseFilterRequest = z.object({ name: z.string().trim().min(1).max(100), filter: CaseFilter });
export type SavedCaseFilterRequest = z.infer<typeof SavedCaseFilterRequest>;
export const SavedCaseFilter = SavedCaseFilterRequest.extend({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedCaseFilter = z.infer<typeof SavedCaseFilter>;
export const SavedCaseFilters = z.object({ items: z.array(SavedCaseFilter) });
