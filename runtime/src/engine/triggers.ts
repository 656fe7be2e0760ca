/**
 * What happens when a subscription fires: a waiting catch event completes, a boundary event
 * interrupts (or not) its activity, an event subprocess starts, an event-based gateway decides,
 * an SLA is breached.
 */
import type { EventDefinition } from "@alur/shared/plan";
import type { Variables } from "@alur/shared/schemas";
import { type Ctx, emit, instanceOf, nextId, nodeOf, record } from "./context";
import { cancelChildren, cancelInstance, completeInstance, createInstance, schedule } from "./lifecycle";
import { findSubscriptions, openEventSubProcesses, unsubscribe } from "./subscriptions";
import { addIsoDuration } from "./timers";
import type { ElementInstance, Subscription } from "./types";
import { scopeContext } from "./variables";

/** Whether a firing leaves the subscription open (non-interrupting boundary or event subprocess). */
function staysOpen(ctx: Ctx, subscription: Subscription): boolean {
  const target = subscription.target;
  if (target.kind === "boundary") {
    const node = nodeOf(ctx, target.boundaryId);
    return node?.type === "boundaryEvent" && !node.cancelActivity;
  }
  if (target.kind === "eventSubProcess") {
    const node = nodeOf(ctx, target.startEventId);
    return node?.type === "startEvent" && !node.isInterrupting;
  }
  return false;
}

/**
 * A timer fired: cycles of non-interrupting events are re-armed (R3/P1D fires three times) before
 * the firing is handled; everything else closes.
 */
export function fireTimer(ctx: Ctx, subscription: Subscription): void {
  const trigger = subscription.trigger;
  if (trigger.kind !== "timer") return;
  record(ctx, "timerFired", elementOfTarget(ctx, subscription), { timerId: trigger.timerId });
  const again = trigger.cycle !== null && (trigger.repeatsLeft === null || trigger.repeatsLeft > 0);
  if (again && trigger.cycle && staysOpen(ctx, subscription)) {
    const next = addIsoDuration(trigger.fireAt, trigger.cycle);
    if (next.ok) {
      const timerId = nextId(ctx, `${ctx.state.caseId}-tm`);
      subscription.trigger = {
        ...trigger,
        timerId,
        fireAt: next.value,
        repeatsLeft: trigger.repeatsLeft === null ? null : trigger.repeatsLeft - 1,
      };
      const owner = ownerOf(subscription);
      emit(ctx, { type: "startTimer", timerId, fireAt: next.value, elementInstanceId: owner });
    } else {
      unsubscribe(ctx, subscription.id, true);
    }
  } else {
    unsubscribe(ctx, subscription.id, true);
  }
  triggerSubscription(ctx, subscription, {});
}

function ownerOf(subscription: Subscription): string {
  const target = subscription.target;
  switch (target.kind) {
    case "boundary":
      return target.activityInstanceId;
    case "catch":
    case "sla":
      return target.instanceId;
    case "eventSubProcess":
      return target.scopeInstanceId;
    case "eventGateway":
      return target.gatewayInstanceId;
  }
}

function elementOfTarget(ctx: Ctx, subscription: Subscription): string | null {
  const target = subscription.target;
  if (target.kind === "boundary") return target.boundaryId;
  if (target.kind === "eventSubProcess") return target.startEventId;
  if (target.kind === "eventGateway") return target.eventId;
  // an intermediate catch event (a timeDate or duration wait) is the element its instance is of
  if (target.kind === "catch") return ctx.state.instances[target.instanceId]?.elementId ?? null;
  return null;
}

/** Handles one firing of a subscription with the event's payload (message variables, signal payload). */
export function triggerSubscription(ctx: Ctx, subscription: Subscription, payload: Variables): void {
  const target = subscription.target;
  if (!staysOpen(ctx, subscription) && subscription.trigger.kind !== "timer") unsubscribe(ctx, subscription.id);
  switch (target.kind) {
    case "catch":
      completeInstance(ctx, target.instanceId, payload);
      return;
    case "boundary": {
      const activity = instanceOf(ctx, target.activityInstanceId);
      const boundary = nodeOf(ctx, target.boundaryId);
      if (!activity?.parentId || boundary?.type !== "boundaryEvent") return;
      if (boundary.cancelActivity) cancelInstance(ctx, activity.id);
      schedule(ctx, {
        op: "enter",
        elementId: boundary.id,
        parentId: activity.parentId,
        flowId: null,
        triggered: payload,
      });
      return;
    }
    case "eventSubProcess": {
      const scope = instanceOf(ctx, target.scopeInstanceId);
      const start = nodeOf(ctx, target.startEventId);
      if (!scope || start?.type !== "startEvent") return;
      const esp = {
        subProcessId: target.subProcessId,
        startEventId: target.startEventId,
        definition: start.eventDefinition,
        interrupting: start.isInterrupting,
      };
      triggerEventSubProcess(ctx, scope, esp, payload);
      return;
    }
    case "eventGateway": {
      const gateway = instanceOf(ctx, target.gatewayInstanceId);
      if (!gateway?.parentId) return;
      const flowId = nodeOf(ctx, gateway.elementId)?.outgoing.find(
        (id) => ctx.plan.flows[id]?.target === target.eventId,
      );
      // The first event wins; the other branches' subscriptions close with the gateway.
      schedule(ctx, {
        op: "enter",
        elementId: target.eventId,
        parentId: gateway.parentId,
        flowId: flowId ?? null,
        triggered: payload,
      });
      completeInstance(ctx, gateway.id, {}, []);
      return;
    }
    case "sla":
      slaBreached(ctx, target.instanceId);
      return;
  }
}

/** Starts an event subprocess in a scope; an interrupting one first cancels everything else in it. */
export function triggerEventSubProcess(
  ctx: Ctx,
  scope: ElementInstance,
  esp: { subProcessId: string; startEventId: string; definition: EventDefinition | undefined; interrupting: boolean },
  payload: Variables,
): void {
  if (esp.interrupting) {
    cancelChildren(ctx, scope.id);
    for (const subscription of findSubscriptions(
      ctx,
      (s) => s.target.kind === "eventSubProcess" && s.target.scopeInstanceId === scope.id,
    )) {
      unsubscribe(ctx, subscription.id);
    }
  }
  const instance = createInstance(ctx, esp.subProcessId, "eventSubProcess", scope.id);
  openEventSubProcesses(ctx, instance);
  schedule(ctx, { op: "enter", elementId: esp.startEventId, parentId: instance.id, flowId: null, triggered: payload });
}

/** An SLA timer fired: the breach goes into the case history and, if the task says so, to the escalation roles. */
function slaBreached(ctx: Ctx, instanceId: string): void {
  const instance = instanceOf(ctx, instanceId);
  const node = instance ? nodeOf(ctx, instance.elementId) : undefined;
  if (!instance || node?.type !== "userTask") return;
  const taskId = instance.wait?.kind === "task" ? instance.wait.taskId : null;
  record(ctx, "slaBreached", node.id, { elementInstanceId: instance.id, taskId, sla: node.task.sla ?? null });
  if (node.task.escalateTo.length === 0) return;
  const jobId = nextId(ctx, `${ctx.state.caseId}-j`);
  ctx.state.jobs[jobId] = null;
  emit(ctx, {
    type: "runJob",
    jobId,
    elementId: node.id,
    elementInstanceId: null,
    jobType: "notify",
    headers: { roles: node.task.escalateTo.join(","), reason: "slaBreached", ...(taskId ? { taskId } : {}) },
    variables: scopeContext(ctx, instance.id),
  });
}
