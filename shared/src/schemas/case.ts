/** What crosses the boundary between API, workflow and store for a running case. */
import { z } from "zod";

export const CaseStatus = z.enum(["active", "completed", "terminated", "cancelled", "incident"]);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const TaskStatus = z.enum(["open", "claimed", "completed", "cancelled"]);
export type TaskStatus = z.infer<typeof TaskStatus>;

const variablesSchema = () => z.record(z.string(), z.unknown());
export const Variables = variablesSchema();
export type Variables = z.infer<typeof Variables>;

/** The actor of a user-task completion, as the API authenticated it. */
const actorSchema = () =>
  z.object({
    userId: z.string().min(1),
    /** Tasks name their assignee and candidate users by username (Camunda 8). */
    username: z.string().min(1).optional(),
    roles: z.array(z.string()),
    district: z.string().nullable(),
  });
export const Actor = actorSchema();
export type Actor = z.infer<typeof Actor>;

/**
 * Builds the schema of the `completeTask` update's argument. Workflow code builds its own once per
 * case instead of using `CompleteTaskInput`: the worker loads this module once, shares it between
 * cached cases and freezes it, and a frozen zod schema cannot parse (zod memoizes on the instance).
 */
export const completeTaskInputSchema = () =>
  z.object({
    taskId: z.string().min(1),
    actor: actorSchema(),
    data: variablesSchema().default({}),
    /** The caller's address, for the audit entry the workflow's store activity writes with the close. */
    ip: z.string().nullable().optional(),
  });
/** Argument of the `completeTask` workflow update. */
export const CompleteTaskInput = completeTaskInputSchema();
export type CompleteTaskInput = z.infer<typeof CompleteTaskInput>;

/**
 * A message delivered to a case (e.g. "provincial decree received"). A factory, as for
 * completeTaskInputSchema: the deliverMessage update's validator builds its own per case.
 */
export const messageInputSchema = () =>
  z.object({
    name: z.string().min(1),
    correlationKey: z.string().optional(),
    payload: variablesSchema().default({}),
    actor: z.string().optional(),
  });
export const MessageInput = messageInputSchema();
export type MessageInput = z.infer<typeof MessageInput>;

/**
 * What happened to a delivered message: correlated to a waiting step now, or buffered (kept until
 * a step waits for it, up to `expiresAt`), or neither (no step of the case can ever receive it).
 */
export const MessageDelivery = z.object({
  correlated: z.boolean(),
  buffered: z.boolean(),
  expiresAt: z.string().optional(),
});
export type MessageDelivery = z.infer<typeof MessageDelivery>;

/** Argument of the `retryIncident` workflow update: an admin resolves an incident, optionally fixing variables. */
export const retryIncidentInputSchema = () =>
  z.object({
    incidentId: z.string().min(1),
    variables: variablesSchema().optional(),
    actor: actorSchema(),
  });
export const RetryIncidentInput = retryIncidentInputSchema();
export type RetryIncidentInput = z.infer<typeof RetryIncidentInput>;

/** Case variables a supervisor may not correct: they are the case's identity and records. */
export const UNCORRECTABLE_VARIABLES = ["caseNumber", "applicant", "documents", "startedBy"] as const;

/**
 * A supervisor corrects variables the case holds (a data-entry mistake), with a reason. Workflow
 * code builds its own schema once per case (a frozen, shared zod schema cannot parse; see actorSchema).
 */
export function correctVariablesSchema() {
  return z.object({
    variables: z.record(z.string(), z.unknown()).refine((v) => Object.keys(v).length > 0, "at least one variable"),
    actor: z.object({ userId: z.string().min(1), displayName: z.string().optional() }),
    reason: z.string().trim().min(5).max(1000),
  });
}
export const CorrectVariablesInput = correctVariablesSchema();
export type CorrectVariablesInput = z.infer<typeof CorrectVariablesInput>;

/** Argument of the `suspend` and `resume` workflow updates: who, and why (on the timeline). */
export function caseHoldSchema() {
  return z.object({
    actor: z.object({ userId: z.string().min(1), displayName: z.string().optional() }),
    reason: z.string().trim().min(5).max(1000),
  });
}
export const CaseHoldInput = caseHoldSchema();
export type CaseHoldInput = z.infer<typeof CaseHoldInput>;

/**
 * Argument of the `migrate` workflow update: the plan of the version the case moves to, and the
 * hash of the plan it must be running now (a case already moved, or on another version, refuses).
 * The plan is checked for its shape only; it comes from a published version the API read.
 */
export function migrateCaseSchema() {
  return z.object({
    plan: z
      .object({
        processId: z.string().min(1),
        nodes: z.record(z.string(), z.object({ type: z.string() }).passthrough()),
        flows: z.record(z.string(), z.object({}).passthrough()),
      })
      .passthrough(),
    planHash: z.string().min(1),
    fromPlanHash: z.string().min(1),
    fromVersion: z.number().int().positive(),
    toVersion: z.number().int().positive(),
    /** Old element id → new element id; elements not named keep their ids. */
    mapping: z.record(z.string(), z.string()).default({}),
    actor: z.object({ userId: z.string().min(1), displayName: z.string().optional() }),
    processVersionId: z.string().min(1),
  });
}

/** A signal broadcast to every waiting case of a district. */
export const SignalInput = z.object({ name: z.string().min(1), payload: Variables.default({}) });
export type SignalInput = z.infer<typeof SignalInput>;

/** A user task as the store and the inbox see it. */
export const TaskView = z.object({
  id: z.string(),
  caseId: z.string(),
  elementId: z.string(),
  name: z.string().nullable(),
  roles: z.array(z.string()),
  assignee: z.string().nullable(),
  status: TaskStatus,
  formId: z.string().nullable(),
  dueAt: z.string().nullable(),
  /** zeebe:taskSchedule followUpDate: when to look at the task again. */
  followUpAt: z.string().nullable().optional(),
  createdAt: z.string(),
});
export type TaskView = z.infer<typeof TaskView>;

/**
 * An open incident of a case: a model, data or technical error (e.g. `connector-failed`) that
 * holds its element until an admin retries it. `message` is the English technical text.
 * An incident inside a called process carries `callPath` and an id prefixed with its child path
 * (`<childId>.<incidentId>`), so ids stay unique across the case and its called processes.
 */
export const CaseIncident = z.object({
  id: z.string(),
  /** The failing element, in the process that holds it (the called process for `callPath`). */
  elementId: z.string().nullable(),
  /** That element's name in its own model (a parent's model does not know a called process's steps). */
  elementName: z.string().optional(),
  code: z.string(),
  message: z.string(),
  at: z.string(),
  /** Call activities (element ids, outermost first) leading to the called process that holds it. */
  callPath: z.array(z.string()).optional(),
});
export type CaseIncident = z.infer<typeof CaseIncident>;

/** What the workflow reports of itself (query and update result). */
export const CaseStateView = z.object({
  caseId: z.string(),
  status: CaseStatus,
  openTasks: z.array(z.object({ taskId: z.string(), elementId: z.string() })),
  activeElements: z.array(z.string()),
  variables: Variables,
  incidents: z.array(CaseIncident).default([]),
});
export type CaseStateView = z.infer<typeof CaseStateView>;
