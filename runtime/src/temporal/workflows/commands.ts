/**
 * The command executor: carries out one engine step's commands with Temporal primitives and the
 * store activities, and feeds their outcomes back as engine events.
 *
 * Timers. Each engine timer is its own Temporal timer in a cancellable scope (visible and
 * cancellable one by one in the history and UI); cancelTimer cancels the scope.
 * Jobs and called cases run concurrently with the loop (a boundary timer can interrupt a slow
 * connector); their results come back as events.
 * Called plans come from the input's `calledPlans` (pinned at case start); a plan missing there is
 * loaded once by the loadPlan activity, whose result history then pins.
 */
import { isBuiltInConnector } from "@alur/shared/connectors";
import {
  CancellationScope,
  executeChild,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  sleep,
  uuid4,
  workflowInfo,
} from "@temporalio/workflow";
import type { EngineCommand } from "../../engine/types";
import type { CaseActivities, CaseEventInput } from "../activities/contract";
import { broadcastSignal, messageSignal, WORKFLOW_TYPE } from "../definitions";
import type { bpmnProcess } from "./bpmn-process";
import { passMessage, report, toParent } from "./called-case-relay";
import type { CaseRun } from "./case-run";
import { store } from "./store-activities";
import { DERIVED_TASK_IDS_PATCH } from "./task-ids";

export type FinishCommand = Extract<EngineCommand, { type: "finish" }>;

/** Carries out one step's commands; returns the finish command if the case ended. */
export async function execute(run: CaseRun, commands: EngineCommand[]): Promise<FinishCommand | null> {
  const records: CaseEventInput[] = [];
  const storeWork: Promise<unknown>[] = [];
  let finish: FinishCommand | null = null;
  for (const c of commands) {
    switch (c.type) {
      case "record":
        records.push({
          type: c.recordType,
          elementId: c.elementId,
          data: run.isChild ? calledRecordData(run, c.data, c.elementId) : c.data,
          at: c.at,
          dedupeKey: `${run.caseId}:${run.prefix}${c.key}`,
        });
        break;
      case "openTask":
        storeWork.push(openTask(run, c));
        break;
      case "closeTask": {
        const work = closeTask(run, c);
        if (work) storeWork.push(work);
        break;
      }
      case "startTimer":
        startTimer(run, c.timerId, c.fireAt);
        break;
      case "cancelTimer":
        run.timers.delete(c.timerId);
        cancel(run, `timer:${c.timerId}`);
        break;
      case "runJob":
        runJob(run, c);
        break;
      case "cancelJob":
        cancel(run, `job:${c.jobId}`);
        break;
      case "startChild":
        startChildCase(run, c);
        break;
      case "cancelChild":
        cancel(run, `child:${c.childId}`);
        run.calledCases.forget(c.childId);
        break;
      case "broadcast":
        storeWork.push(
          signalDistrict(run, (id) =>
            getExternalWorkflowHandle(id).signal(broadcastSignal, { name: c.name, payload: c.payload }),
          ),
        );
        break;
      case "escalate":
        storeWork.push(toParent(run, "escalated", c.code, ""));
        break;
      case "uncaughtError":
        storeWork.push(toParent(run, "errored", c.code, c.message));
        break;
      case "sendMessage":
        storeWork.push(
          signalDistrict(run, (id) =>
            getExternalWorkflowHandle(id).signal(messageSignal, {
              name: c.name,
              correlationKey: c.correlationKey ?? undefined,
              payload: c.variables,
            }),
          ),
        );
        break;
      case "passMessage":
        storeWork.push(passMessage(run, c));
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
  if (records.length > 0) storeWork.push(store.recordCaseEvents({ caseId: run.caseId, events: records }));
  await Promise.all(storeWork);
  if (!finish) await report(run);
  return finish;
}

/** Cancels the work under `key` (a timer, job or called case). */
export function cancel(run: CaseRun, key: string) {
  run.scopes.get(key)?.cancel();
  run.scopes.delete(key);
}

/** Starts (or, after continue-as-new, restarts) engine timer `timerId`. */
export function startTimer(run: CaseRun, timerId: string, fireAt: string) {
  run.timers.set(timerId, fireAt);
  const scope = new CancellationScope();
  const delay = Math.max(1, Date.parse(fireAt) - Date.now());
  // Timers do not count as in flight: continue-as-new restarts them from `timers`.
  run.scopes.set(`timer:${timerId}`, scope);
  scope
    .run(() => sleep(delay))
    .then(
      () => {
        run.timers.delete(timerId);
        run.scopes.delete(`timer:${timerId}`);
        run.enqueue({ type: "timerFired", timerId, at: run.now() });
      },
      (error: unknown) => {
        if (!isCancellation(error)) throw error;
      },
    );
}

function track(run: CaseRun, key: string, scope: CancellationScope, work: Promise<void>) {
  run.inFlight++;
  run.scopes.set(key, scope);
  work
    .catch((error: unknown) => {
      if (!isCancellation(error)) throw error;
    })
    .finally(() => {
      run.inFlight--;
      run.scopes.delete(key);
    });
}

function openTask(run: CaseRun, c: Extract<EngineCommand, { type: "openTask" }>): Promise<void> {
  // Histories recorded before derived ids drew a uuid here: they replay with one.
  if (!patched(DERIVED_TASK_IDS_PATCH)) run.taskIds.legacy.set(c.taskId, uuid4());
  const storeId = run.taskIds.storeId(c.taskId);
  return store
    .createTask({
      taskId: storeId,
      caseId: run.caseId,
      district: run.district,
      elementId: c.elementId,
      elementInstanceId: `${run.prefix}${c.elementInstanceId}`,
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
        run.taskIds.refuse(c.taskId);
        run.enqueue({ type: "taskRefused", taskId: c.taskId, reason: created.refused, at: run.now() });
      }
    });
}

function closeTask(run: CaseRun, c: Extract<EngineCommand, { type: "closeTask" }>): Promise<unknown> | null {
  if (!run.taskIds.stored(c.taskId)) return null;
  const storeId = run.taskIds.storeId(c.taskId);
  // A user's completion closes the row with its data and its audit entry in one store
  // transaction: the activity is retried until it commits, so a crash of the API after
  // the update cannot leave the completion without result or audit record.
  const completion = c.status === "completed" ? run.completions.get(storeId) : undefined;
  return store.closeTask(
    completion
      ? { taskId: storeId, status: c.status, by: c.by, result: completion.data, audit: { ip: completion.ip } }
      : { taskId: storeId, status: c.status, by: c.by },
  );
}

function runJob(run: CaseRun, c: Extract<EngineCommand, { type: "runJob" }>) {
  const node = run.plan.nodes[c.elementId];
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
    run,
    `job:${c.jobId}`,
    scope,
    scope
      .run(() =>
        connectors.runConnector({
          caseId: run.caseId,
          district: run.district,
          elementId: c.elementId,
          elementInstanceId: `${run.prefix}${c.elementInstanceId ?? c.jobId}`,
          type: c.jobType,
          headers: c.headers,
          variables: c.variables,
          jobId: `${run.prefix}${c.jobId}`,
          at: run.now(),
          ...(external ? { retries } : {}),
        }),
      )
      .then(
        (result) => {
          run.enqueue(
            result.ok
              ? { type: "jobCompleted", jobId: c.jobId, output: result.output, at: run.now() }
              : { type: "jobFailed", jobId: c.jobId, bpmnError: result.bpmnError, at: run.now() },
          );
        },
        (error: unknown) => {
          if (isCancellation(error)) throw error;
          // Retries exhausted: an incident an admin retries once the cause is fixed, never a
          // BPMN error a catch-all boundary would take for a business outcome. Histories
          // recorded before this change threw error "connector-failed" and must replay so.
          if (patched("connector-incident")) {
            run.enqueue({ type: "jobExhausted", jobId: c.jobId, message: errorMessage(error), at: run.now() });
          } else {
            run.enqueue({
              type: "jobFailed",
              jobId: c.jobId,
              bpmnError: { code: "connector-failed", message: errorMessage(error) },
              at: run.now(),
            });
          }
        },
      ),
  );
}

function startChildCase(run: CaseRun, c: Extract<EngineCommand, { type: "startChild" }>) {
  run.calledCases.started(c.childId, c.elementId);
  const scope = new CancellationScope();
  const work = scope.run(async () => {
    let called = run.calledPlans[c.processId];
    if (!called) {
      const loaded = await store.loadPlan({ processId: c.processId, district: run.district, at: run.now() });
      if (loaded) run.calledPlans[c.processId] = loaded;
      called = loaded ?? undefined;
    }
    if (!called || !run.state) {
      // never started: nothing will report for it
      run.calledCases.forget(c.childId);
      run.enqueue({
        type: "childFailed",
        childId: c.childId,
        error: { message: `No published plan for called process "${c.processId}"` },
        at: run.now(),
      });
      return;
    }
    try {
      const result = await executeChild<typeof bpmnProcess>(WORKFLOW_TYPE, {
        // Derived from the case, not the running workflow id, so histories replay under any id.
        workflowId: run.childWorkflowOf(c.childId),
        args: [
          {
            caseId: run.caseId,
            district: run.district,
            plan: called.plan,
            planHash: called.planHash,
            variables: c.variables,
            calendar: run.state.calendar,
            calledPlans: run.calledPlans,
            ...(run.input.historyLimit ? { historyLimit: run.input.historyLimit } : {}),
            child: {
              parentWorkflowId: workflowInfo().workflowId,
              storePrefix: `${run.prefix}${c.childId}/`,
              childId: c.childId,
            },
          },
        ],
      });
      run.enqueue(
        result.status === "completed"
          ? { type: "childCompleted", childId: c.childId, output: result.variables, at: run.now() }
          : {
              type: "childFailed",
              childId: c.childId,
              error: { message: `Called process "${c.processId}" ended ${result.status}` },
              at: run.now(),
            },
      );
    } catch (error) {
      if (isCancellation(error)) throw error;
      run.enqueue({ type: "childFailed", childId: c.childId, error: { message: errorMessage(error) }, at: run.now() });
    } finally {
      run.calledCases.forget(c.childId);
    }
  });
  track(run, `child:${c.childId}`, scope, work);
}

/** Sends a signal to the district's other running cases (fire-and-forget: ended ones are skipped). */
async function signalDistrict(run: CaseRun, send: (workflowId: string) => Promise<void>) {
  const ids = await store.listCaseWorkflows({ district: run.district, excludeCaseId: run.caseId });
  await Promise.all(ids.map((id) => send(id).catch(() => undefined)));
}

/**
 * A called case writes on its case's timeline with element ids of its own model, which the case's
 * model does not know (or uses for other elements): it says so and names the element.
 */
function calledRecordData(run: CaseRun, data: Record<string, unknown>, elementId: string | null) {
  const name = elementId ? run.plan.nodes[elementId]?.name : undefined;
  return { ...data, calledProcess: run.plan.processId, ...(name ? { elementName: name } : {}) };
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
