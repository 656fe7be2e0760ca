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
