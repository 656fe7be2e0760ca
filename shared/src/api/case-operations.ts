/** What a supervisor does to a running case: each with a reason, audited and on the timeline. */
import { z } from "zod";
import { CaseStatus } from "../schemas";

export const CancelCaseRequest = z.object({
  /** Why the case is cancelled (withdrawn by the applicant, filed twice, ...): on the timeline and in the audit log. */
  reason: z.string().trim().min(5).max(1000),
});
export type CancelCaseRequest = z.infer<typeof CancelCaseRequest>;

export const CancelCaseResponse = z.object({
  id: z.string(),
  /** `cancelled` once the workflow has closed its tasks; still `active` if it had not within a few seconds. */
  status: CaseStatus,
});
export type CancelCaseResponse = z.infer<typeof CancelCaseResponse>;

/** Suspending or resuming a case: why (e.g. "pengaduan sedang diperiksa"), on the timeline and in the audit log. */
export const CaseHoldRequest = z.object({ reason: z.string().trim().min(5).max(1000) });
export type CaseHoldRequest = z.infer<typeof CaseHoldRequest>;

export const CaseHoldResponse = z.object({
  id: z.string(),
  /** Since when it is suspended; null once resumed. */
  suspendedSince: z.string().nullable(),
  /** The service-standard due date after the change (moved by the suspended working time on resume). */
  dueAt: z.string().nullable(),
});
export type CaseHoldResponse = z.infer<typeof CaseHoldResponse>;

/**
 * Moving running cases of a process to another of its published versions. Without `caseIds`, every
 * running case on `fromVersion` (of `district`, when given) up to 1,000.
 */
/** A version number as the store keeps it (a PostgreSQL integer). */
const VersionNumber = z.number().int().positive().max(2_147_483_647);
/** An element id of a model: bounded, as ids in BPMN files are. */
const ElementId = z.string().min(1).max(255);

export const MigrationRequest = z.object({
  fromVersion: VersionNumber,
  toVersion: VersionNumber,
  /** Old element id → new element id (a renamed step); elements not named keep their ids. */
  mapping: z
    .record(ElementId, ElementId)
    .refine((m) => Object.keys(m).length <= 1000, "at most 1,000 mapped elements")
    .optional(),
  caseIds: z.array(z.string().min(1).max(100)).min(1).max(1000).optional(),
  district: z
    .string()
    .regex(/^\d{2,6}$/, "district code")
    .optional(),
});
export type MigrationRequest = z.infer<typeof MigrationRequest>;

export const MigrationBlocker = z.object({
  code: z.string(),
  elementId: z.string().nullable(),
  message: z.object({ id: z.string(), en: z.string() }),
});
export type MigrationBlocker = z.infer<typeof MigrationBlocker>;

/** One case of a dry run or a migration: whether it can move (or moved), and why not. */
export const MigrationCaseResult = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  canMove: z.boolean(),
  blockers: z.array(MigrationBlocker),
  /** Only in a migration's answer: whether it moved. */
  migrated: z.boolean().optional(),
});
export type MigrationCaseResult = z.infer<typeof MigrationCaseResult>;

export const MigrationReport = z.object({
  processId: z.string(),
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  items: z.array(MigrationCaseResult),
  movable: z.number().int(),
  blocked: z.number().int(),
  /** Only in a migration's answer. */
  migrated: z.number().int().optional(),
});
export type MigrationReport = z.infer<typeof MigrationReport>;

export const CorrectVariablesRequest = z.object({
  /** New values of variables the case holds (not caseNumber, applicant, documents, startedBy). */
  variables: z.record(z.string(), z.unknown()).refine((v) => Object.keys(v).length > 0, "at least one variable"),
  /** Why (e.g. "salah ketik saat pendaftaran"): on the timeline and in the audit log. */
  reason: z.string().trim().min(5).max(1000),
});
export type CorrectVariablesRequest = z.infer<typeof CorrectVariablesRequest>;

/** The case's variables as the reader may see them (restricted fields of a sensitive service left out). */
export const CaseVariables = z.object({
  variables: z.record(z.string(), z.unknown()),
  /** Names a supervisor may correct. */
  correctable: z.array(z.string()),
});
export type CaseVariables = z.infer<typeof CaseVariables>;

export const ReassignTaskRequest = z.object({
  /** The user who takes the task over: an active user of the case's district with one of its candidate roles (or named as a candidate). */
  userId: z.string().min(1),
  /** Why (e.g. "petugas cuti"): on the timeline and in the audit log. */
  reason: z.string().trim().min(5).max(1000),
  /** The task revision the supervisor saw; given, a task changed since (claimed, completed) answers 409. */
  revision: z.number().int().nonnegative().optional(),
});
export type ReassignTaskRequest = z.infer<typeof ReassignTaskRequest>;

/** A user a supervisor can hand an open task to. */
export const EligibleUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  /** Whether the task is theirs now. */
  current: z.boolean(),
});
export const EligibleUsers = z.object({ items: z.array(EligibleUser) });
export type EligibleUsers = z.infer<typeof EligibleUsers>;
export type EligibleUser = z.infer<typeof EligibleUser>;

export const ReassignTaskResponse = z.object({
  taskId: z.string(),
  assignee: z.object({ id: z.string(), displayName: z.string() }),
  revision: z.number().int(),
});
export type ReassignTaskResponse = z.infer<typeof ReassignTaskResponse>;
