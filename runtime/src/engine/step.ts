/**
 * `step(plan, state, event) → { state, commands, accepted }`: applies one event to a copy of the
 * state and runs every token as far as it can go without waiting. Pure and deterministic.
 */
import type { ExecutionPlan } from "@alur/shared/plan";
import { behaviours } from "./behaviours";
import { type Ctx, createCtx, emit, instanceOf, raiseIncident, record, rootInstance } from "./context";
import { deliverSignal, escalate, throwError } from "./events";
import { retryIncident } from "./incidents";
import { createInstance, finishCase, run, schedule } from "./lifecycle";
import { expireMessages, handDownBuffered, messageTimerFired, receiveMessage } from "./messages";
import { findSubscriptions, isLive, openEventSubProcesses, unsubscribe } from "./subscriptions";
import { holdTimer, refusedWhileSuspended, resume, suspend } from "./suspension";
import { addWorkingTime } from "./timers";
import { fireTimer } from "./triggers";
import type { EngineEvent, EngineState, StepResult } from "./types";
import { mergeVariables } from "./variables";

/** Applies one event to the case; the input state is never mutated. */
export function step(plan: ExecutionPlan, state: EngineState, event: EngineEvent): StepResult {
  const open = event.type === "start" ? state.status === "created" : state.status === "active";
  if (!open) return { state, commands: [], accepted: false };
  const ctx = createCtx(plan, state, event.at, behaviours);
  if (refusedWhileSuspended(ctx, event)) return { state, commands: [], accepted: false };
  ctx.state.now = event.at;
  const outcome = apply(ctx, event);
  if (!outcome) return { state, commands: [], accepted: false };
  // Messages whose time-to-live passed go before anything else can correlate them.
  if (ctx.state.status === "active") expireMessages(ctx);
  run(ctx);
  return {
    state: ctx.state,
    commands: ctx.commands,
    accepted: true,
    ...(outcome === "buffered" ? { buffered: true } : {}),
  };
}

/** Applies the event itself; false when it matched nothing, "buffered" for a message kept for later. */
function apply(ctx: Ctx, event: EngineEvent): boolean | "buffered" {
  switch (event.type) {
    case "start":
      return start(ctx, event);
    case "taskCompleted": {
      const instanceId = ctx.state.tasks[event.taskId];
      if (!instanceId || !instanceOf(ctx, instanceId)) return false;
      delete ctx.state.tasks[event.taskId];
      emit(ctx, { type: "closeTask", taskId: event.taskId, status: "completed", by: event.actor.userId });
      record(ctx, "taskCompleted", instanceOf(ctx, instanceId)?.elementId ?? null, {
        taskId: event.taskId,
        by: event.actor.userId,
      });
      schedule(ctx, { op: "complete", instanceId, output: event.data });
      return true;
    }
    case "taskRefused":
      return taskRefused(ctx, event.taskId, event.reason);
    case "timerFired":
      if (holdTimer(ctx, event.timerId)) return true;
      return timerFired(ctx, event.timerId);
    case "suspend":
      return suspend(ctx, event);
    case "resume": {
      const held = resume(ctx, event);
      if (held === null) return false;
      for (const timerId of held) timerFired(ctx, timerId);
      return true;
    }
    case "messageReceived": {
      const outcome = receiveMessage(ctx, event);
      return outcome === "rejected" ? false : outcome === "buffered" ? "buffered" : true;
    }
    case "jobCompleted": {
      const instanceId = ctx.state.jobs[event.jobId];
      if (instanceId === undefined) return false;
      delete ctx.state.jobs[event.jobId];
      if (instanceId !== null) schedule(ctx, { op: "complete", instanceId, output: event.output });
      return true;
    }
    case "jobFailed": {
      const instanceId = ctx.state.jobs[event.jobId];
      if (instanceId === undefined) return false;
      delete ctx.state.jobs[event.jobId];
      const instance = instanceId ? instanceOf(ctx, instanceId) : undefined;
      if (!instance) return true;
      delete instance.wait;
      throwError(ctx, instance, event.bpmnError.code, event.bpmnError.message, true);
      return true;
    }
    case "jobExhausted":
      return jobExhausted(ctx, event.jobId, event.message);
    case "childCompleted": {
      const instanceId = ctx.state.children[event.childId];
      if (!instanceId) return false;
      delete ctx.state.children[event.childId];
      schedule(ctx, { op: "complete", instanceId, output: event.output });
      return true;
    }
    case "childFailed": {
      const instanceId = ctx.state.children[event.childId];
      if (!instanceId) return false;
      delete ctx.state.children[event.childId];
      const instance = instanceOf(ctx, instanceId);
      if (!instance) return true;
      delete instance.wait;
      const { code, message } = event.error;
      // With a code it is a BPMN error of the child, thrown again by the call activity.
      if (code !== undefined) throwError(ctx, instance, code, message, true);
      else raiseIncident(ctx, instance.id, instance.elementId, "child-failed", message);
      return true;
    }
    case "childEscalated": {
      const instanceId = ctx.state.children[event.childId];
      const instance = instanceId ? instanceOf(ctx, instanceId) : undefined;
      if (!instance) return false;
      // The call activity throws it: its own boundary events first, then the enclosing scopes.
      escalate(ctx, instance, event.code, true);
      return true;
    }
    case "childErrored": {
      const instanceId = ctx.state.children[event.childId];
      const instance = instanceId ? instanceOf(ctx, instanceId) : undefined;
      if (!instance) return false;
      // The incident already lives in the child: no second one here if nothing catches it.
      throwError(ctx, instance, event.code, event.message, true, { incident: false });
      return true;
    }
    case "childSubscribed":
      return handDownBuffered(ctx, event.childId, event.subscriptions) > 0;
    case "retryIncident":
      return retryIncident(ctx, event.incidentId, event.variables);
    case "signal":
      return deliverSignal(ctx, event.name, event.payload) > 0;
    case "cancel":
      finishCase(ctx, "cancelled", { reason: event.reason });
      return true;
    case "correctVariables": {
      const root = rootInstance(ctx);
      if (!root) return false;
      mergeVariables(ctx, root.id, event.variables);
      record(ctx, "variablesCorrected", null, {
        variables: Object.keys(event.variables),
        reason: event.reason,
        actor: event.actor.userId,
        ...(event.actor.displayName ? { authorName: event.actor.displayName } : {}),
      });
      return true;
    }
  }
}

function timerFired(ctx: Ctx, timerId: string): boolean {
  const [subscription] = findSubscriptions(ctx, (s) => s.trigger.kind === "timer" && s.trigger.timerId === timerId);
  if (!subscription || !isLive(ctx, subscription)) return messageTimerFired(ctx, timerId);
  fireTimer(ctx, subscription);
  return true;
}

/**
 * A connector's retries ran out: an incident on the element, which keeps waiting until an admin
 * retries it (a new job). A fire-and-forget job (SLA notice) has no element to hold; its incident
 * only makes the failure visible and resolving it clears it.
 */
/** The store refused the task (unknown roles or users): the element waits on an incident instead of a dead task. */
function taskRefused(ctx: Ctx, taskId: string, reason: string): boolean {
  const instanceId = ctx.state.tasks[taskId];
  const instance = instanceId ? instanceOf(ctx, instanceId) : undefined;
  if (!instance) return false;
  delete ctx.state.tasks[taskId];
  // The SLA timer belongs to the task: a retry opens a new task with a new one.
  for (const s of findSubscriptions(ctx, (s) => s.target.kind === "sla" && s.target.instanceId === instance.id)) {
    unsubscribe(ctx, s.id);
  }
  delete instance.wait;
  raiseIncident(ctx, instance.id, instance.elementId, "assignment-unknown", reason);
  return true;
}

function jobExhausted(ctx: Ctx, jobId: string, message: string): boolean {
  const instanceId = ctx.state.jobs[jobId];
  if (instanceId === undefined) return false;
  delete ctx.state.jobs[jobId];
  if (instanceId === null) {
    raiseIncident(ctx, null, null, "connector-failed", `Escalation notice not sent: ${message}`, { op: "none" });
    return true;
  }
  const instance = instanceOf(ctx, instanceId);
  if (!instance) return true;
  delete instance.wait;
  raiseIncident(ctx, instance.id, instance.elementId, "connector-failed", message, { op: "activate" });
  return true;
}

function start(ctx: Ctx, event: Extract<EngineEvent, { type: "start" }>): boolean {
  const { state, plan } = ctx;
  state.status = "active";
  state.startedAt = event.at;
  state.businessKey = event.businessKey ?? null;
  const root = createInstance(ctx, plan.processId, "process", null, { ...event.variables });
  record(ctx, "caseStarted", null, { processId: plan.processId, businessKey: state.businessKey });
  if (state.caseDue) {
    const due = addWorkingTime(ctx, event.at, state.caseDue);
    if (due.ok) state.caseDueAt = due.value;
    else raiseIncident(ctx, root.id, null, "calendar-error", due.error);
  }
  openEventSubProcesses(ctx, root);
  const starts = Object.values(plan.nodes).filter((n) => n.type === "startEvent" && n.scope === null);
  const chosen = event.startEventId
    ? starts.find((n) => n.id === event.startEventId)
    : (starts.find((n) => n.type === "startEvent" && !n.eventDefinition) ?? starts[0]);
  if (!chosen) {
    raiseIncident(
      ctx,
      root.id,
      event.startEventId ?? null,
      "no-start-event",
      "The process has no start event to start from",
    );
    return true;
  }
  schedule(ctx, { op: "enter", elementId: chosen.id, parentId: root.id, flowId: null });
  return true;
}
