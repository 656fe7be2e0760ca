/**
 * Messages to called cases. A called case reports the message subscriptions it holds open (its
 * own and those its own called cases reported) to its parent; the parent routes a message that
 * none of its own subscriptions takes to the called case that reported a match, which routes it
 * the same way. The engine sees a call activity only as waiting on its child, so this lives in
 * the adapter.
 */
import { subscriptionTakes } from "../../engine";
import type { MessageSubscription } from "../../engine/types";

/** Where a received message goes: this case's engine (correlate, buffer or reject) or a called case. */
export type MessageRoute = { to: "case" } | { to: "child"; childId: string };

/**
 * Routes a message: the case's own subscription first (as the engine would correlate it), then
 * the first running called case (in start order) that reported a subscription taking it; else
 * the case itself, which buffers it or answers that nothing can take it, as before.
 */
export function routeMessage(
  own: readonly MessageSubscription[],
  children: Iterable<readonly [childId: string, subscriptions: readonly MessageSubscription[]]>,
  name: string,
  correlationKey: string | null,
): MessageRoute {
  if (own.some((s) => subscriptionTakes(s, name, correlationKey))) return { to: "case" };
  for (const [childId, subscriptions] of children) {
    if (subscriptions.some((s) => subscriptionTakes(s, name, correlationKey))) return { to: "child", childId };
  }
  return { to: "case" };
}

/** What a called case reports: its own subscriptions and its called cases', each name and key once. */
export function reportedSubscriptions(
  own: readonly MessageSubscription[],
  fromChildren: Iterable<readonly MessageSubscription[]>,
): MessageSubscription[] {
  const seen = new Set<string>();
  const result: MessageSubscription[] = [];
  for (const s of [own, ...fromChildren].flat()) {
    const key = subscriptionKey(s);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ name: s.name, correlationKey: s.correlationKey });
  }
  return result;
}

/** What a called case last reported, to report again only on a change ("" for none). */
export function subscriptionsKey(subscriptions: MessageSubscription[]): string {
  return subscriptions.map(subscriptionKey).join(",");
}

function subscriptionKey(s: MessageSubscription): string {
  return JSON.stringify([s.name, s.correlationKey]);
}
