/**
 * The workflow's public surface, defined once for workflow code and clients alike.
 * Workflow-safe: imports only @temporalio/workflow and schemas, never Node modules.
 */
import type { BusinessCalendar } from "@alur/shared/calendar";
import type { ExecutionPlan } from "@alur/shared/plan";
import type {
  CaseHoldInput,
  CaseIncident,
  CaseStateView,
  CompleteTaskInput,
  CorrectVariablesInput,
  MessageDelivery,
  MessageInput,
  RetryIncidentInput,
  SignalInput,
  Variables,
} from "@alur/shared/schemas";
import { defineQuery, defineSignal, defineUpdate } from "@temporalio/workflow";
import type { MigrationBlocker } from "../engine/migration";
import type { EngineState, FinishStatus, MessageSubscription } from "../engine/types";

/** The one generic workflow type that interprets any execution plan. */
export const WORKFLOW_TYPE = "bpmnProcess";

export interface BpmnProcessInput {
  caseId: string;
  district: string;
  plan: ExecutionPlan;
  /** sha256 of the plan JSON, pinned per case so a replay can tell which plan it ran. */
  planHash: string;
  variables: Variables;
  /**
   * The district's business calendar, built at case start (calendarFor) and pinned for the
   * case's life. When absent the workflow loads it once through the loadCalendar activity.
   */
  calendar?: BusinessCalendar;
  /**
   * Plans of processes reached through call activities, by process id, resolved at case start so
   * a running case keeps the versions it started with. A called process missing here is looked up
   * once through the loadPlan activity (the result is then pinned in history).
   */
  calledPlans?: Record<string, { plan: ExecutionPlan; planHash: string }>;
  /** Set on a called process: its calls' store rows belong to the parent's case under this prefix. */
  child?: { parentWorkflowId: string; storePrefix: string; childId?: string };
  /** Carried across continue-as-new: the interpreter's state and the adapter's bookkeeping. */
  resume?: ResumeState;
  /** History length after which the case continues as new (default 8000; tests set it low). */
  historyLimit?: number;
}

/** What a case carries into its next run after continue-as-new. */
export interface ResumeState {
  state: EngineState;
  /**
   * Engine task id → uuid store id of the open tasks opened before store ids were derived from
   * engine ids (workflows/task-ids.ts); empty for newer runs.
   */
  taskIds: Record<string, string>;
  /** Running timers: engine timer id → fire instant. */
  timers: Record<string, string>;
  /** Last due date written to the cases row. */
  dueAt: string | null;
  runs: number;
  /**
   * What a called case last reported to its parent (keys of its open incidents and message
   * subscriptions), so the next run reports a change against that, not against nothing.
   */
  reported?: { incidents: string; messageSubscriptions: string };
}

/** What bpmnProcess returns: the end state (a parent's call activity reads `variables`). */
export interface BpmnProcessResult {
  status: FinishStatus;
  variables: Variables;
}

/** Validated in the update's validator: unknown/closed task, wrong role or bad form data never enter history. */
export const completeTaskUpdate = defineUpdate<CaseStateView, [CompleteTaskInput]>("completeTask");
/**
 * Correlates a message (name + key) with a waiting catch event or receive task, or buffers it until
 * one waits (its time-to-live); returns which.
 */
export const deliverMessageUpdate = defineUpdate<MessageDelivery, [MessageInput]>("deliverMessage");
/**
 * Resolves an open incident (e.g. `connector-failed` after the cause was fixed): writes the given
 * variables and redoes the element's work. The validator rejects an unknown or already resolved id.
 */
export const retryIncidentUpdate = defineUpdate<CaseStateView, [RetryIncidentInput]>("retryIncident");
/**
 * Corrects variables the case holds (a data-entry mistake) with the supervisor's reason; the
 * validator refuses unknown or protected names and an ended case before anything enters history.
 */
export const correctVariablesUpdate = defineUpdate<CaseStateView, [CorrectVariablesInput]>("correctVariables");
/**
 * Suspends the case (supervisor): its tasks cannot be completed, messages, signals and retries are
 * refused and timers that come due are held until `resume` (engine/suspension.ts). The validator
 * refuses an ended or already suspended case.
 */
export const suspendUpdate = defineUpdate<CaseStateView, [CaseHoldInput]>("suspend");
/** Resumes a suspended case: held timers fire, the due date moves by the suspended working time. */
export const resumeUpdate = defineUpdate<CaseStateView, [CaseHoldInput]>("resume");

/** Argument of `migrate` and `migrationCheck` (shape: `migrateCaseSchema` in the shared schemas). */
export interface MigrateCaseInput {
  plan: ExecutionPlan;
  planHash: string;
  /** The hash of the plan the case must be running (the source version's). */
  fromPlanHash: string;
  fromVersion: number;
  toVersion: number;
  /** Old element id → new element id; elements not named keep their ids. */
  mapping?: Record<string, string>;
  actor: { userId: string; displayName?: string };
  /** The target version's row, for the case row to follow. */
  processVersionId: string;
}
/**
 * Moves the running case to another version's plan (engine/migration.ts): open tasks keep their
 * ids, timers, history and documents stay; the case goes on under the new plan. The validator
 * refuses, with every blocker, a case that cannot move.
 */
export const migrateUpdate = defineUpdate<CaseStateView, [MigrateCaseInput]>("migrate");
/** Why the case could not move to `plan` now (empty: it can); the dry run of `migrate`. */
export const migrationCheckQuery = defineQuery<MigrationBlocker[], [MigrateCaseInput]>("migrationCheck");
export const broadcastSignal = defineSignal<[SignalInput]>("broadcastSignal");
/** A message thrown by another case (message throw/end event) or handed down by a parent case; fire-and-forget, no reply. */
export const messageSignal = defineSignal<[ForwardedMessage]>("message");
/**
 * A message as a parent case hands it to a called case: with the expiry the parent answered the
 * sender with when the called case is to buffer it (the called case then keeps it until exactly then).
 */
export type ForwardedMessage = MessageInput & { expiresAt?: string };
/** A called case reports an escalation or BPMN error it did not catch to its parent. */
export const childEventSignal =
  defineSignal<[{ childId: string; kind: "escalated" | "errored"; code: string; message: string }]>("childEvent");
/**
 * A called case reports its open incidents (its own and those its own called cases reported),
 * the whole list each time it changes, so the parent can show them and set the case status.
 */
export const childIncidentsSignal = defineSignal<[{ childId: string; incidents: CaseIncident[] }]>("childIncidents");
/**
 * A called case reports the message subscriptions it holds open (its own and those its own called
 * cases reported), the whole list each time it changes, so the parent can route messages to it;
 * and the message names it can buffer (absent in reports from before buffering for called cases).
 */
export const childMessageSubscriptionsSignal =
  defineSignal<[{ childId: string; subscriptions: MessageSubscription[]; messageNames?: string[] }]>(
    "childMessageSubscriptions",
  );
export const caseStateQuery = defineQuery<CaseStateView>("caseState");
/** Timers the case is waiting on (SLA, boundary, catch events), soonest first; used by `alur simulate`. */
export const pendingTimersQuery = defineQuery<{ timerId: string; fireAt: string }[]>("pendingTimers");
/** Joining gateways holding tokens and the flows that arrived; used by `alur simulate` to name a deadlock. */
export const waitingJoinsQuery = defineQuery<{ gatewayId: string; arrivedFrom: string[] }[]>("waitingJoins");

/** Workflow id of a case: stable, so a retried start cannot create a second run. */
export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}

/**
 * Workflow id of a called case: `childPath` is the child ids from the top case down, joined by
 * "/" (the child's store prefix without its trailing slash).
 */
export function childWorkflowId(caseId: string, childPath: string): string {
  return `${caseWorkflowId(caseId)}/${childPath}`;
}

/**
 * The workflow holding an element instance the store knows of (a task's `element_instance_id`):
 * a called case writes its instances under its child path ("<childId>/<instance>", nested
 * "<childId>/<grandchildId>/<instance>"); the case's own instance ids hold no "/".
 */
export function instanceWorkflowId(caseId: string, caseWorkflow: string, elementInstanceId: string): string {
  const childPath = elementInstanceId.split("/").slice(0, -1);
  return childPath.length === 0 ? caseWorkflow : childWorkflowId(caseId, childPath.join("/"));
}

// The incident id scheme is the engine's (called-cases.ts); clients use it from here.
export { childIncidentId, incidentRoute } from "../engine/called-cases";

/** The bilingual refusal of a retry of an incident that does not exist or is already resolved. */
export function unknownIncidentRejection(incidentId: string): { code: "unknown-incident"; id: string; en: string } {
  return {
    code: "unknown-incident",
    id: `Insiden ${incidentId} tidak ada atau sudah diselesaikan.`,
    en: `Incident ${incidentId} does not exist or is already resolved.`,
  };
}
