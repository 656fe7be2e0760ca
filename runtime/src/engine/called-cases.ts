/**
 * Called cases as their parent sees them. The engine's own state sees a call activity only as
 * waiting on its child; what a case knows beyond that lives here, pure and deterministic, beside
 * the engine: which call activity each running called case belongs to, the incidents and message
 * subscriptions each last reported, where a message goes that the case itself cannot take, and
 * what a called case reports to its own parent. The Temporal adapter holds one `CalledCases`,
 * feeds it the reports its signal handlers receive and carries out what it decides.
 *
 * Incidents. A called case reports its open incidents (with those its own called cases reported)
 * whenever they change; the parent adds them to its view and status, under ids that say which
 * called case holds them (`childIncidentId`, `incidentRoute`).
 * Messages. A called case reports its open message subscriptions and the message names its plan
 * can buffer. A message no subscription of the case itself takes goes to the called case that
 * reported a match; failing that the engine buffers it if the case's plan can catch the name;
 * failing that it goes, with the expiry the case answers with, to a called case that can buffer
 * the name; only when nothing can take it anywhere is it rejected. A message the case buffered
 * itself goes down to a called case that later reports a newly opened subscription taking it
 * (the engine's childSubscribed → passMessage).
 */
import type { CaseIncident, CaseStateView } from "@alur/shared/schemas";
import { bufferExpiry, openMessageSubscriptions, subscriptionTakes } from "./messages";
import type { EngineEvent, EngineState, MessageSubscription } from "./types";

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

// ---- incidents ------------------------------------------------------------------------------

/**
 * Joins a child id to an incident id of that called case. Not "/": the id travels as one URL
 * path segment. Child ids are `<caseId>-c<n>` (caseId a UUID) and incident ids `x<n>`, so
 * neither holds a dot.
 */
const INCIDENT_PATH_SEPARATOR = ".";

/** The id under which a parent shows an incident its called case `childId` reported. */
export function childIncidentId(childId: string, incidentId: string): string {
  return `${childId}${INCIDENT_PATH_SEPARATOR}${incidentId}`;
}

/** Where an incident id shown on a case lives: the called case's child path (empty: the case itself) and its own id there. */
export function incidentRoute(incidentId: string): { childPath: string[]; incidentId: string } {
  const parts = incidentId.split(INCIDENT_PATH_SEPARATOR);
  return { childPath: parts.slice(0, -1), incidentId: parts.at(-1) ?? "" };
}

/** A called case's reported incidents in its parent's terms: ids under the child id, the call activity first on the path. */
export function asParentIncidents(childId: string, callElementId: string, incidents: CaseIncident[]): CaseIncident[] {
  return incidents.map((i) => ({
    ...i,
    id: childIncidentId(childId, i.id),
    callPath: [callElementId, ...(i.callPath ?? [])],
  }));
}

/** A case's own view plus its called cases' incidents: a running case holding any of them is in incident. */
export function withChildIncidents(view: CaseStateView, relayed: CaseIncident[]): CaseStateView {
  if (relayed.length === 0) return view;
  return {
    ...view,
    status: view.status === "active" ? "incident" : view.status,
    incidents: [...view.incidents, ...relayed],
  };
}

/** What a called case last reported, to report again only on a change. */
export function incidentsKey(incidents: CaseIncident[]): string {
  return incidents.map((i) => i.id).join(" ");
}

// ---- the parent's bookkeeping -----------------------------------------------------------------

/** Where `CalledCases.route` sends a message, and what the case answers its sender. */
export interface ChildDelivery {
  childId: string;
  /** The message's expiry to pass on (kept by the called case should its subscription close first). */
  expiresAt: string | null;
  answer: { buffered: boolean; expiresAt?: string };
}

/**
 * The running called cases of one case and what each last reported. Mutable, but deterministic
 * and free of I/O; it lives only while its called cases run, so continue-as-new (never with a
 * child in flight) need not carry it.
 */
export class CalledCases {
  /** Running called cases: child id → call activity element, in start order. */
  private readonly callElements = new Map<string, string>();
  private readonly incidents = new Map<string, CaseIncident[]>();
  private readonly subscriptions = new Map<string, MessageSubscription[]>();
  private readonly messageNames = new Map<string, string[]>();
  /** A report changed what this case shows or reports itself; the adapter brings its reports up to date. */
  changed = false;

  started(childId: string, elementId: string): void {
    this.callElements.set(childId, elementId);
  }

  /** A called case ended, was cancelled or never started: its reports go with it. */
  forget(childId: string): void {
    this.callElements.delete(childId);
    if (this.incidents.delete(childId)) this.changed = true;
    if (this.subscriptions.delete(childId)) this.changed = true;
    if (this.messageNames.delete(childId)) this.changed = true;
  }

  running(): string[] {
    return [...this.callElements.keys()];
  }

  /** Takes a called case's incident report; false when it is stale (its case ended or was cancelled). */
  incidentsReported(childId: string, incidents: CaseIncident[]): boolean {
    const elementId = this.callElements.get(childId);
    if (elementId === undefined) return false;
    this.incidents.set(childId, asParentIncidents(childId, elementId, incidents));
    this.changed = true;
    return true;
  }

  /**
   * Takes a called case's subscription report; returns the subscriptions it newly opened (those
   * the case offers the messages it buffered), or null when the report is stale. Only newly
   * opened ones: one still open since the last report was offered the buffer then, and a second
   * message for it would end up kept by the called case instead.
   */
  subscriptionsReported(
    childId: string,
    subscriptions: MessageSubscription[],
    messageNames?: string[],
  ): MessageSubscription[] | null {
    if (!this.callElements.has(childId)) return null;
    const opened = openedSubscriptions(this.subscriptions.get(childId) ?? [], subscriptions);
    this.subscriptions.set(childId, subscriptions);
    if (messageNames) this.messageNames.set(childId, messageNames);
    this.changed = true;
    return opened;
  }

  /** The case's own view with the incidents its called cases reported. */
  view(own: CaseStateView): CaseStateView {
    return withChildIncidents(own, [...this.incidents.values()].flat());
  }

  /**
   * Where a received message that the case's own subscriptions do not take goes: the running
   * called case that reported a subscription taking it, or, when the case's plan cannot buffer
   * the name (`caseCatches` false), the one that reported it can, with the expiry the case
   * answers with. Null: the engine takes it (correlates, buffers or rejects). Passed on with its
   * expiry even when a waiting called case takes it: a message this case's parent handed down
   * keeps its expiry should that subscription close before it arrives.
   */
  route(
    state: EngineState,
    event: Extract<EngineEvent, { type: "messageReceived" }>,
    caseCatches: boolean,
  ): ChildDelivery | null {
    if (this.subscriptions.size === 0 && this.messageNames.size === 0) return null;
    const reports = this.running().map(
      (id) => [id, this.subscriptions.get(id) ?? [], this.messageNames.get(id)] as const,
    );
    const key = event.correlationKey ?? null;
    const route = routeMessage(openMessageSubscriptions(state), reports, event.name, key, caseCatches);
    if (route.to !== "child") return null;
    const expiresAt = route.buffered
      ? (event.expiresAt ?? bufferExpiry(state, event.at, event.timeToLive))
      : (event.expiresAt ?? null);
    // This case would not buffer it either (time-to-live zero): its engine answers as before.
    if (route.buffered && expiresAt === null) return null;
    return {
      childId: route.childId,
      expiresAt,
      answer: route.buffered && expiresAt ? { buffered: true, expiresAt } : { buffered: false },
    };
  }

  /**
   * What a called case reports to its parent about messages: its own open subscriptions and its
   * called cases', and (`withNames`) the names it and they can buffer.
   */
  messageReport(
    state: EngineState,
    ownMessageNames: readonly string[],
    withNames: boolean,
  ): { subscriptions: MessageSubscription[]; messageNames: string[]; key: string } {
    const subscriptions = reportedSubscriptions(openMessageSubscriptions(state), this.subscriptions.values());
    const messageNames = withNames ? reportedMessageNames(ownMessageNames, this.messageNames.values()) : [];
    return { subscriptions, messageNames, key: subscriptionsKey(subscriptions, messageNames) };
  }
}
