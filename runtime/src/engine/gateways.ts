/**
 * Gateways: which outgoing flows a split takes, and when a join may fire. Parallel joins wait
 * for a token on every incoming flow (BPMN 2.0 §13.3.2); inclusive joins wait only for tokens
 * that can still arrive (§13.3.4): none of the scope's other tokens can reach the gateway. An
 * event-based gateway waits for the first of its following catch events (§13.3.6).
 */
import type { FlowNode } from "@alur/shared/plan";
import { boundariesOf, type Ctx, childrenOf, type ElementTable, nodeOf, raiseIncident } from "./context";
import { activate, completeInstance, createInstance } from "./lifecycle";
import { subscribe, unsubscribe } from "./subscriptions";
import type { ElementInstance } from "./types";
import { feel, scopeContext } from "./variables";

type GatewayType = "exclusiveGateway" | "inclusiveGateway" | "parallelGateway" | "eventBasedGateway";

function split(ctx: Ctx, instance: ElementInstance, node: FlowNode): void {
  const selection = selectFlows(ctx, instance, node);
  if (selection.ok) completeInstance(ctx, instance.id, {}, selection.flows);
  else raiseIncident(ctx, instance.id, node.id, selection.code, selection.error);
}

export const gatewayBehaviours: Pick<ElementTable, GatewayType> = {
  exclusiveGateway: { activate: split },
  inclusiveGateway: { activate: split, acceptToken: acceptJoinToken },
  parallelGateway: { activate: split, acceptToken: acceptJoinToken },
  eventBasedGateway: { activate: openEventGateway },
};

type Selection = { ok: true; flows: string[] } | { ok: false; code: string; error: string };

/** The flows a splitting gateway takes; no true condition and no default flow is an incident. */
function selectFlows(ctx: Ctx, instance: ElementInstance, node: FlowNode): Selection {
  if (node.type === "parallelGateway") return { ok: true, flows: [...node.outgoing] };
  if (node.type !== "exclusiveGateway" && node.type !== "inclusiveGateway")
    return { ok: true, flows: [...node.outgoing] };
  const context = scopeContext(ctx, instance.id);
  const taken: string[] = [];
  for (const flowId of node.outgoing) {
    if (flowId === node.defaultFlow) continue;
    const condition = ctx.plan.flows[flowId]?.condition;
    let holds = true;
    if (condition) {
      const result = feel(condition, context);
      if (!result.ok) return { ok: false, code: "condition-error", error: result.error };
      holds = result.value === true;
    }
    if (!holds) continue;
    taken.push(flowId);
    if (node.type === "exclusiveGateway") break;
  }
  if (taken.length > 0) return { ok: true, flows: taken };
  if (node.defaultFlow) return { ok: true, flows: [node.defaultFlow] };
  if (node.outgoing.length === 0) return { ok: true, flows: [] };
  return {
    ok: false,
    code: "no-matching-flow",
    error: `No condition of gateway "${node.name ?? node.id}" is true and it has no default flow`,
  };
}

function isJoin(node: FlowNode): boolean {
  return (node.type === "parallelGateway" || node.type === "inclusiveGateway") && node.incoming.length > 1;
}

/**
 * A token arriving at a joining gateway waits in its scope. Returns false when the node does not
 * join (the caller enters it as usual). A parallel join fires as soon as every incoming flow has a
 * token; inclusive joins are decided when nothing else can move (fireInclusiveJoins).
 */
function acceptJoinToken(ctx: Ctx, scope: ElementInstance, node: FlowNode, flowId: string): boolean {
  if (!isJoin(node)) return false;
  scope.joins ??= {};
  const tokens = scope.joins[node.id] ?? {};
  scope.joins[node.id] = tokens;
  tokens[flowId] = (tokens[flowId] ?? 0) + 1;
  if (node.type === "parallelGateway" && node.incoming.every((id) => (tokens[id] ?? 0) > 0)) {
    fireJoin(ctx, scope, node);
  }
  return true;
}

/** Consumes one token per filled incoming flow and activates the gateway once. */
function fireJoin(ctx: Ctx, scope: ElementInstance, node: FlowNode): void {
  const tokens = scope.joins?.[node.id] ?? {};
  for (const flowId of Object.keys(tokens)) {
    const count = tokens[flowId] ?? 0;
    if (count > 1) tokens[flowId] = count - 1;
    else delete tokens[flowId];
  }
  if (Object.keys(tokens).length === 0) delete scope.joins?.[node.id];
  const instance = createInstance(ctx, node.id, "element", scope.id);
  activate(ctx, instance, node);
}

/** Fires one inclusive join that no other token can reach any more; returns whether it did. */
export function fireInclusiveJoins(ctx: Ctx): boolean {
  for (const scope of Object.values(ctx.state.instances)) {
    for (const [gatewayId, tokens] of Object.entries(scope.joins ?? {})) {
      const node = nodeOf(ctx, gatewayId);
      if (node?.type !== "inclusiveGateway" || !Object.values(tokens).some((n) => n > 0)) continue;
      if (canStillArrive(ctx, scope, gatewayId)) continue;
      fireJoin(ctx, scope, node);
      return true;
    }
  }
  return false;
}

/**
 * Whether the inclusive join must still wait (BPMN 2.0.2 ch. 13 "Inclusive Gateway"): it may fire
 * when every token of the scope that has a path — not through the gateway — to one of its empty
 * incoming flows also has such a path to one that holds a token (that token then belongs to a
 * later round, e.g. in a loop). Tokens are the scope's active instances and tokens waiting at
 * other joins.
 */
function canStillArrive(ctx: Ctx, scope: ElementInstance, gatewayId: string): boolean {
  const waiting = scope.joins?.[gatewayId] ?? {};
  const sources = childrenOf(ctx, scope.id).map((child) => child.elementId);
  for (const [otherId, tokens] of Object.entries(scope.joins ?? {})) {
    if (otherId !== gatewayId && Object.values(tokens).some((n) => n > 0)) sources.push(otherId);
  }
  for (const source of new Set(sources)) {
    if (source === gatewayId) continue;
    let toEmpty = false;
    let toFilled = false;
    for (const flowId of incomingReached(ctx, source, gatewayId)) {
      if ((waiting[flowId] ?? 0) > 0) toFilled = true;
      else toEmpty = true;
    }
    if (toEmpty && !toFilled) return true;
  }
  return false;
}

/** The incoming flows of the gateway that a token at `source` can reach without passing the gateway. */
function incomingReached(ctx: Ctx, source: string, gatewayId: string): Set<string> {
  const reached = new Set<string>();
  const seen = new Set<string>();
  const queue = [source];
  for (let head = 0; head < queue.length; head++) {
    const elementId = queue[head] as string;
    if (seen.has(elementId)) continue;
    seen.add(elementId);
    const node = nodeOf(ctx, elementId);
    if (!node) continue;
    // A token may leave by a boundary event too, so its outgoing flows count as paths.
    const exits = [...node.outgoing];
    for (const boundaryId of boundariesOf(ctx.plan, elementId))
      exits.push(...(nodeOf(ctx, boundaryId)?.outgoing ?? []));
    // A link throw event continues at the link catch events of its name in the same scope
    // (ch. 10 "Link": a pair of link events is a virtual sequence flow).
    for (const catchId of linkTargets(ctx, node)) queue.push(catchId);
    for (const flowId of exits) {
      const target = ctx.plan.flows[flowId]?.target;
      if (target === gatewayId) reached.add(flowId);
      else if (target) queue.push(target);
    }
  }
  return reached;
}

/** The link catch events a link throw event jumps to (none for any other element). */
function linkTargets(ctx: Ctx, node: FlowNode): string[] {
  if (node.type !== "intermediateThrowEvent" || node.eventDefinition?.kind !== "link") return [];
  const name = node.eventDefinition.linkName;
  return Object.values(ctx.plan.nodes)
    .filter(
      (n) =>
        n.type === "intermediateCatchEvent" &&
        n.eventDefinition.kind === "link" &&
        n.eventDefinition.linkName === name &&
        n.scope === node.scope,
    )
    .map((n) => n.id);
}

/** Event-based gateway (§13.3.6): subscribes every following catch event; the first to fire wins. */
function openEventGateway(ctx: Ctx, instance: ElementInstance, node: FlowNode): void {
  const ids: string[] = [];
  for (const flowId of node.outgoing) {
    const target = nodeOf(ctx, ctx.plan.flows[flowId]?.target ?? "");
    const definition =
      target?.type === "intermediateCatchEvent"
        ? target.eventDefinition
        : target?.type === "receiveTask"
          ? ({ kind: "message", messageName: target.messageName, correlationKey: target.correlationKey } as const)
          : undefined;
    if (!target || !definition) {
      raiseIncident(
        ctx,
        instance.id,
        node.id,
        "invalid-event-gateway",
        `Flow "${flowId}" of "${node.id}" does not lead to a catch event`,
      );
      return;
    }
    const target_ = { kind: "eventGateway", gatewayInstanceId: instance.id, eventId: target.id } as const;
    const id = subscribe(ctx, definition, target_, instance, target.id);
    if (!id) {
      // All branches or none: a retry of the incident subscribes them all again.
      for (const opened of ids) unsubscribe(ctx, opened);
      return;
    }
    ids.push(id);
  }
  instance.wait = { kind: "eventGateway", subscriptionIds: ids };
}
