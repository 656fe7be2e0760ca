/**
 * The `bpmnProcess` workflow: wiring between Temporal and the pure engine
 * (`step(plan, state, event)`). This file holds what a reader needs in one screen: the handlers
 * (queries, updates, signals) and the loop that applies their events one at a time, continues as
 * new and ends the case. What the pieces do lives beside it:
 * - `case-run.ts`: one run's state (engine state, queue, task ids, timers);
 * - `case-updates.ts`: each update's effect and its schema-based validator;
 * - `commands.ts`: the command executor (store activities, timers, jobs, called cases);
 * - `called-case-relay.ts`: the signals between a case and its called cases; what they carry and
 *   where a message goes is decided by the engine's `CalledCases` (`engine/called-cases.ts`).
 * Deterministic: time comes from workflow time, store task ids from engine task ids (task-ids.ts).
 *
 * Continue-as-new when Temporal suggests it or history passes HISTORY_LIMIT, at a quiet point
 * (no job, called case or update in flight), carrying engine state, task ids, running timers and
 * what a called case last reported. `patched()` markers are called at the same points as in the
 * histories recorded before this layout (runtime/test/histories), which must keep replaying.
 */
import type { CaseStatus } from "@alur/shared/schemas";
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  patched,
  setHandler,
  workflowInfo,
} from "@temporalio/workflow";
import { initialState, step, waitingJoins } from "../../engine";
import type { FinishStatus } from "../../engine/types";
import {
  type BpmnProcessInput,
  type BpmnProcessResult,
  broadcastSignal,
  caseStateQuery,
  childEventSignal,
  childIncidentsSignal,
  childMessageSubscriptionsSignal,
  completeTaskUpdate,
  correctVariablesUpdate,
  deliverMessageUpdate,
  messageSignal,
  migrateUpdate,
  migrationCheckQuery,
  pendingTimersQuery,
  resumeUpdate,
  retryIncidentUpdate,
  suspendUpdate,
  waitingJoinsQuery,
} from "../definitions";
import { forwardToChild, report } from "./called-case-relay";
import { CaseRun, type Enqueued } from "./case-run";
import { caseUpdates } from "./case-updates";
import { cancel, execute, type FinishCommand, startTimer } from "./commands";
import { store } from "./store-activities";

/** Continue-as-new well before Temporal's 50k-event limit, even if it has not suggested it yet. */
const HISTORY_LIMIT = 8_000;

export async function bpmnProcess(input: BpmnProcessInput): Promise<BpmnProcessResult> {
  const run = new CaseRun(input);
  // The API creates the case row as "active"; only changes are written. Patched so that cases
  // started before this change (which wrote "active" once more) still replay.
  run.lastStatus = !input.resume && patched("initial-status-active") ? "active" : null;
  // Handlers first, so nothing delivered with the start is lost.
  handle(run);
  try {
    await begin(run);
    for (;;) {
      await condition(() => run.queue.length > 0 || run.calledCases.changed || shouldContinueAsNew(run));
      if (run.calledCases.changed) {
        // A called case's report changed what this case shows or reports to its own parent.
        run.calledCases.changed = false;
        await CancellationScope.nonCancellable(() => report(run));
        continue;
      }
      const item = run.queue.shift();
      if (!item) {
        await condition(allHandlersFinished);
        if (run.queue.length > 0) continue;
        return await continueAsNew<typeof bpmnProcess>(nextRun(run));
      }
      const finish = await apply(run, item);
      if (finish) return await end(run, finish);
    }
  } catch (error) {
    if (!isCancellation(error) || !run.state) throw error;
    // The case was cancelled through Temporal (withdrawn application): let the engine close tasks and record it.
    return await CancellationScope.nonCancellable(async () => {
      const result = step(run.plan, run.state!, { type: "cancel", reason: "workflow cancelled", at: run.now() });
      run.state = result.state;
      const finish = await execute(run, result.commands);
      return end(run, finish ?? { type: "finish", status: "cancelled", variables: run.view().variables });
    });
  }
}

/** The workflow's surface: what each query, update and signal does to the run. */
function handle(run: CaseRun): void {
  const updates = caseUpdates(run);
  // queries
  setHandler(caseStateQuery, () => run.view());
  setHandler(pendingTimersQuery, () =>
    [...run.timers].map(([timerId, fireAt]) => ({ timerId, fireAt })).sort((a, b) => a.fireAt.localeCompare(b.fireAt)),
  );
  setHandler(waitingJoinsQuery, () => (run.state ? waitingJoins(run.state) : []));
  // updates: answered once the loop applied their event
  setHandler(completeTaskUpdate, updates.completeTask.run, { validator: updates.completeTask.validate });
  setHandler(deliverMessageUpdate, updates.deliverMessage.run, { validator: updates.deliverMessage.validate });
  setHandler(retryIncidentUpdate, updates.retryIncident.run, { validator: updates.retryIncident.validate });
  setHandler(correctVariablesUpdate, updates.correctVariables.run, { validator: updates.correctVariables.validate });
  setHandler(suspendUpdate, updates.suspend.run, { validator: updates.suspend.validate });
  setHandler(resumeUpdate, updates.resume.run, { validator: updates.resume.validate });
  setHandler(migrateUpdate, updates.migrate.run, { validator: updates.migrate.validate });
  setHandler(migrationCheckQuery, updates.migrate.check);
  // signals from the API and other cases: one engine event each
  setHandler(broadcastSignal, (signal) => {
    run.enqueue({ type: "signal", name: signal.name, payload: signal.payload ?? {}, at: run.now() });
  });
  setHandler(messageSignal, (message) => {
    run.enqueue(run.messageReceived(message));
  });
  // signals from called cases: uncaught escalations and errors are engine events; reports of
  // incidents and subscriptions go to CalledCases (a stale report, after its case ended, is dropped)
  setHandler(childEventSignal, (e) => {
    run.enqueue(
      e.kind === "escalated"
        ? { type: "childEscalated", childId: e.childId, code: e.code, at: run.now() }
        : { type: "childErrored", childId: e.childId, code: e.code, message: e.message, at: run.now() },
    );
  });
  setHandler(childIncidentsSignal, ({ childId, incidents }) => {
    run.calledCases.incidentsReported(childId, incidents);
  });
  setHandler(childMessageSubscriptionsSignal, ({ childId, subscriptions, messageNames }) => {
    const opened = run.calledCases.subscriptionsReported(childId, subscriptions, messageNames);
    // The engine offers the newly opened subscriptions the messages it buffered. Patched: cases
    // recorded before this may have buffered messages while called cases reported.
    if (opened && opened.length > 0 && patched("hand-down-buffered-messages")) {
      run.enqueue({ type: "childSubscribed", childId, subscriptions: opened, at: run.now() });
    }
  });
}

/** A new case loads its calendar and starts; a continued one restarts its timers. */
async function begin(run: CaseRun): Promise<void> {
  if (run.state) {
    run.lastStatus = run.view().status;
    for (const [timerId, fireAt] of run.timers) startTimer(run, timerId, fireAt);
    return;
  }
  const year = Number(run.now().slice(0, 4));
  const calendar =
    run.input.calendar ?? (await store.loadCalendar({ district: run.district, years: [year, year + 1, year + 2] }));
  // Buffering is on (default time-to-live) without a patch marker: the recorded histories
  // (event-gateway-message) were made with buffering and no marker, so a patch here would
  // turn it off on their replay. See the engine README.
  run.state = initialState(run.plan, { caseId: run.caseId, calendar });
  // Start comes before anything that arrived while the calendar loaded.
  run.enqueueFirst({ type: "start", variables: run.input.variables, at: run.now() });
}

/**
 * Applies one event. A step's commands always run to the end: a workflow cancellation must not
 * leave the store half-written (engine state already moved on); it is observed between events.
 */
function apply(run: CaseRun, item: Enqueued): Promise<FinishCommand | null> {
  return CancellationScope.nonCancellable(async () => {
    if (!run.state) throw new Error("engine state missing");
    run.applying = true;
    try {
      return await applyEvent(run, item);
    } finally {
      run.applying = false;
    }
  });
}

async function applyEvent(run: CaseRun, item: Enqueued): Promise<FinishCommand | null> {
  {
    if (!run.state) throw new Error("engine state missing");
    const forwarded = item.event.type === "messageReceived" ? await forwardToChild(run, item.event) : null;
    if (forwarded) {
      run.applied.set(item.seq, { accepted: true, ...forwarded });
      return null;
    }
    const result = step(run.plan, run.state, item.event);
    run.state = result.state;
    const finish = await execute(run, result.commands);
    const buffered = result.buffered === true;
    const expiresAt = buffered ? result.state.messages?.at(-1)?.expiresAt : undefined;
    run.applied.set(item.seq, { accepted: result.accepted, buffered, ...(expiresAt ? { expiresAt } : {}) });
    return finish;
  }
}

function shouldContinueAsNew(run: CaseRun): boolean {
  const info = workflowInfo();
  return (
    (info.continueAsNewSuggested || info.historyLength > (run.input.historyLimit ?? HISTORY_LIMIT)) &&
    run.inFlight === 0 &&
    run.queue.length === 0 &&
    run.pendingTasks.size === 0
  );
}

/** The next run's input: the same case, with what this run must hand over. */
function nextRun(run: CaseRun): BpmnProcessInput {
  return {
    ...run.input,
    // the plan it runs now (another version's after a migration)
    plan: run.plan,
    planHash: run.planHash,
    calledPlans: run.calledPlans,
    calendar: undefined,
    resume: {
      state: run.state!,
      // Only uuids of older runs' tasks still open: every other id is derived.
      taskIds: Object.fromEntries([...run.taskIds.legacy].filter(([engineId]) => run.state?.tasks[engineId])),
      timers: Object.fromEntries(run.timers),
      dueAt: run.dueAt,
      runs: (run.input.resume?.runs ?? 0) + 1,
      reported: { incidents: run.reportedIncidents, messageSubscriptions: run.reportedMessageSubscriptions },
    },
  };
}

async function end(run: CaseRun, finish: FinishCommand): Promise<BpmnProcessResult> {
  for (const key of [...run.scopes.keys()]) cancel(run, key);
  for (const childId of run.calledCases.running()) run.calledCases.forget(childId);
  if (!run.isChild)
    await store.setCaseStatus({ caseId: run.caseId, status: caseStatusOf(finish.status), endedAt: run.now() });
  await condition(allHandlersFinished);
  return { status: finish.status, variables: finish.variables };
}

function caseStatusOf(status: FinishStatus): CaseStatus {
  return status;
}
