/**
 * Resolving incidents (Zeebe's "resolve incident"): an admin fixes the data and the element
 * redoes the work that failed — the same input mappings, gateway decision, job, child, output
 * mappings or subscription — and the case continues from there.
 */
import type { Variables } from "@alur/shared/schemas";
import { type Ctx, instanceOf, nodeOf, record, rootInstance } from "./context";
import { activate, completeInstance, enterInstance } from "./lifecycle";
import { subscribe } from "./subscriptions";
import type { ElementInstance, Incident, SubscriptionTarget } from "./types";
import { mergeVariables } from "./variables";

/** Resolves an incident and redoes its element's work; false for an unknown (or already resolved) incident. */
export function retryIncident(ctx: Ctx, incidentId: string, variables: Variables | undefined): boolean {
  const incident = ctx.state.incidents.find((i) => i.id === incidentId);
  if (!incident) return false;
  ctx.state.incidents = ctx.state.incidents.filter((i) => i.id !== incidentId);
  const instance = incident.elementInstanceId ? instanceOf(ctx, incident.elementInstanceId) : undefined;
  // Written like an output of the element: a variable it (or an enclosing scope) holds locally
  // is updated there, anything else lands on the case.
  if (variables) mergeVariables(ctx, instance?.id ?? rootInstance(ctx)?.id ?? null, variables);
  record(ctx, "incidentResolved", incident.elementId, {
    incidentId: incident.id,
    code: incident.code,
    reason: "retried",
    variables: Object.keys(variables ?? {}),
  });
  if (instance) redo(ctx, incident, instance);
  return true;
}

function redo(ctx: Ctx, incident: Incident, instance: ElementInstance): void {
  const retry = incident.retry ?? { op: "activate" };
  if (retry.op === "none") return;
  if (retry.op === "subscribe") {
    resubscribe(ctx, retry.target, retry.elementId);
    return;
  }
  // Only an element held by this incident redoes anything (e.g. not the process instance).
  if (instance.wait?.kind !== "incident" || instance.wait.incidentId !== incident.id) return;
  delete instance.wait;
  const node = nodeOf(ctx, instance.elementId);
  if (!node) return;
  switch (retry.op) {
    case "activate":
      if (instance.kind === "multiInstanceBody") ctx.behaviours.multiInstance.activateBody(ctx, instance, node);
      else activate(ctx, instance, node);
      return;
    case "enter":
      enterInstance(ctx, instance, node, retry.triggered);
      return;
    case "complete":
      completeInstance(ctx, instance.id, retry.output, retry.flows);
      return;
    case "completionCondition":
      ctx.behaviours.multiInstance.continueBody(ctx, instance);
      return;
  }
}

/** Opens a boundary or event-subprocess subscription that failed to open, if its owner still runs. */
function resubscribe(ctx: Ctx, target: SubscriptionTarget, elementId: string): void {
  const ownerId =
    target.kind === "boundary"
      ? target.activityInstanceId
      : target.kind === "eventSubProcess"
        ? target.scopeInstanceId
        : null;
  const owner = ownerId ? instanceOf(ctx, ownerId) : undefined;
  const node = nodeOf(ctx, elementId);
  const definition = node && "eventDefinition" in node ? node.eventDefinition : undefined;
  if (!owner || !definition) return;
  subscribe(ctx, definition, target, owner, elementId);
}
