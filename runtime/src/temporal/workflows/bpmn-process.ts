/**
 * The `bpmnProcess` workflow: a thin adapter that feeds events to the pure engine
 * (`step(plan, state, event)`) one at a time and carries out the commands it returns with
 * Temporal primitives. Deterministic: time comes from workflow time, ids from uuid4().
 *
 * Event loop. Updates, signals, timers and activity results only enqueue engine events; the main
 * loop applies them strictly in order, so engine state is never touched concurrently.
 * Timers. Each engine timer is its own Temporal timer in a cancellable scope (visible and
 * cancellable one by one in the history and UI); cancelTimer cancels the scope.
 * Jobs and children run concurrently with the loop (a boundary timer can interrupt a slow
 * connector); their results come back as events.
 * Called plans come from the input's `calledPlans` (pinned at case start); a plan missing there is
 * loaded once by the loadPlan activity, whose result history then pins.
 * Continue-as-new when Temporal suggests it or history passes HISTORY_LIMIT, at a quiet point
 * (no job, child or update in flight), carrying engine state, task ids and running timers.
 * Incidents of called cases: a called case reports its open incidents (with those its own called
 * cases reported) to its parent whenever they change; the parent adds them to its view and status.
 * They live only while the child runs, so continue-as-new (never with a child in flight) need
 * not carry them.
 * Messages to called cases: a called case likewise reports its open message subscriptions and the
 * message names its plan can buffer (each with those its own called cases reported). A message
 * (deliverMessage update or message signal) that no subscription of the case itself takes goes to
 * the called case that reported a match, as a message signal it routes the same way; failing that
 * the engine buffers it if the case's plan can catch the name; failing that it goes, with the
 * expiry the case answers with, to a called case that can buffer the name (as the same flow
 * without a call activity would keep it); only when nothing can take it anywhere is it rejected.
 * A message the case buffered itself goes down to a called case that later reports a newly opened
 * subscription taking it (the engine's childSubscribed → passMessage), with its expiry.
 */
import { isBuiltInConnector } from "@alur/shared/connectors";
import { messageNotAllowed, refusedMessageKeys } from "@alur/shared/message-payload";
import type { ExecutionPlan } from "@alur/shared/plan";
import type { CaseIncident, CaseStateView, CaseStatus, MessageDelivery, Variables } from "@alur/shared/schemas";
import {
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  executeChild,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  uuid4,
  workflowInfo,
} from "@temporalio/workflow";
import { bufferExpiry, caseView, initialState, openMessageSubscriptions, planMessageNames, step } from "../../engine";
import type { EngineCommand, EngineEvent, EngineState, FinishStatus, MessageSubscription } from "../../engine/types";
import type { CaseActivities, CaseEventInput } from "../activities/contract";
import {
  type BpmnProcessInput,
  type BpmnProcessResult,
  broadcastSignal,
  caseStateQuery,
  childEventSignal,
  childIncidentsSignal,
  childMessageSubscriptionsSignal,
  childWorkflowId,
  completeTaskUpdate,
  deliverMessageUpdate,
  type ForwardedMessage,
  messageSignal,
  pendingTimersQuery,
  retryIncidentUpdate,
  unknownIncidentRejection,
} from "../definitions";
import { asParentIncidents, incidentsKey, withChildIncidents } from "./child-incidents";
import {
  openedSubscriptions,
  reportedMessageNames,
  reportedSubscriptions,
  routeMessage,
  subscriptionsKey,
} from "./child-messages";
import { checkCompletion } from "./task-completion";

/** Continue-as-new well before Temporal's 50k-event limit, even if it has not suggested it yet. */
export const HISTORY_LIMIT = 8_000;

/**
 * Store activities must eventually succeed: retried without limit, with backoff. They are short
 * database writes, so a short timeout lets another worker take over soon after a worker dies.
 */
const store = proxyActivities<CaseActivities>({
  startToCloseTimeout: "10 seconds",
  retry: { initialInterval: "1 second", backoffCoefficient: 2, maximumInterval: "1 minute" },
});

type Enqueued = { seq: number; event: EngineEvent };

/** How the engine took an enqueued event; a buffered message is accepted but not correlated yet. */
type Applied = { accepted: boolean; buffered: boolean; expiresAt?: string };

export async function bpmnProcess(input: BpmnProcessInput): Promise<BpmnProcessResult> {
  const plan: ExecutionPlan = input.plan;
  const { caseId, district } = input;
  const prefix = input.child?.storePrefix ?? "";
  const isChild = input.child !== undefined;
  const calledPlans = { ...input.calledPlans };

  let state: EngineState | null = input.resume?.state ?? null;
  const taskIds = new Map<string, string>(Object.entries(input.resume?.taskIds ?? {}));
  const engineTaskIds = new Map<string, string>([...taskIds].map(([engineId, storeId]) => [storeId, engineId]));
  const timers = new Map<string, string>(Object.entries(input.resume?.timers ?? {}));
  let dueAt = input.resume?.dueAt ?? null;
  // The API creates the case row as "active"; only changes are written. Patched so that cases
  // started before this change (which wrote "active" once more) still replay.
  let lastStatus: CaseStatus | null = !input.resume && patched("initial-status-active") ? "active" : null;

  const queue: Enqueued[] = [];
  const applied = new Map<number, Applied>();
  let nextSeq = 0;
  const pendingTasks = new Set<string>();
  // Store task id → what its accepted completion closes the row with (form data, audit fields).
  const completions = new Map<string, { data: Variables; ip: string | null }>();
  const pendingIncidents = new Set<string>();
  const scopes = new Map<string, CancellationScope>();
  let inFlight = 0;
  // The message names this case's plan can wait for (the plan does not change within a run).
  const ownMessageNames = planMessageNames(plan);
  // Running called cases: child id → call activity element; and the incidents and message
  // subscriptions each last reported.
  const callElements = new Map<string, string>();
  const childIncidents = new Map<string, CaseIncident[]>();
  const childSubscriptions = new Map<string, MessageSubscription[]>();
  const childMessageNames = new Map<string, string[]>();
  let childReportChanged = false;
  // What this called case last reported to its parent.
  let reportedIncidents = input.resume?.reported?.incidents ?? "";
  let reportedMessageSubscriptions = input.resume?.reported?.messageSubscriptions ?? "";

  const now = () => new Date().toISOString();
  /** The workflow id of this case's called case `childId` (nested under this case's own path). */
  const childWorkflowOf = (childId: string) => childWorkflowId(caseId, `${prefix}${childId}`);
  const enqueue = (event: EngineEvent): number => {
    const seq = nextSeq++;
    queue.push({ seq, event });
    return seq;
  };
  const waitApplied = async (seq: number): Promise<Applied> => {
    await condition(() => applied.has(seq));
    const result = applied.get(seq) ?? { accepted: false, buffered: false };
    applied.delete(seq);
    return result;
  };
  const messageReceived = (message: ForwardedMessage): EngineEvent => ({
    type: "messageReceived",
    name: message.name,
    correlationKey: message.correlationKey,
    payload: message.payload ?? {},
    at: now(),
    ...(message.expiresAt ? { expiresAt: message.expiresAt } : {}),
  });
  const view = (): CaseStateView => {
    if (!state) return { caseId, status: "active", openTasks: [], activeElements: [], variables: {}, incidents: [] };
    const v = caseView(state);
    // named here, where the plan is: a parent shows its called cases' incidents without their plans
    const incidents = v.incidents.map((i) => {
      const name = i.elementId ? plan.nodes[i.elementId]?.name : undefined;
      return name ? { ...i, elementName: name } : i;
    });
    return withChildIncidents(
      { ...v, incidents, openTasks: v.openTasks.map((t) => ({ ...t, taskId: taskIds.get(t.taskId) ?? t.taskId })) },
      [...childIncidents.values()].flat(),
    );
  };
  const forgetChild = (childId: string) => {
    callElements.delete(childId);
    if (childIncidents.delete(childId)) childReportChanged = true;
    if (childSubscriptions.delete(childId)) childReportChanged = true;
    if (childMessageNames.delete(childId)) childReportChanged = true;
  };

  // Handlers first, so nothing delivered with the start is lost.
  setHandler(caseStateQuery, view);
  setHandler(pendingTimersQuery, () =>
    [...timers].map(([timerId, fireAt]) => ({ timerId, fireAt })).sort((a, b) => a.fireAt.localeCompare(b.fireAt)),
  );
  setHandler(
    completeTaskUpdate,
    async (raw) => {
      pendingTasks.add(raw.taskId);
      completions.set(raw.taskId, { data: raw.data ?? {}, ip: raw.ip ?? null });
      try {
        const engineTaskId = engineTaskIds.get(raw.taskId) ?? raw.taskId;
        await waitApplied(
          enqueue({ type: "taskCompleted", taskId: engineTaskId, actor: raw.actor, data: raw.data ?? {}, at: now() }),
        );
      } finally {
        pendingTasks.delete(raw.taskId);
        completions.delete(raw.taskId);
      }
      return view();
    },
    {
      validator: (raw) => {
        const rejection = checkCompletion({ plan, state, district, engineTaskIds, pending: pendingTasks }, raw);
        if (rejection) {
          throw ApplicationFailure.create({
            type: rejection.code,
            message: rejection.en,
            details: [rejection],
            nonRetryable: true,
          });
        }
      },
    },
  );
  setHandler(
    deliverMessageUpdate,
    async (message) => {
      const outcome = await waitApplied(enqueue(messageReceived(message)));
      const delivery: MessageDelivery = {
        correlated: outcome.accepted && !outcome.buffered,
        buffered: outcome.buffered,
      };
      if (outcome.expiresAt) delivery.expiresAt = outcome.expiresAt;
      return delivery;
    },
    {
      validator: (message) => {
        if (!message || typeof message.name !== "string" || message.name.length === 0) {
          throw ApplicationFailure.create({
            type: "invalid-input",
            message: "A message needs a name.",
            details: [{ code: "invalid-input", id: "Pesan harus memiliki nama.", en: "A message needs a name." }],
            nonRetryable: true,
          });
        }
        // Only what the steps taking the name declare (their output mappings), as the API checks;
        // `documents` is the key the API itself adds for uploaded files. Validators do not run on
        // replay, so recorded histories are unaffected.
        const payload = message.payload ?? {};
        const plans = [plan, ...Object.values(calledPlans).map((called) => called.plan)];
        const refused = refusedMessageKeys(plans, message.name, payload, ["documents"]);
        if (refused.length > 0) {
          const reason = messageNotAllowed(message.name, refused);
          throw ApplicationFailure.create({
            type: "data-not-allowed",
            message: reason.en,
            details: [{ code: "data-not-allowed", ...reason, fields: refused }],
            nonRetryable: true,
          });
        }
      },
    },
  );
  setHandler(
    retryIncidentUpdate,
    async (raw) => {
      pendingIncidents.add(raw.incidentId);
      let outcome: Applied;
      try {
        outcome = await waitApplied(
          enqueue({
            type: "retryIncident",
            incidentId: raw.incidentId,
            ...(raw.variables ? { variables: raw.variables } : {}),
            at: now(),
          }),
        );
      } finally {
        pendingIncidents.delete(raw.incidentId);
      }
      // Only a case that ended between validation and application gets here.
      if (!outcome.accepted) throw unknownIncident(raw.incidentId);
      return view();
    },
    {
      validator: (raw) => {
        const shapeOk =
          typeof raw?.incidentId === "string" &&
          raw.incidentId.length > 0 &&
          typeof raw.actor?.userId === "string" &&
          (raw.variables === undefined ||
            (typeof raw.variables === "object" && raw.variables !== null && !Array.isArray(raw.variables)));
        if (!shapeOk) {
          throw ApplicationFailure.create({
            type: "invalid-input",
            message: "A retry needs an incident id, an actor and variables as an object.",
            details: [
              {
                code: "invalid-input",
                id: "Pengulangan memerlukan id insiden, pelaku, dan variabel berupa objek.",
                en: "A retry needs an incident id, an actor and variables as an object.",
              },
            ],
            nonRetryable: true,
          });
        }
        const open = state?.status === "active" && state.incidents.some((i) => i.id === raw.incidentId);
        if (!open || pendingIncidents.has(raw.incidentId)) throw unknownIncident(raw.incidentId);
      },
    },
  );
  setHandler(broadcastSignal, (signal) => {
    enqueue({ type: "signal", name: signal.name, payload: signal.payload ?? {}, at: now() });
  });
  setHandler(messageSignal, (message) => {
    enqueue(messageReceived(message));
  });
  setHandler(childEventSignal, (e) => {
    enqueue(
      e.kind === "escalated"
        ? { type: "childEscalated", childId: e.childId, code: e.code, at: now() }
        : { type: "childErrored", childId: e.childId, code: e.code, message: e.message, at: now() },
    );
  });
  setHandler(childIncidentsSignal, ({ childId, incidents }) => {
    const elementId = callElements.get(childId);
    // A report that arrives after its called case ended or was cancelled is stale.
    if (elementId === undefined) return;
    childIncidents.set(childId, asParentIncidents(childId, elementId, incidents));
    childReportChanged = true;
  });
  setHandler(childMessageSubscriptionsSignal, ({ childId, subscriptions, messageNames }) => {
    // Stale after its called case ended or was cancelled, as for incidents.
    if (!callElements.has(childId)) return;
    const opened = openedSubscriptions(childSubscriptions.get(childId) ?? [], subscriptions);
    childSubscriptions.set(childId, subscriptions);
    if (messageNames) childMessageNames.set(childId, messageNames);
    childReportChanged = true;
    // Only newly opened subscriptions: one still open since the last report was offered the
    // buffer then, and a second message for it would end up kept by the called case instead.
    // Patched: cases recorded before this may have buffered messages while called cases reported.
    if (opened.length > 0 && patched("hand-down-buffered-messages")) {
      enqueue({ type: "childSubscribed", childId, subscriptions: opened, at: now() });
    }
  });

  // ---- commands → Temporal ----------------------------------------------------------------

  const track = (key: string, scope: CancellationScope, work: Promise<void>) => {
    inFlight++;
    scopes.set(key, scope);
    work
      .catch((error: unknown) => {
        if (!isCancellation(error)) throw error;
      })
      .finally(() => {
        inFlight--;
        scopes.delete(key);
      });
  };

  const startTimer = (timerId: string, fireAt: string) => {
    timers.set(timerId, fireAt);
    const scope = new CancellationScope();
    const delay = Math.max(1, Date.parse(fireAt) - Date.now());
    // Timers do not count as in flight: continue-as-new restarts them from `timers`.
    scopes.set(`timer:${timerId}`, scope);
    scope
      .run(() => sleep(delay))
      .then(
        () => {
          timers.delete(timerId);
          scopes.delete(`timer:${timerId}`);
          enqueue({ type: "timerFired", timerId, at: now() });
        },
        (error: unknown) => {
          if (!isCancellation(error)) throw error;
        },
      );
  };

  const cancel = (key: string) => {
    scopes.get(key)?.cancel();
    scopes.delete(key);
  };

  const runJob = (c: Extract<EngineCommand, { type: "runJob" }>) => {
    const node = plan.nodes[c.elementId];
    const retries = node && "connector" in node ? node.connector.retries : 3;
    const external = !isBuiltInConnector(c.jobType);
    // An external job's retries are its worker's to count (the job API fails it for good at 0);
    // Temporal only retries when no answer came for 30 days (a lost worker fleet, not a bad job).
    const connectors = external
      ? proxyActivities<CaseActivities>({
          startToCloseTimeout: "30 days",
          retry: { maximumAttempts: 3, initialInterval: "1 minute", maximumInterval: "1 hour" },
        })
      : proxyActivities<CaseActivities>({
          startToCloseTimeout: "5 minutes",
          retry: { maximumAttempts: retries + 1, initialInterval: "2 seconds", maximumInterval: "1 minute" },
        });
    const scope = new CancellationScope();
    track(
      `job:${c.jobId}`,
      scope,
      scope
        .run(() =>
          connectors.runConnector({
            caseId,
            district,
            elementId: c.elementId,
            elementInstanceId: `${prefix}${c.elementInstanceId ?? c.jobId}`,
            type: c.jobType,
            headers: c.headers,
            variables: c.variables,
            jobId: `${prefix}${c.jobId}`,
            at: now(),
            ...(external ? { retries } : {}),
          }),
        )
        .then(
          (result) => {
            enqueue(
              result.ok
                ? { type: "jobCompleted", jobId: c.jobId, output: result.output, at: now() }
                : { type: "jobFailed", jobId: c.jobId, bpmnError: result.bpmnError, at: now() },
            );
          },
          (error: unknown) => {
            if (isCancellation(error)) throw error;
            // Retries exhausted: an incident an admin retries once the cause is fixed, never a
            // BPMN error a catch-all boundary would take for a business outcome. Histories
            // recorded before this change threw error "connector-failed" and must replay so.
            if (patched("connector-incident")) {
              enqueue({ type: "jobExhausted", jobId: c.jobId, message: errorMessage(error), at: now() });
            } else {
              enqueue({
                type: "jobFailed",
                jobId: c.jobId,
                bpmnError: { code: "connector-failed", message: errorMessage(error) },
                at: now(),
              });
            }
          },
        ),
    );
  };

  const startChildCase = (c: Extract<EngineCommand, { type: "startChild" }>) => {
    callElements.set(c.childId, c.elementId);
    const scope = new CancellationScope();
    const work = scope.run(async () => {
      let called = calledPlans[c.processId];
      if (!called) {
        const loaded = await store.loadPlan({ processId: c.processId, district, at: now() });
        if (loaded) calledPlans[c.processId] = loaded;
        called = loaded ?? undefined;
      }
      if (!called || !state) {
        // never started: nothing will report for it
        forgetChild(c.childId);
        enqueue({
          type: "childFailed",
          childId: c.childId,
          error: { message: `No published plan for called process "${c.processId}"` },
          at: now(),
        });
        return;
      }
      try {
        const result = await executeChild(bpmnProcess, {
          // Derived from the case, not the running workflow id, so histories replay under any id.
          workflowId: childWorkflowOf(c.childId),
          args: [
            {
              caseId,
              district,
              plan: called.plan,
              planHash: called.planHash,
              variables: c.variables,
              calendar: state.calendar,
              calledPlans,
              ...(input.historyLimit ? { historyLimit: input.historyLimit } : {}),
              child: {
                parentWorkflowId: workflowInfo().workflowId,
                storePrefix: `${prefix}${c.childId}/`,
                childId: c.childId,
              },
            },
          ],
        });
        enqueue(
          result.status === "completed"
            ? { type: "childCompleted", childId: c.childId, output: result.variables, at: now() }
            : {
                type: "childFailed",
                childId: c.childId,
                error: { message: `Called process "${c.processId}" ended ${result.status}` },
                at: now(),
              },
        );
      } catch (error) {
        if (isCancellation(error)) throw error;
        enqueue({ type: "childFailed", childId: c.childId, error: { message: errorMessage(error) }, at: now() });
      } finally {
        forgetChild(c.childId);
      }
    });
    track(`child:${c.childId}`, scope, work);
  };

  /** Tells the parent case about an escalation or error this called case did not catch. */
  const toParent = async (kind: "escalated" | "errored", code: string, message: string) => {
    const child = input.child;
    if (!child?.childId) return; // a top-level case: the record is in the history
    await getExternalWorkflowHandle(child.parentWorkflowId)
      .signal(childEventSignal, { childId: child.childId, kind, code, message })
      .catch(() => undefined);
  };

  /** Tells the parent case this called case's open incidents, when they changed since last time. */
  const reportIncidents = async () => {
    const child = input.child;
    if (!child?.childId) return;
    const incidents = view().incidents;
    const key = incidentsKey(incidents);
    if (key === reportedIncidents) return;
    // Called cases recorded before they reported incidents must replay without the signal.
    if (!patched("child-incidents")) return;
    reportedIncidents = key;
    await getExternalWorkflowHandle(child.parentWorkflowId)
      .signal(childIncidentsSignal, { childId: child.childId, incidents })
      .catch(() => undefined);
  };

  /**
   * Tells the parent case the message subscriptions this called case and its called cases hold
   * open, and the message names they can buffer, when they changed.
   */
  const reportMessageSubscriptions = async () => {
    const child = input.child;
    if (!child?.childId || !state) return;
    const subscriptions = reportedSubscriptions(openMessageSubscriptions(state), childSubscriptions.values());
    // Called cases recorded before they reported names must replay without them: a name alone
    // would send a report (a signal) where they sent none.
    const messageNames = patched("child-message-names")
      ? reportedMessageNames(ownMessageNames, childMessageNames.values())
      : [];
    const key = subscriptionsKey(subscriptions, messageNames);
    if (key === reportedMessageSubscriptions) return;
    // Called cases recorded before they reported subscriptions must replay without the signal.
    if (!patched("child-message-subscriptions")) return;
    reportedMessageSubscriptions = key;
    await getExternalWorkflowHandle(child.parentWorkflowId)
      .signal(childMessageSubscriptionsSignal, {
        childId: child.childId,
        subscriptions,
        ...(messageNames.length > 0 ? { messageNames } : {}),
      })
      .catch(() => undefined);
  };

  /**
   * Hands a received message that no subscription of this case takes to the running called case
   * that reported one that does, or, when this case's plan cannot buffer the name, to the one that
   * reported it can, with the expiry this case answers with. Null when there is none, or its
   * workflow ended meanwhile (the engine then buffers or rejects it, so the update's answer stays
   * true). No patch is needed: only a report leads here, and histories recorded before reports
   * (or their names) existed hold none. If the called case's subscription closed just before the
   * message arrives there, that case buffers it under its own rules (or rejects it): the answer
   * "correlated" was true for what the case knew, like a message that finds its catch event
   * cancelled in the same instant. Likewise one handed down to buffer correlates there at once if
   * a step opened meanwhile.
   */
  const forwardToChild = async (
    event: Extract<EngineEvent, { type: "messageReceived" }>,
  ): Promise<Omit<Applied, "accepted"> | null> => {
    if (!state || (childSubscriptions.size === 0 && childMessageNames.size === 0)) return null;
    const running = [...callElements.keys()].map(
      (id) => [id, childSubscriptions.get(id) ?? [], childMessageNames.get(id)] as const,
    );
    const key = event.correlationKey ?? null;
    const caseCatches = ownMessageNames.includes(event.name);
    const route = routeMessage(openMessageSubscriptions(state), running, event.name, key, caseCatches);
    if (route.to !== "child") return null;
    // Passed on even when a waiting called case takes it: a message this case's parent handed
    // down keeps its expiry should that subscription close before it arrives.
    const expiresAt = route.buffered
      ? (event.expiresAt ?? bufferExpiry(state, event.at, event.timeToLive))
      : (event.expiresAt ?? null);
    // This case would not buffer it either (time-to-live zero): its engine answers as before.
    if (route.buffered && expiresAt === null) return null;
    try {
      await getExternalWorkflowHandle(childWorkflowOf(route.childId)).signal(messageSignal, {
        name: event.name,
        correlationKey: event.correlationKey,
        payload: event.payload,
        ...(expiresAt ? { expiresAt } : {}),
      });
      return route.buffered && expiresAt ? { buffered: true, expiresAt } : { buffered: false };
    } catch {
      // The called case's workflow is gone (ended between its report and now): nothing to hand to.
      return null;
    }
  };

  /**
   * Hands a message this case buffered to the called case whose newly opened subscription takes
   * it, so it correlates there at once. If that subscription closed before the message arrives,
   * the called case keeps it under its own rules until the same expiry (or rejects it), as it
   * would a message forwarded to a subscription that closed in the same instant. If the called
   * case's workflow ended meanwhile, this case takes the message back (buffered again until the
   * same expiry, or routed anew).
   */
  const passMessage = async (c: Extract<EngineCommand, { type: "passMessage" }>) => {
    const message: ForwardedMessage = {
      name: c.name,
      ...(c.correlationKey !== null ? { correlationKey: c.correlationKey } : {}),
      payload: c.payload,
      expiresAt: c.expiresAt,
    };
    await getExternalWorkflowHandle(childWorkflowOf(c.childId))
      .signal(messageSignal, message)
      .catch(() => {
        enqueue(messageReceived(message));
      });
  };

  /** Brings the case row (a top case) or the parent case (a called case) up to date after a change. */
  const report = async () => {
    if (!state) return;
    if (isChild) {
      await reportIncidents();
      await reportMessageSubscriptions();
      return;
    }
    const status = view().status;
    if (status !== lastStatus || state.caseDueAt !== dueAt) {
      lastStatus = status;
      dueAt = state.caseDueAt;
      await store.setCaseStatus({ caseId, status, dueAt });
    }
  };

  /** Delivers a thrown message to the district's other running cases (fire-and-forget). */
  const sendMessage = async (name: string, correlationKey: string | null, payload: Record<string, unknown>) => {
    const ids = await store.listCaseWorkflows({ district, excludeCaseId: caseId });
    await Promise.all(
      ids.map((id) =>
        getExternalWorkflowHandle(id)
          .signal(messageSignal, { name, correlationKey: correlationKey ?? undefined, payload })
          .catch(() => undefined),
      ),
    );
  };

  const broadcast = async (name: string, payload: Record<string, unknown>) => {
    const ids = await store.listCaseWorkflows({ district, excludeCaseId: caseId });
    await Promise.all(
      ids.map((id) =>
        getExternalWorkflowHandle(id)
          .signal(broadcastSignal, { name, payload })
          .catch(() => undefined),
      ),
    );
  };

  /**
   * A called case writes on its case's timeline with element ids of its own model, which the case's
   * model does not know (or uses for other elements): it says so and names the element.
   */
  const calledRecordData = (data: Record<string, unknown>, elementId: string | null) => {
    const name = elementId ? plan.nodes[elementId]?.name : undefined;
    return { ...data, calledProcess: plan.processId, ...(name ? { elementName: name } : {}) };
  };

  /** Carries out one step's commands; returns the finish command if the case ended. */
  const execute = async (commands: EngineCommand[]): Promise<Extract<EngineCommand, { type: "finish" }> | null> => {
    const records: CaseEventInput[] = [];
    const storeWork: Promise<unknown>[] = [];
    let finish: Extract<EngineCommand, { type: "finish" }> | null = null;
    for (const c of commands) {
      switch (c.type) {
        case "record":
          records.push({
            type: c.recordType,
            elementId: c.elementId,
            data: isChild ? calledRecordData(c.data, c.elementId) : c.data,
            at: c.at,
            dedupeKey: `${caseId}:${prefix}${c.key}`,
          });
          break;
        case "openTask": {
          const storeId = uuid4();
          taskIds.set(c.taskId, storeId);
          engineTaskIds.set(storeId, c.taskId);
          storeWork.push(
            store
              .createTask({
                taskId: storeId,
                caseId,
                district,
                elementId: c.elementId,
                elementInstanceId: `${prefix}${c.elementInstanceId}`,
                name: c.name,
                roles: c.roles,
                assignee: c.assignee,
                // Older engine states and histories know neither; the store defaults them.
                ...(c.candidateUsers?.length ? { candidateUsers: c.candidateUsers } : {}),
                ...(c.followUpAt ? { followUpAt: c.followUpAt } : {}),
                formId: c.formId,
                documents: c.documents,
                dueAt: c.dueAt,
              })
              .then((created) => {
                // Nobody in the directory could work on it: the engine holds the element on an
                // incident. Recorded histories never got `refused`, so they replay unchanged.
                if (created.refused) {
                  taskIds.delete(c.taskId);
                  engineTaskIds.delete(storeId);
                  enqueue({ type: "taskRefused", taskId: c.taskId, reason: created.refused, at: now() });
                }
              }),
          );
          break;
        }
        case "closeTask": {
          const storeId = taskIds.get(c.taskId);
          if (storeId) {
            taskIds.delete(c.taskId);
            // A user's completion closes the row with its data and its audit entry in one store
            // transaction: the activity is retried until it commits, so a crash of the API after
            // the update cannot leave the completion without result or audit record.
            const completion = c.status === "completed" ? completions.get(storeId) : undefined;
            storeWork.push(
              store.closeTask(
                completion
                  ? {
                      taskId: storeId,
                      status: c.status,
                      by: c.by,
                      result: completion.data,
                      audit: { ip: completion.ip },
                    }
                  : { taskId: storeId, status: c.status, by: c.by },
              ),
            );
          }
          break;
        }
        case "startTimer":
          startTimer(c.timerId, c.fireAt);
          break;
        case "cancelTimer":
          timers.delete(c.timerId);
          cancel(`timer:${c.timerId}`);
          break;
        case "runJob":
          runJob(c);
          break;
        case "cancelJob":
          cancel(`job:${c.jobId}`);
          break;
        case "startChild":
          startChildCase(c);
          break;
        case "cancelChild":
          cancel(`child:${c.childId}`);
          forgetChild(c.childId);
          break;
        case "broadcast":
          storeWork.push(broadcast(c.name, c.payload));
          break;
        case "escalate":
          storeWork.push(toParent("escalated", c.code, ""));
          break;
        case "uncaughtError":
          storeWork.push(toParent("errored", c.code, c.message));
          break;
        case "sendMessage":
          storeWork.push(sendMessage(c.name, c.correlationKey, c.variables));
          break;
        case "passMessage":
          storeWork.push(passMessage(c));
          break;
        case "finish":
          finish = c;
          break;
        default:
          // A command this adapter does not know yet is a bug: fail the workflow task (it retries
          // after a fix) rather than drop the command silently.
          throw new Error(`Unknown engine command ${(c as { type: string }).type}`);
      }
    }
    if (records.length > 0) storeWork.push(store.recordCaseEvents({ caseId, events: records }));
    await Promise.all(storeWork);
    if (!finish) await report();
    return finish;
  };

  const end = async (finish: Extract<EngineCommand, { type: "finish" }>): Promise<BpmnProcessResult> => {
    for (const key of [...scopes.keys()]) cancel(key);
    for (const childId of [...callElements.keys()]) forgetChild(childId);
    if (!isChild) await store.setCaseStatus({ caseId, status: caseStatusOf(finish.status), endedAt: now() });
    await condition(allHandlersFinished);
    return { status: finish.status, variables: finish.variables };
  };

  // A step's commands always run to the end: a workflow cancellation must not leave the store
  // half-written (engine state already moved on); it is observed between events instead.
  const apply = (item: Enqueued) =>
    CancellationScope.nonCancellable(async () => {
      if (!state) throw new Error("engine state missing");
      const forwarded = item.event.type === "messageReceived" ? await forwardToChild(item.event) : null;
      if (forwarded) {
        applied.set(item.seq, { accepted: true, ...forwarded });
        return null;
      }
      const result = step(plan, state, item.event);
      state = result.state;
      const finish = await execute(result.commands);
      const buffered = result.buffered === true;
      const expiresAt = buffered ? result.state.messages?.at(-1)?.expiresAt : undefined;
      applied.set(item.seq, { accepted: result.accepted, buffered, ...(expiresAt ? { expiresAt } : {}) });
      return finish;
    });

  const shouldContinueAsNew = () => {
    const info = workflowInfo();
    return (
      (info.continueAsNewSuggested || info.historyLength > (input.historyLimit ?? HISTORY_LIMIT)) &&
      inFlight === 0 &&
      queue.length === 0 &&
      pendingTasks.size === 0
    );
  };

  // ---- the loop ----------------------------------------------------------------------------

  try {
    if (!state) {
      const year = Number(now().slice(0, 4));
      const calendar = input.calendar ?? (await store.loadCalendar({ district, years: [year, year + 1, year + 2] }));
      // Buffering is on (default time-to-live) without a patch marker: the recorded histories
      // (event-gateway-message) were made with buffering and no marker, so a patch here would
      // turn it off on their replay. See the engine README.
      state = initialState(plan, { caseId, calendar });
      // Start comes before anything that arrived while the calendar loaded.
      queue.unshift({ seq: nextSeq++, event: { type: "start", variables: input.variables, at: now() } });
    } else {
      lastStatus = view().status;
      for (const [timerId, fireAt] of timers) startTimer(timerId, fireAt);
    }
    for (;;) {
      await condition(() => queue.length > 0 || childReportChanged || shouldContinueAsNew());
      if (childReportChanged) {
        childReportChanged = false;
        await CancellationScope.nonCancellable(report);
        continue;
      }
      const item = queue.shift();
      if (!item) {
        await condition(allHandlersFinished);
        if (queue.length > 0) continue;
        return await continueAsNew<typeof bpmnProcess>({
          ...input,
          calledPlans,
          calendar: undefined,
          resume: {
            state: state!,
            taskIds: Object.fromEntries(taskIds),
            timers: Object.fromEntries(timers),
            dueAt,
            runs: (input.resume?.runs ?? 0) + 1,
            reported: { incidents: reportedIncidents, messageSubscriptions: reportedMessageSubscriptions },
          },
        });
      }
      const finish = await apply(item);
      if (finish) return await end(finish);
    }
  } catch (error) {
    if (!isCancellation(error) || !state) throw error;
    // The case was cancelled through Temporal (withdrawn application): let the engine close tasks and record it.
    return await CancellationScope.nonCancellable(async () => {
      const result = step(plan, state!, { type: "cancel", reason: "workflow cancelled", at: now() });
      state = result.state;
      const finish = await execute(result.commands);
      return end(finish ?? { type: "finish", status: "cancelled", variables: view().variables });
    });
  }
}

function unknownIncident(incidentId: string): ApplicationFailure {
  const rejection = unknownIncidentRejection(incidentId);
  return ApplicationFailure.create({
    type: rejection.code,
    message: rejection.en,
    details: [rejection],
    nonRetryable: true,
  });
}

function caseStatusOf(status: FinishStatus): CaseStatus {
  return status;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
