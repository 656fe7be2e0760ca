/**
 * The contract of the pure interpreter: what the adapter feeds it (events), what it asks the
 * adapter to do (commands) and the state it carries. Everything here is plain JSON: the state
 * travels across continue-as-new and events/commands are logged in case history.
 */
import type { BusinessCalendar } from "@alur/shared/calendar";
import type { WorkingDuration } from "@alur/shared/plan";
import type { Actor, Variables } from "@alur/shared/schemas";

/** An ISO 8601 instant, e.g. "2026-03-02T08:00:00+07:00". Time only ever arrives in events. */
export type Iso = string;

// ---------------------------------------------------------------------------------------------
// Events: everything that happens to a case, each carrying its own time.
// ---------------------------------------------------------------------------------------------

export type EngineEvent =
  /** Starts the case at the process's none start event (or `startEventId`). */
  | { type: "start"; variables: Variables; at: Iso; businessKey?: string; startEventId?: string }
  /** A user task was completed (the adapter already validated role and form data). */
  | { type: "taskCompleted"; taskId: string; actor: Actor; data: Variables; at: Iso }
  /**
   * The adapter could not open the task as asked: its roles or users are not in the district's
   * directory. The element waits on an "assignment-unknown" incident; a retry opens it again.
   */
  | { type: "taskRefused"; taskId: string; reason: string; at: Iso }
  | { type: "timerFired"; timerId: string; at: Iso }
  /**
   * A message for this case. With no matching subscription it is buffered for `timeToLive` (ISO
   * 8601 duration; default: the case's messageTtl, PT1H) when the plan can ever catch a message of
   * that name, and correlated once a matching subscription opens (Zeebe message buffering).
   * "PT0S" disables buffering for this message.
   */
  | {
      type: "messageReceived";
      name: string;
      correlationKey?: string;
      payload: Variables;
      at: Iso;
      timeToLive?: string;
      /**
       * When to drop it if buffered, instead of `at` + time-to-live: a parent case that handed the
       * message down to this called case already answered the sender with this expiry.
       */
      expiresAt?: Iso;
    }
  /** A service/send task's connector finished; `output` becomes case variables. */
  | { type: "jobCompleted"; jobId: string; output: Variables; at: Iso }
  /** The connector reported a business error (BPMN error), caught by error boundary events. */
  | { type: "jobFailed"; jobId: string; bpmnError: BpmnError; at: Iso }
  /**
   * The connector failed technically after all its retries (network, timeout, 5xx). Not a
   * business outcome, so no error boundary sees it: the element waits on a "connector-failed"
   * incident whose retry runs a new job (Zeebe: job retries exhausted → incident).
   */
  | { type: "jobExhausted"; jobId: string; message: string; at: Iso }
  | { type: "childCompleted"; childId: string; output: Variables; at: Iso }
  /** The called process failed; with a `code` it is a BPMN error the caller may catch. */
  | { type: "childFailed"; childId: string; error: { code?: string; message: string }; at: Iso }
  /**
   * The called process threw an escalation that no scope of it caught (its `escalate` command):
   * it reaches the call activity's escalation boundary events, then the enclosing scopes (BPMN
   * 2.0 §10.5.4). An interrupting catch cancels the call activity and with it the child.
   */
  | { type: "childEscalated"; childId: string; code: string; at: Iso }
  /**
   * The called process threw a BPMN error it did not catch itself (its `uncaughtError` command)
   * and still runs, holding an incident. The call activity throws it again: its error boundary
   * (always interrupting) or an enclosing catch cancels the call activity and the child; if
   * nothing catches it, it goes further up (`uncaughtError`) and the child keeps its incident,
   * so an admin can retry it there.
   */
  | { type: "childErrored"; childId: string; code: string; message: string; at: Iso }
  /**
   * An admin resolved an incident: `variables` are written first (from the element's scope
   * upwards, like any output), then the element's failed work is redone (see IncidentRetry).
   */
  | { type: "retryIncident"; incidentId: string; variables?: Variables; at: Iso }
  /**
   * A running called case opened message subscriptions (its own or its called cases'): each takes
   * the oldest unexpired message this case buffered that it would accept (`passMessage`), as a
   * subscription opening in this case would (Zeebe buffering, across the call activity).
   */
  | { type: "childSubscribed"; childId: string; subscriptions: MessageSubscription[]; at: Iso }
  /** A signal broadcast to the district's cases (or thrown by this case). */
  | { type: "signal"; name: string; payload: Variables; at: Iso }
  /** Cancels the whole case (withdrawn application, admin action). */
  | { type: "cancel"; reason: string; at: Iso }
  /**
   * A supervisor corrects case variables (a data-entry mistake): written on the case, as a start
   * form's fields are; later conditions and mappings read the new values. Who and why are recorded.
   */
  /**
   * A supervisor suspends the case with a reason (suspension.ts): tasks cannot be completed,
   * messages, signals and retries are refused, timers that come due are held until `resume`.
   */
  | { type: "suspend"; reason: string; actor: { userId: string; displayName?: string }; at: Iso }
  /** Ends a suspension: the held timers fire now and the case due date moves by the suspended working time. */
  | { type: "resume"; reason: string; actor: { userId: string; displayName?: string }; at: Iso }
  | {
      type: "correctVariables";
      variables: Variables;
      actor: { userId: string; displayName?: string };
      reason: string;
      at: Iso;
    };

export interface BpmnError {
  code: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Commands: what the adapter must do after a step, in order.
// ---------------------------------------------------------------------------------------------

export type EngineCommand =
  /** Create a user task in the store (idempotent on case id + elementInstanceId). */
  | {
      type: "openTask";
      taskId: string;
      elementId: string;
      elementInstanceId: string;
      name: string | null;
      /** Candidate role ids (lower-case), evaluated when the task opened. */
      roles: string[];
      /** Username the task is assigned to on opening (zeebe assignee), or null. */
      assignee: string | null;
      /** Candidate usernames (zeebe candidateUsers). */
      candidateUsers: string[];
      formId: string | null;
      documents: string[];
      /** zeebe:taskSchedule dueDate, else the SLA's due date. */
      dueAt: Iso | null;
      followUpAt: Iso | null;
      pausesClock: boolean;
    }
  /** Close a user task: completed by an actor, or cancelled (it leaves every inbox). */
  | { type: "closeTask"; taskId: string; status: "completed" | "cancelled"; by: string | null }
  /** Start a durable timer that comes back as `timerFired{timerId}` at `fireAt`. */
  | { type: "startTimer"; timerId: string; fireAt: Iso; elementInstanceId: string }
  | { type: "cancelTimer"; timerId: string }
  /**
   * Run a connector (service/send task, or an SLA escalation `notify`). The adapter retries
   * technical failures itself and reports `jobCompleted`, `jobFailed` for a BPMN error, or
   * `jobExhausted` when the retries ran out.
   * `elementInstanceId` is null for fire-and-forget jobs (escalation notices).
   */
  | {
      type: "runJob";
      jobId: string;
      elementId: string;
      elementInstanceId: string | null;
      jobType: string;
      headers: Record<string, string>;
      variables: Variables;
    }
  /** Cancel a running job (its element was interrupted); its late result is ignored anyway. */
  | { type: "cancelJob"; jobId: string }
  /** Start a called process as a child case; it reports `childCompleted`/`childFailed`. */
  | { type: "startChild"; childId: string; elementId: string; processId: string; variables: Variables }
  | { type: "cancelChild"; childId: string }
  /**
   * Throw a signal to the other cases of the district. This case's own subscriptions were already
   * served inside the step, so the adapter must not deliver it back here.
   */
  | { type: "broadcast"; name: string; payload: Variables }
  /**
   * An escalation that no scope of this case caught. A child case's adapter forwards it to the
   * parent as `childEscalated`; a top-level case ignores it (the record is in the history).
   */
  | { type: "escalate"; code: string; elementId: string }
  /**
   * A BPMN error that no scope of this case caught; the thrower holds an "unhandled-error"
   * incident. A child case's adapter forwards it to the parent as `childErrored`; a top-level
   * case ignores it (the incident and its record are in the history).
   */
  | { type: "uncaughtError"; code: string; message: string; elementId: string }
  /**
   * A message throw or end event: deliver a message to the case(s) of the district waiting for
   * `name` (and `correlationKey`, when set), as the API's message delivery does. Fire-and-forget.
   * `variables` are the event's input mappings (its local variables), never the whole case.
   */
  | { type: "sendMessage"; name: string; correlationKey: string | null; variables: Variables }
  /**
   * Hand a message this case buffered to the called case `childId`, whose reported subscription
   * takes it; the called case keeps it until `expiresAt` if that subscription closed meanwhile.
   */
  | {
      type: "passMessage";
      childId: string;
      name: string;
      correlationKey: string | null;
      payload: Variables;
      expiresAt: Iso;
    }
  /** A timeline entry for the case history; `key` is unique per case (dedupe on retries). */
  | { type: "record"; key: string; recordType: RecordType; elementId: string | null; data: Variables; at: Iso }
  /** The case reached an end: the workflow returns. */
  | { type: "finish"; status: FinishStatus; variables: Variables };

export type FinishStatus = "completed" | "terminated" | "cancelled" | "incident";

export type RecordType =
  | "caseStarted"
  | "elementEntered"
  | "elementLeft"
  | "elementCancelled"
  | "taskCompleted"
  | "timerFired"
  | "messageCorrelated"
  | "messageSent"
  | "messageBuffered"
  | "messageExpired"
  | "messageHandedDown"
  | "signalReceived"
  | "errorThrown"
  | "escalationThrown"
  | "slaBreached"
  | "clockPaused"
  | "clockResumed"
  | "incident"
  | "incidentResolved"
  | "caseCompleted"
  | "caseTerminated"
  | "caseCancelled"
  | "variablesCorrected"
  | "caseSuspended"
  | "caseResumed"
  | "caseMigrated";

/**
 * The result of one step. `accepted` is false when the event matched nothing (unknown task, no
 * subscriber...). A message kept for a later subscription is accepted with `buffered: true`.
 */
export interface StepResult {
  state: EngineState;
  commands: EngineCommand[];
  accepted: boolean;
  buffered?: boolean;
}

// ---------------------------------------------------------------------------------------------
// State: plain JSON, deterministic, carried across continue-as-new.
// ---------------------------------------------------------------------------------------------

export type EngineStatus = "created" | "active" | "completed" | "terminated" | "cancelled" | "incident";

/** What `initialState` needs besides the plan. */
export interface InitialStateInput {
  caseId: string;
  /**
   * The business calendar data (@alur/shared/calendar) pinned at case start, so working-time
   * maths replays identically for the case's whole life.
   */
  calendar: BusinessCalendar;
  /** Overall service-standard time; defaults to the plan's standard completion time. */
  caseDue?: WorkingDuration;
  /**
   * Steps without a wait state allowed per event before the case is stopped with an incident;
   * every multi-instance item started adds MI_STEPS_PER_ITEM more.
   */
  maxStepsPerEvent?: number;
  /**
   * How long a message nobody waits for yet stays buffered (ISO 8601 duration); default PT1H.
   * "PT0S" turns buffering off. The adapter leaves it unset: its recorded histories were made
   * with buffering on and no patch marker (see README, "Replay safety of buffering").
   */
  messageTtl?: string;
}

/** What `retryIncident` redoes. */
export type IncidentRetry =
  /** Run the element's behaviour again (a new job, child, task, gateway decision...). */
  | { op: "activate" }
  /** Evaluate the input mappings again, then run the element (`triggered`: an already satisfied event). */
  | { op: "enter"; triggered?: Variables }
  /** Leave the element with this result again: output mappings and outgoing conditions are re-evaluated. */
  | { op: "complete"; output: Variables; flows?: string[] }
  /** Evaluate the multi-instance completion condition again. */
  | { op: "completionCondition" }
  /** Open a boundary or event-subprocess subscription that failed (the element itself went on). */
  | { op: "subscribe"; target: SubscriptionTarget; elementId: string }
  /** Nothing to redo (e.g. a calendar error outside any element): resolving only clears it. */
  | { op: "none" };

export interface Incident {
  id: string;
  elementId: string | null;
  elementInstanceId: string | null;
  /** Stable kebab code, e.g. "no-matching-flow", "feel-error", "unhandled-error". */
  code: string;
  /** English technical message (logs); user-facing messages are the adapter's/UI's job. */
  message: string;
  at: Iso;
  /** What resolving it redoes; absent means `activate`. */
  retry?: IncidentRetry;
}

/** A message that arrived before any subscription matched it. */
export interface BufferedMessage {
  id: string;
  name: string;
  correlationKey: string | null;
  payload: Variables;
  receivedAt: Iso;
  expiresAt: Iso;
  /** The timer that drops it at `expiresAt` (fires as `timerFired`). */
  timerId: string;
}

export type InstanceKind = "process" | "subProcess" | "eventSubProcess" | "multiInstanceBody" | "element";

/** What an element instance is waiting for (absent: it is a scope or in passage). */
export type Wait =
  | {
      kind: "task";
      taskId: string;
      slaTimerId: string | null;
      /** Who may work on it, as evaluated on opening (absent in states saved before it was kept). */
      assignment?: { roles: string[]; candidateUsers: string[]; assignee?: string };
    }
  | { kind: "job"; jobId: string }
  | { kind: "child"; childId: string }
  | { kind: "message"; subscriptionId: string }
  | { kind: "timer"; subscriptionId: string }
  | { kind: "signal"; subscriptionId: string }
  | { kind: "eventGateway"; subscriptionIds: string[] }
  | { kind: "join" }
  | { kind: "incident"; incidentId: string };

export interface MultiInstanceState {
  items: unknown[];
  /** Index of the next item to start (sequential) or number started (parallel). */
  nextIndex: number;
  completed: number;
  /** Output element values by item index. */
  outputs: unknown[];
}

export interface ElementInstance {
  id: string;
  /** Plan node id; for the process instance, the process id. */
  elementId: string;
  kind: InstanceKind;
  /** Enclosing scope instance; null only for the process instance. */
  parentId: string | null;
  /** Local variables (io inputs, multi-instance element, loopCounter, subprocess locals). */
  variables: Variables;
  wait?: Wait;
  /** For scopes: tokens waiting at joining gateways, by gateway id then incoming flow id. */
  joins?: Record<string, Record<string, number>>;
  multiInstance?: MultiInstanceState;
  /** Multi-instance inner instance: its item index. */
  loopIndex?: number;
  /** Set on a boundary-triggered or event-gateway-triggered event that is already satisfied. */
  triggered?: boolean;
  enteredAt: Iso;
}

export type SubscriptionTarget =
  /** A boundary event on an activity instance. */
  | { kind: "boundary"; boundaryId: string; activityInstanceId: string }
  /** An intermediate catch event or receive task instance waiting itself. */
  | { kind: "catch"; instanceId: string }
  /** A start event of an event subprocess inside a scope instance. */
  | { kind: "eventSubProcess"; startEventId: string; subProcessId: string; scopeInstanceId: string }
  /** One branch of an event-based gateway instance. */
  | { kind: "eventGateway"; gatewayInstanceId: string; eventId: string }
  /** The SLA timer of a user task instance. */
  | { kind: "sla"; instanceId: string };

/** What a message subscription waits for: a message name and, unless null, its correlation key. */
export interface MessageSubscription {
  name: string;
  correlationKey: string | null;
}

export interface Subscription {
  id: string;
  trigger:
    | { kind: "message"; name: string; correlationKey: string | null }
    | { kind: "signal"; name: string }
    | { kind: "timer"; timerId: string; fireAt: Iso; repeatsLeft: number | null; cycle: string | null };
  target: SubscriptionTarget;
}

export interface EngineState {
  stateVersion: 1;
  caseId: string;
  processId: string;
  status: EngineStatus;
  businessKey: string | null;
  /** Source of every id (element instances, tasks, timers, jobs, children, records). */
  seq: number;
  startedAt: Iso | null;
  /** Time of the last event applied. */
  now: Iso | null;
  calendar: BusinessCalendar;
  caseDue: WorkingDuration | null;
  /** Service-standard due date; moves later while the clock is paused. */
  caseDueAt: Iso | null;
  /** Elements currently pausing the clock, and since when. */
  clock: { pausedBy: string[]; pausedAt: Iso | null; pausedMinutesTotal: number };
  /** Every live element instance by id (the process instance included). */
  instances: Record<string, ElementInstance>;
  subscriptions: Record<string, Subscription>;
  /** Open user tasks: task id → element instance id. */
  tasks: Record<string, string>;
  /** Running jobs: job id → element instance id, or null for fire-and-forget. */
  jobs: Record<string, string | null>;
  /** Running children: child id → call activity instance id. */
  children: Record<string, string>;
  incidents: Incident[];
  maxStepsPerEvent: number;
  /** Buffered messages, oldest first. Optional: states saved before buffering existed lack it. */
  messages?: BufferedMessage[];
  /**
   * Default time-to-live of buffered messages (ISO 8601 duration). Absent in states saved before
   * buffering existed, which therefore do not buffer (their histories replay unchanged).
   */
  messageTtl?: string;
  /** Set while a supervisor holds the case (suspension.ts); absent in states saved before it existed. */
  suspension?: { since: Iso; reason: string; by: string; heldTimers: string[] };
}
