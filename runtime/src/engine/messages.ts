/**
 * Message correlation with buffering, as Zeebe does it: a message correlates to the oldest open
 * subscription of this case with its name and key; with none open it waits for its time-to-live
 * and is correlated when a matching subscription opens (catch event, receive task, boundary,
 * event-gateway branch, event-subprocess start). Expired messages are dropped with a record.
 */
import type { ExecutionPlan } from "@alur/shared/plan";
import type { Variables } from "@alur/shared/schemas";
import { type Ctx, emit, nextId, record } from "./context";
import { findSubscriptions, isLive, subscriptionOwners } from "./subscriptions";
import { addIsoDuration } from "./timers";
import { triggerSubscription } from "./triggers";
import type { BufferedMessage, EngineEvent, EngineState, MessageSubscription, Subscription } from "./types";

/** Time-to-live of a buffered message when neither the event nor the case says otherwise. */
export const DEFAULT_MESSAGE_TTL = "PT1H";

type Received = Extract<EngineEvent, { type: "messageReceived" }>;

/** What happened to a received message. */
export type MessageOutcome = "correlated" | "buffered" | "rejected";

/** Whether a message subscription takes a message: same name, and its key unless it has none. */
export function subscriptionTakes(
  subscription: MessageSubscription,
  name: string,
  correlationKey: string | null,
): boolean {
  return (
    subscription.name === name &&
    (subscription.correlationKey === null || subscription.correlationKey === correlationKey)
  );
}

function matches(subscription: Subscription, name: string, correlationKey: string | null): boolean {
  const trigger = subscription.trigger;
  return trigger.kind === "message" && subscriptionTakes(trigger, name, correlationKey);
}

/**
 * The message subscriptions a case holds open, oldest first: what it would correlate a message
 * to now. A called case reports them to its parent, which routes messages to it.
 */
export function openMessageSubscriptions(state: EngineState): MessageSubscription[] {
  const open: MessageSubscription[] = [];
  for (const s of Object.values(state.subscriptions)) {
    if (s.trigger.kind !== "message") continue;
    if (!subscriptionOwners(s.target).every((id) => state.instances[id] !== undefined)) continue;
    open.push({ name: s.trigger.name, correlationKey: s.trigger.correlationKey });
  }
  return open;
}

/**
 * Whether a running case of the plan can ever wait for a message of this name (otherwise it is not
 * buffered). A message start event of the process itself starts new cases, it never waits.
 */
export function planCatchesMessage(plan: ExecutionPlan, name: string): boolean {
  return planMessageNames(plan).includes(name);
}

/**
 * The names of the messages a running case of the plan can wait for, each once. A called case
 * reports them to its parent, which hands it a message of such a name to buffer.
 */
export function planMessageNames(plan: ExecutionPlan): string[] {
  const names = new Set<string>();
  for (const node of Object.values(plan.nodes)) {
    if (node.type === "receiveTask") {
      names.add(node.messageName);
      continue;
    }
    if (node.type === "startEvent" && node.scope === null) continue;
    const definition = "eventDefinition" in node ? node.eventDefinition : undefined;
    if (definition?.kind === "message") names.add(definition.messageName);
  }
  return [...names];
}

/**
 * Until when the case would buffer a message received at `at`, or null when it would not (a zero
 * or invalid time-to-live, or a state from before buffering). The same rule receiveMessage applies.
 */
export function bufferExpiry(state: EngineState, at: string, timeToLive?: string): string | null {
  // A state from before buffering existed has no messageTtl: it keeps the old "correlate now or
  // never" behaviour, so replaying its history gives the same commands.
  const ttl = timeToLive ?? state.messageTtl ?? "PT0S";
  const expiresAt = addIsoDuration(at, ttl);
  // An invalid or zero time-to-live means "correlate now or never" (Zeebe: TTL 0).
  if (!expiresAt.ok || Date.parse(expiresAt.value) <= Date.parse(at)) return null;
  return expiresAt.value;
}

/** Correlates a message now, or buffers it for its time-to-live. */
export function receiveMessage(ctx: Ctx, event: Received): MessageOutcome {
  expireMessages(ctx);
  const key = event.correlationKey ?? null;
  // One message is correlated to one subscription of the case: the oldest that matches.
  const [subscription] = findSubscriptions(ctx, (s) => matches(s, event.name, key) && isLive(ctx, s));
  if (subscription) {
    record(ctx, "messageCorrelated", null, { name: event.name, correlationKey: key });
    triggerSubscription(ctx, subscription, event.payload);
    return "correlated";
  }
  if (!planCatchesMessage(ctx.plan, event.name)) return "rejected";
  const expiresAt = event.expiresAt ?? bufferExpiry(ctx.state, event.at, event.timeToLive);
  // Handed down too late (its expiry passed on the way), or not to be buffered at all.
  if (expiresAt === null || Date.parse(expiresAt) <= Date.parse(event.at)) return "rejected";
  const message: BufferedMessage = {
    id: nextId(ctx, "m"),
    name: event.name,
    correlationKey: key,
    payload: event.payload,
    receivedAt: event.at,
    expiresAt,
    timerId: nextId(ctx, `${ctx.state.caseId}-tm`),
  };
  ctx.state.messages = [...(ctx.state.messages ?? []), message];
  const root = Object.values(ctx.state.instances).find((i) => i.parentId === null);
  emit(ctx, {
    type: "startTimer",
    timerId: message.timerId,
    fireAt: message.expiresAt,
    elementInstanceId: root?.id ?? "",
  });
  record(ctx, "messageBuffered", null, {
    messageId: message.id,
    name: message.name,
    correlationKey: key,
    expiresAt: message.expiresAt,
  });
  return "buffered";
}

/** Correlates the oldest live buffered message a freshly opened subscription matches, if any. */
export function correlateBuffered(ctx: Ctx, subscriptionId: string): void {
  expireMessages(ctx);
  const subscription = ctx.state.subscriptions[subscriptionId];
  if (subscription?.trigger.kind !== "message" || !isLive(ctx, subscription)) return;
  const message = takeBuffered(ctx, (m) => matches(subscription, m.name, m.correlationKey));
  if (!message) return;
  record(ctx, "messageCorrelated", null, {
    name: message.name,
    correlationKey: message.correlationKey,
    messageId: message.id,
    bufferedSince: message.receivedAt,
  });
  triggerSubscription(ctx, subscription, message.payload);
}

/**
 * A called case reported subscriptions it just opened: each takes the oldest unexpired message
 * this case buffered that it would accept, one message each, as a subscription opening here would
 * (correlateBuffered). Returns how many were handed down.
 */
export function handDownBuffered(ctx: Ctx, childId: string, subscriptions: readonly MessageSubscription[]): number {
  const callInstanceId = ctx.state.children[childId];
  if (callInstanceId === undefined) return 0;
  expireMessages(ctx);
  const elementId = ctx.state.instances[callInstanceId]?.elementId ?? null;
  let handed = 0;
  for (const subscription of subscriptions) {
    const message = takeBuffered(ctx, (m) => subscriptionTakes(subscription, m.name, m.correlationKey));
    if (!message) continue;
    record(ctx, "messageHandedDown", elementId, {
      messageId: message.id,
      name: message.name,
      correlationKey: message.correlationKey,
      childId,
      bufferedSince: message.receivedAt,
      expiresAt: message.expiresAt,
    });
    emit(ctx, {
      type: "passMessage",
      childId,
      name: message.name,
      correlationKey: message.correlationKey,
      payload: message.payload,
      expiresAt: message.expiresAt,
    });
    handed++;
  }
  return handed;
}

/** Takes the oldest buffered message `accepts` out of the buffer, its expiry timer cancelled. */
function takeBuffered(ctx: Ctx, accepts: (message: BufferedMessage) => boolean): BufferedMessage | undefined {
  const messages = ctx.state.messages ?? [];
  const message = messages.find(accepts);
  if (!message) return undefined;
  ctx.state.messages = messages.filter((m) => m.id !== message.id);
  emit(ctx, { type: "cancelTimer", timerId: message.timerId });
  return message;
}

/** A buffered message's expiry timer fired: it is dropped. Returns false for a timer that is not one. */
export function messageTimerFired(ctx: Ctx, timerId: string): boolean {
  const message = (ctx.state.messages ?? []).find((m) => m.timerId === timerId);
  if (!message) return false;
  drop(ctx, message, true);
  return true;
}

/** Drops every message whose time-to-live has passed by the current event's time. */
export function expireMessages(ctx: Ctx): void {
  const now = Date.parse(ctx.at);
  for (const message of ctx.state.messages ?? []) {
    if (Date.parse(message.expiresAt) <= now) drop(ctx, message, false);
  }
}

/** The case ended: buffered messages go with it, their timers are cancelled. */
export function discardMessages(ctx: Ctx): void {
  for (const message of ctx.state.messages ?? []) emit(ctx, { type: "cancelTimer", timerId: message.timerId });
  if (ctx.state.messages) ctx.state.messages = [];
}

function drop(ctx: Ctx, message: BufferedMessage, timerFired: boolean): void {
  ctx.state.messages = (ctx.state.messages ?? []).filter((m) => m.id !== message.id);
  if (!timerFired) emit(ctx, { type: "cancelTimer", timerId: message.timerId });
  const data: Variables = {
    messageId: message.id,
    name: message.name,
    correlationKey: message.correlationKey,
    receivedAt: message.receivedAt,
    expiresAt: message.expiresAt,
  };
  record(ctx, "messageExpired", null, data);
}
