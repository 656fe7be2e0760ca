/**
 * Messages to called cases. A called case reports the message subscriptions it holds open (its
 * own and those its own called cases reported) and the message names its plan can buffer (with
 * those its called cases reported) to its parent; the parent routes a message that none of its
 * own subscriptions takes to the called case that reported a match, or, when its own plan cannot
 * buffer the name, to the called case that can, which routes it the same way. The engine sees a
 * call activity only as waiting on its child, so this lives in the adapter; only handing down a
 * message the case buffered itself is the engine's (it owns the buffer).
 */
import { subscriptionTakes } from "../../engine";
import type { MessageSubscription } from "../../engine/types";

/**
 * Where a received message goes: this case's engine (correlate, buffer or reject) or a called
 * case, which takes it now or, when `buffered`, keeps it until a step of its own waits for it.
 */
export type MessageRoute = { to: "case" } | { to: "child"; childId: string; buffered?: true };

/** A running called case and what it last reported: open subscriptions and the names it can buffer. */
export type ChildReport = readonly [
  childId: string,
  subscriptions: readonly MessageSubscription[],
  messageNames?: readonly string[],
];

/**
 * Routes a message: the case's own subscription first (as the engine would correlate it), then
 * the first running called case (in start order) that reported a subscription taking it; then the
 * case itself if its plan can buffer the name (`caseCatches`); then the first called case that
 * reported it can buffer the name, as the same flow without a call activity would keep it; else
 * the case itself, which answers that nothing can take it.
 */
export function routeMessage(
  own: readonly MessageSubscription[],
  children: Iterable<ChildReport>,
  name: string,
  correlationKey: string | null,
  caseCatches = false,
): MessageRoute {
  if (own.some((s) => subscriptionTakes(s, name, correlationKey))) return { to: "case" };
  const reports = [...children];
  for (const [childId, subscriptions] of reports) {
    if (subscriptions.some((s) => subscriptionTakes(s, name, correlationKey))) return { to: "child", childId };
  }
  if (caseCatches) return { to: "case" };
  const buffering = reports.find(([, , names]) => names?.includes(name));
  return buffering ? { to: "child", childId: buffering[0], buffered: true } : { to: "case" };
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

/**
 * The subscriptions in a called case's report that its previous report did not hold: those the
 * parent offers the messages it buffered, one each.
 */
export function openedSubscriptions(
  previous: readonly MessageSubscription[],
  current: readonly MessageSubscription[],
): MessageSubscription[] {
  const before = new Set(previous.map(subscriptionKey));
  return current.filter((s) => !before.has(subscriptionKey(s)));
}

/** The message names a called case can buffer: its plan's and those its called cases reported, each once, sorted. */
export function reportedMessageNames(own: readonly string[], fromChildren: Iterable<readonly string[]>): string[] {
  return [...new Set([own, ...fromChildren].flat())].sort();
}

/**
 * What a called case last reported, to report again only on a change ("" for nothing). Without
 * names it is the key reports had before names existed, so a case continued as new across the
 * change does not report again for nothing.
 */
export function subscriptionsKey(subscriptions: MessageSubscription[], messageNames: readonly string[] = []): string {
  const key = subscriptions.map(subscriptionKey).join(",");
  return messageNames.length > 0 ? `${key}|${JSON.stringify(messageNames)}` : key;
}

function subscriptionKey(s: MessageSubscription): string {
  return JSON.stringify([s.name, s.correlationKey]);
}
