/**
 * Multi-instance activities (BPMN 2.0 §13.2.7, Zeebe's flavour): a body instance over a FEEL
 * collection runs one inner instance per item, all at once or one after another, collects
 * outputElement into outputCollection and stops early when completionCondition holds.
 */
import type { FlowNode } from "@alur/shared/plan";
import type { Variables } from "@alur/shared/schemas";
import { pauseClock } from "./clock";
import { type Behaviours, type Ctx, childrenOf, dropAgenda, nodeOf, raiseIncident } from "./context";
import { cancelInstance, completeInstance, createInstance, schedule } from "./lifecycle";
import { openBoundaries } from "./subscriptions";
import type { ElementInstance } from "./types";
import { feel, scopeContext } from "./variables";

/**
 * Loop-guard allowance per started item: a large collection is progress, not a loop, so each
 * item may take this many agenda steps on top of maxStepsPerEvent (a 5,000-item parallel body
 * of small subprocesses runs in one step; an endless loop still trips, only later).
 */
export const MI_STEPS_PER_ITEM = 100;

/** Enters the multi-instance body of `node` and starts its first inner instance(s). */
function startMultiInstance(ctx: Ctx, node: FlowNode, parent: ElementInstance): void {
  if (!node.multiInstance) return;
  // Boundary events belong to the body, not to each inner instance (BPMN 2.0 §13.2.7 / Zeebe).
  const body = createInstance(ctx, node.id, "multiInstanceBody", parent.id);
  if (node.pausesClock) pauseClock(ctx, body);
  openBoundaries(ctx, body);
  activateBody(ctx, body, node);
}

/** Evaluates the collection and starts the inner instance(s); also the redo of a collection incident. */
export function activateBody(ctx: Ctx, body: ElementInstance, node: FlowNode): void {
  const mi = node.multiInstance;
  if (!mi) return;
  const collection = feel(mi.inputCollection, scopeContext(ctx, body.id));
  if (!collection.ok || !Array.isArray(collection.value)) {
    const error = collection.ok ? `inputCollection "${mi.inputCollection}" is not a list` : collection.error;
    raiseIncident(ctx, body.id, node.id, "input-collection-error", error);
    return;
  }
  const items = collection.value;
  body.multiInstance = { items, nextIndex: 0, completed: 0, outputs: items.map(() => null) };
  body.variables = { numberOfInstances: items.length, numberOfActiveInstances: 0, numberOfCompletedInstances: 0 };
  if (items.length === 0) {
    completeBody(ctx, body);
    return;
  }
  const first = mi.isSequential ? 1 : items.length;
  for (let index = 0; index < first; index++) startInner(ctx, body, node, index);
}

function startInner(ctx: Ctx, body: ElementInstance, node: FlowNode, index: number): void {
  const state = body.multiInstance;
  const mi = node.multiInstance;
  if (!state || !mi) return;
  state.nextIndex = index + 1;
  ctx.budget += MI_STEPS_PER_ITEM;
  body.variables.numberOfActiveInstances = Number(body.variables.numberOfActiveInstances ?? 0) + 1;
  const locals: Variables = { loopCounter: index + 1 };
  if (mi.inputElement) locals[mi.inputElement] = state.items[index] ?? null;
  schedule(ctx, { op: "enter", elementId: node.id, parentId: body.id, flowId: null, loopIndex: index, locals });
}

/** The outputElement of an inner instance finishing with `output` (null without outputElement). */
function miOutputValue(
  ctx: Ctx,
  inner: ElementInstance,
  node: FlowNode,
  output: Variables,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const source = node.multiInstance?.outputElement;
  if (!source) return { ok: true, value: null };
  const result = feel(source, { ...scopeContext(ctx, inner.id), ...output });
  return result.ok ? { ok: true, value: result.value } : result;
}

/** An inner instance completed: collect its output, then finish the body or start the next item. */
function innerInstanceCompleted(ctx: Ctx, body: ElementInstance, index: number, outputValue: unknown): void {
  const state = body.multiInstance;
  const node = nodeOf(ctx, body.elementId);
  const mi = node?.multiInstance;
  if (!state || !node || !mi) return;
  state.outputs[index] = outputValue;
  state.completed += 1;
  body.variables.numberOfCompletedInstances = state.completed;
  body.variables.numberOfActiveInstances = Math.max(0, Number(body.variables.numberOfActiveInstances ?? 1) - 1);
  continueBody(ctx, body);
}

/** After an item: stop early on the completion condition, finish, or start the next item. */
export function continueBody(ctx: Ctx, body: ElementInstance): void {
  const state = body.multiInstance;
  const node = nodeOf(ctx, body.elementId);
  const mi = node?.multiInstance;
  if (!state || !node || !mi) return;
  if (mi.completionCondition) {
    const done = feel(mi.completionCondition, scopeContext(ctx, body.id));
    if (!done.ok) {
      raiseIncident(ctx, body.id, node.id, "completion-condition-error", done.error, { op: "completionCondition" });
      return;
    }
    if (done.value === true) {
      for (const child of childrenOf(ctx, body.id)) cancelInstance(ctx, child.id);
      dropAgenda(ctx, body.id);
      completeBody(ctx, body);
      return;
    }
  }
  if (state.completed >= state.items.length) completeBody(ctx, body);
  else if (mi.isSequential) startInner(ctx, body, node, state.nextIndex);
}

function completeBody(ctx: Ctx, body: ElementInstance): void {
  const node = nodeOf(ctx, body.elementId);
  const target = node?.multiInstance?.outputCollection;
  const output: Variables = target ? { [target]: body.multiInstance?.outputs ?? [] } : {};
  completeInstance(ctx, body.id, output);
}

export const multiInstanceBehaviour: Behaviours["multiInstance"] = {
  start: startMultiInstance,
  activateBody,
  continueBody,
  outputValue: miOutputValue,
  itemCompleted: innerInstanceCompleted,
};
