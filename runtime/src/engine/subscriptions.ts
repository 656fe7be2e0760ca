/**
 * Event subscriptions: what a waiting catch event, boundary event, event-gateway branch or
 * event-subprocess start listens for, opened when its owner is entered and closed when it leaves.
 */
import type { EventDefinition, FlowNode } from "@alur/shared/plan";
import {
  addSubscription,
  boundariesOf,
  type Ctx,
  dropSubscription,
  emit,
  enqueue,
  instanceOf,
  nextId,
  nodeOf,
  ownerOfTarget,
  raiseIncident,
  subscriptionIdsOf,
} from "./context";
import { scheduleTimer } from "./timers";
import type { ElementInstance, IncidentRetry, Subscription, SubscriptionTarget } from "./types";
import { feel, scopeContext } from "./variables";

/**
 * Opens a subscription for a message, timer or signal definition. `owner` is the instance whose
 * variables evaluate the correlation key / timer expression and that gets the incident on error.
 * Returns the subscription id, or null when the definition is not subscribable or failed.
 */
export function subscribe(
  ctx: Ctx,
  definition: EventDefinition,
  target: SubscriptionTarget,
  owner: ElementInstance,
  elementId: string,
): string | null {
  const id = nextId(ctx, "s");
  const context = scopeContext(ctx, owner.id);
  // A boundary or event-subprocess start that cannot open does not hold its owner, which goes on
  // without it; retrying the incident opens it then. Catch events and gateways wait on it.
  const retry: IncidentRetry | undefined =
    target.kind === "boundary" || target.kind === "eventSubProcess"
      ? { op: "subscribe", target, elementId }
      : undefined;
  let trigger: Subscription["trigger"];
  if (definition.kind === "message") {
    let correlationKey: string | null = null;
    if (definition.correlationKey) {
      const key = feel(definition.correlationKey, context);
      if (!key.ok) {
        raiseIncident(ctx, owner.id, elementId, "correlation-key-error", key.error, retry);
        return null;
      }
      correlationKey = key.value === null ? null : String(key.value);
    }
    trigger = { kind: "message", name: definition.messageName, correlationKey };
  } else if (definition.kind === "signal") {
    trigger = { kind: "signal", name: definition.signalName };
  } else if (definition.kind === "timer") {
    const schedule = scheduleTimer(ctx, definition.timer, ctx.at, context);
    if (!schedule.ok) {
      raiseIncident(ctx, owner.id, elementId, "timer-error", schedule.error, retry);
      return null;
    }
    const timerId = nextId(ctx, `${ctx.state.caseId}-tm`);
    trigger = { kind: "timer", timerId, ...schedule.value };
    emit(ctx, { type: "startTimer", timerId, fireAt: schedule.value.fireAt, elementInstanceId: owner.id });
  } else {
    return null;
  }
  addSubscription(ctx, { id, trigger, target });
  // A message may already be waiting in the buffer for this subscription.
  if (trigger.kind === "message") correlateLater(ctx, id);
  return id;
}

/** Queues a look into the message buffer for a message subscription that just opened. */
function correlateLater(ctx: Ctx, subscriptionId: string): void {
  if ((ctx.state.messages?.length ?? 0) > 0) enqueue(ctx, { op: "correlate", subscriptionId });
}

/** An intermediate catch event or receive task waits for its message, timer or signal. */
export function waitFor(ctx: Ctx, instance: ElementInstance, node: FlowNode, definition: EventDefinition): void {
  if (definition.kind !== "message" && definition.kind !== "timer" && definition.kind !== "signal") {
    raiseIncident(
      ctx,
      instance.id,
      node.id,
      "unsupported-event",
      `"${node.id}" cannot wait for a ${definition.kind} event`,
    );
    return;
  }
  const id = subscribe(ctx, definition, { kind: "catch", instanceId: instance.id }, instance, node.id);
  if (id) instance.wait = { kind: definition.kind, subscriptionId: id };
}

/** Removes one subscription; a pending timer is cancelled unless it just fired. */
export function unsubscribe(ctx: Ctx, subscriptionId: string, timerFired = false): void {
  const subscription = dropSubscription(ctx, subscriptionId);
  if (!subscription) return;
  if (subscription.trigger.kind === "timer" && !timerFired) {
    emit(ctx, { type: "cancelTimer", timerId: subscription.trigger.timerId });
  }
}

/** Every instance a subscription depends on: if any of them leaves, the subscription goes. */
export function subscriptionOwners(target: SubscriptionTarget): string[] {
  return [ownerOfTarget(target)];
}

/** Closes every subscription owned by an instance that is leaving or being cancelled. */
export function closeSubscriptionsOf(ctx: Ctx, instanceId: string): void {
  for (const id of subscriptionIdsOf(ctx, instanceId)) unsubscribe(ctx, id);
}

/** Opens the message/timer/signal boundary events of an activity instance (errors and escalations are found when thrown). */
export function openBoundaries(ctx: Ctx, activity: ElementInstance): void {
  for (const boundaryId of boundariesOf(ctx.plan, activity.elementId)) {
    const boundary = nodeOf(ctx, boundaryId);
    if (boundary?.type !== "boundaryEvent") continue;
    const target: SubscriptionTarget = { kind: "boundary", boundaryId, activityInstanceId: activity.id };
    subscribe(ctx, boundary.eventDefinition, target, activity, boundaryId);
  }
}

/** The event subprocesses declared directly inside a scope (null: process level), with their start events. */
export function eventSubProcessesOf(
  ctx: Ctx,
  scopeElementId: string | null,
): { subProcessId: string; startEventId: string; definition: EventDefinition | undefined; interrupting: boolean }[] {
  const result = [];
  for (const node of Object.values(ctx.plan.nodes)) {
    if (node.type !== "subProcess" || !node.triggeredByEvent || node.scope !== scopeElementId) continue;
    const start = Object.values(ctx.plan.nodes).find((n) => n.type === "startEvent" && n.scope === node.id);
    if (start?.type !== "startEvent") continue;
    result.push({
      subProcessId: node.id,
      startEventId: start.id,
      definition: start.eventDefinition,
      interrupting: start.isInterrupting,
    });
  }
  return result;
}

/** The plan element id a scope instance stands for (null for the process). */
export function scopeElementOf(scope: ElementInstance): string | null {
  return scope.kind === "process" ? null : scope.elementId;
}

/** Opens the message/timer/signal starts of the event subprocesses of a scope that was just entered. */
export function openEventSubProcesses(ctx: Ctx, scope: ElementInstance): void {
  for (const esp of eventSubProcessesOf(ctx, scopeElementOf(scope))) {
    if (!esp.definition) continue;
    const target: SubscriptionTarget = {
      kind: "eventSubProcess",
      startEventId: esp.startEventId,
      subProcessId: esp.subProcessId,
      scopeInstanceId: scope.id,
    };
    subscribe(ctx, esp.definition, target, scope, esp.startEventId);
  }
}

/** Live subscriptions, in opening order, that a predicate selects (a snapshot: triggering may close others). */
export function findSubscriptions(ctx: Ctx, predicate: (s: Subscription) => boolean): Subscription[] {
  return Object.values(ctx.state.subscriptions).filter(predicate);
}

/** True when the instance a subscription belongs to still exists. */
export function isLive(ctx: Ctx, subscription: Subscription): boolean {
  return (
    ctx.state.subscriptions[subscription.id] !== undefined &&
    subscriptionOwners(subscription.target).every((id) => instanceOf(ctx, id) !== undefined)
  );
}
