/**
 * Events: start, boundary, catch, throw and end events, and how thrown events travel. BPMN
 * errors and escalations go up the scope chain to the nearest catching boundary event or event
 * subprocess (BPMN 2.0 §10.5.4 "Handling events"); signals go to every subscription of this case
 * and are broadcast to the others. What a firing subscription does is in triggers.ts.
 */
import type { EventDefinition, FlowNode } from "@alur/shared/plan";
import type { Variables } from "@alur/shared/schemas";
import {
  boundariesOf,
  type Ctx,
  dropInstance,
  type ElementTable,
  emit,
  instanceOf,
  nodeOf,
  raiseIncident,
  record,
} from "./context";
import { cancelChildren, cancelInstance, completeInstance, finishCase, schedule } from "./lifecycle";
import { eventSubProcessesOf, findSubscriptions, isLive, scopeElementOf, waitFor } from "./subscriptions";
import { triggerEventSubProcess, triggerSubscription } from "./triggers";
import type { ElementInstance } from "./types";
import { feel, scopeContext } from "./variables";

type EventType = "startEvent" | "boundaryEvent" | "intermediateCatchEvent" | "intermediateThrowEvent" | "endEvent";

export const eventBehaviours: Pick<ElementTable, EventType> = {
  // A start or boundary event that is entered has already happened (its trigger fired, if any).
  startEvent: { activate: (ctx, instance) => completeInstance(ctx, instance.id, {}) },
  boundaryEvent: { activate: (ctx, instance) => completeInstance(ctx, instance.id, {}) },
  intermediateCatchEvent: {
    activate(ctx, instance, node) {
      if (node.eventDefinition.kind === "link") completeInstance(ctx, instance.id, {});
      else waitFor(ctx, instance, node, node.eventDefinition);
    },
  },
  intermediateThrowEvent: { activate: throwFrom },
  endEvent: { activate: throwFrom },
};

/** Throw and end events: terminate, error, escalation, signal, link, or a plain end. */
function throwFrom(ctx: Ctx, instance: ElementInstance, node: FlowNode): void {
  const definition =
    node.type === "endEvent" || node.type === "intermediateThrowEvent" ? node.eventDefinition : undefined;
  switch (definition?.kind) {
    case "terminate": {
      // Terminate ends its own scope: the whole case at process level, the subprocess inside one (§13.5.6).
      const scopeId = instance.parentId;
      if (!scopeId) return;
      // Leave without completing: completion would end the scope normally before it is terminated.
      dropInstance(ctx, instance.id);
      record(ctx, "elementLeft", node.id, { elementInstanceId: instance.id });
      const scope = ctx.state.instances[scopeId];
      if (!scope) return;
      if (scope.kind === "process") {
        finishCase(ctx, "terminated");
        return;
      }
      cancelChildren(ctx, scope.id);
      completeInstance(ctx, scope.id, {});
      return;
    }
    case "error": {
      throwError(ctx, instance, definition.errorCode ?? "", `Error end event "${node.id}"`, false);
      return;
    }
    case "escalation":
      // Uncaught, it goes up to the parent case's call activity (the `escalate` command).
      escalate(ctx, instance, definition.escalationCode ?? "", false);
      // An interrupting catch may have cancelled the thrower.
      if (ctx.state.instances[instance.id]) completeInstance(ctx, instance.id, {});
      return;
    case "message": {
      // A message throw/end event sends to another case waiting for it (ch. 10 "Message"
      // events: the sender is an element of this process, the receiver a case of another).
      const context = scopeContext(ctx, instance.id);
      let correlationKey: string | null = null;
      if (definition.correlationKey) {
        const key = feel(definition.correlationKey, context);
        if (!key.ok) {
          raiseIncident(ctx, instance.id, node.id, "correlation-key-error", key.error);
          return;
        }
        correlationKey = key.value === null ? null : String(key.value);
      }
      // The payload is what the event's input mappings chose (its locals), like a signal's: the
      // whole case context would hand personal data to another case.
      const variables = { ...instance.variables };
      emit(ctx, { type: "sendMessage", name: definition.messageName, correlationKey, variables });
      record(ctx, "messageSent", node.id, { name: definition.messageName, correlationKey });
      completeInstance(ctx, instance.id, {});
      return;
    }
    case "signal":
      throwSignal(ctx, definition.signalName, { ...instance.variables });
      if (ctx.state.instances[instance.id]) completeInstance(ctx, instance.id, {});
      return;
    case "link": {
      const linkName = definition.linkName;
      const catcher = Object.values(ctx.plan.nodes).find(
        (n) =>
          n.type === "intermediateCatchEvent" &&
          n.eventDefinition.kind === "link" &&
          n.eventDefinition.linkName === linkName &&
          n.scope === node.scope,
      );
      if (!catcher || !instance.parentId) {
        raiseIncident(
          ctx,
          instance.id,
          node.id,
          "link-not-found",
          `No link catch event "${linkName}" in the same scope`,
        );
        return;
      }
      schedule(ctx, { op: "enter", elementId: catcher.id, parentId: instance.parentId, flowId: null });
      completeInstance(ctx, instance.id, {}, []);
      return;
    }
    default:
      completeInstance(ctx, instance.id, {});
  }
}

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
        boundariesOf(ctx.plan, current.elementId).map((item) => {
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
function throwSignal(ctx: Ctx, name: string, payload: Variables): void {
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
