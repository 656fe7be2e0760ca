/**
 * Thrown events: BPMN errors and escalations travel up the scope chain to the nearest catching
 * boundary event or event subprocess (BPMN 2.0 §10.5.4 "Handling events"); signals go to every
 * subscription of this case and are broadcast to the others.
 */
import type { EventDefinition } from "@alur/shared/plan";
import type { Variables } from "@alur/shared/schemas";
import { type Ctx, emit, instanceOf, nodeOf, raiseIncident, record } from "./context";
import { cancelInstance, schedule } from "./lifecycle";
import { eventSubProcessesOf, findSubscriptions, isLive, scopeElementOf } from "./subscriptions";
import { triggerEventSubProcess, triggerSubscription } from "./triggers";
import type { ElementInstance } from "./types";

type Thrown = { kind: "error"; code: string; message: string } | { kind: "escalation"; code: string };

function catches(definition: EventDefinition | undefined, thrown: Thrown): "exact" | "any" | null {
  if (!definition || definition.kind !== thrown.kind) return null;
  const code =
    definition.kind === "error"
      ? definition.errorCode
      : definition.kind === "escalation"
        ? definition.escalationCode
        : undefined;
  if (code === undefined || code === "") return "any";
  return code === thrown.code ? "exact" : null;
}

/** The best match among candidates: an exact code wins over a catch-all. */
function best<T>(candidates: { item: T; match: "exact" | "any" | null }[]): T | undefined {
  return (candidates.find((c) => c.match === "exact") ?? candidates.find((c) => c.match === "any"))?.item;
}

/**
 * Throws an error or escalation from `thrower`. When the thrower is an activity (a failed job, a
 * failed child) its own boundary events are tried first; events throw from their scope.
 * Returns whether something caught it.
 */
export function throwEvent(ctx: Ctx, thrower: ElementInstance, thrown: Thrown, fromActivity: boolean): boolean {
  record(ctx, thrown.kind === "error" ? "errorThrown" : "escalationThrown", thrower.elementId, {
    code: thrown.code,
    ...(thrown.kind === "error" ? { message: thrown.message } : {}),
    elementInstanceId: thrower.id,
  });
  let current: ElementInstance | undefined = thrower;
  let cameFrom: ElementInstance | undefined;
  while (current) {
    const first: boolean = current === thrower;
    const isScope = current.kind === "process" || current.kind === "subProcess" || current.kind === "eventSubProcess";
    if (isScope && !first) {
      const esp = best(
        eventSubProcessesOf(ctx, scopeElementOf(current))
          // An event subprocess never catches what it threw itself.
          .filter((e) => e.subProcessId !== cameFrom?.elementId)
          .map((item) => ({ item, match: catches(item.definition, thrown) })),
      );
      if (esp) {
        triggerEventSubProcess(ctx, current, esp, {});
        return true;
      }
    }
    const isInner =
      current.loopIndex !== undefined &&
      current.parentId !== null &&
      instanceOf(ctx, current.parentId)?.kind === "multiInstanceBody";
    if ((!first || fromActivity) && current.kind !== "process" && !isInner) {
      const boundaryId = best(
        (ctx.plan.boundaries[current.elementId] ?? []).map((item) => {
          const node = nodeOf(ctx, item);
          return { item, match: node?.type === "boundaryEvent" ? catches(node.eventDefinition, thrown) : null };
        }),
      );
      const boundary = boundaryId ? nodeOf(ctx, boundaryId) : undefined;
      if (boundary?.type === "boundaryEvent" && current.parentId) {
        // Error boundary events always interrupt (BPMN 2.0 §10.5.4); escalations may not.
        if (boundary.cancelActivity || thrown.kind === "error") cancelInstance(ctx, current.id);
        schedule(ctx, { op: "enter", elementId: boundary.id, parentId: current.parentId, flowId: null, triggered: {} });
        return true;
      }
    }
    cameFrom = current;
    current = current.parentId ? instanceOf(ctx, current.parentId) : undefined;
  }
  return false;
}

/**
 * Throws a BPMN error; when nothing in this case catches it, the thrower holds an
 * "unhandled-error" incident and the adapter hears of it (`uncaughtError`), so a child case's
 * error can reach the parent's call activity (Zeebe propagates errors across call activities).
 */
export function throwError(
  ctx: Ctx,
  thrower: ElementInstance,
  code: string,
  message: string,
  fromActivity: boolean,
  options: { incident: boolean } = { incident: true },
): boolean {
  if (throwEvent(ctx, thrower, { kind: "error", code, message }, fromActivity)) return true;
  if (options.incident) {
    const text = `No event catches the BPMN error "${code}": ${message}`;
    raiseIncident(ctx, thrower.id, thrower.elementId, "unhandled-error", text);
  }
  emit(ctx, { type: "uncaughtError", code, message, elementId: thrower.elementId });
  return false;
}

/**
 * Throws an escalation; when no scope of this case catches it, asks the adapter to pass it on to
 * the parent case's call activity (Zeebe propagates escalations across call activities).
 */
export function escalate(ctx: Ctx, thrower: ElementInstance, code: string, fromActivity: boolean): boolean {
  if (throwEvent(ctx, thrower, { kind: "escalation", code }, fromActivity)) return true;
  emit(ctx, { type: "escalate", code, elementId: thrower.elementId });
  return false;
}

/** Throws a signal: this case's subscriptions fire now, the other cases get a broadcast. */
export function throwSignal(ctx: Ctx, name: string, payload: Variables): void {
  deliverSignal(ctx, name, payload);
  emit(ctx, { type: "broadcast", name, payload });
}

/** Fires every live subscription for a signal; returns how many fired. */
export function deliverSignal(ctx: Ctx, name: string, payload: Variables): number {
  let fired = 0;
  for (const subscription of findSubscriptions(ctx, (s) => s.trigger.kind === "signal" && s.trigger.name === name)) {
    if (!isLive(ctx, subscription)) continue;
    triggerSubscription(ctx, subscription, payload);
    fired += 1;
  }
  if (fired > 0) record(ctx, "signalReceived", null, { name, subscriptions: fired });
  return fired;
}
