/**
 * Token moves: entering an element, completing it and leaving by its outgoing flows, cancelling
 * it with everything inside, completing scopes that ran out of tokens, and ending the case.
 * What an element does once entered is looked up in `ctx.behaviours` (the families register
 * there, see behaviours.ts), so this core imports no element family.
 */
import type { FlowNode } from "@alur/shared/plan";
import type { Variables } from "@alur/shared/schemas";
import { pauseClock, resumeClock } from "./clock";
import {
  type AgendaItem,
  addInstance,
  type Ctx,
  childrenOf,
  dequeue,
  dropAgenda,
  dropInstance,
  type ElementBehaviour,
  emit,
  enqueue,
  hasChildren,
  hasPendingEnters,
  instanceOf,
  nextId,
  nodeOf,
  raiseIncident,
  record,
  rootInstance,
} from "./context";
import { closeSubscriptionsOf, openBoundaries, openEventSubProcesses, unsubscribe } from "./subscriptions";
import type { ElementInstance, FinishStatus, IncidentRetry, InstanceKind } from "./types";
import { evaluateMappings, feel, mergeVariables, scopeContext } from "./variables";

/** Works through the agenda until no token can move without an event (or the loop guard trips). */
export function run(ctx: Ctx): void {
  while (!ctx.halted) {
    const item = dequeue(ctx);
    if (!item) {
      if (ctx.behaviours.whenIdle(ctx)) continue;
      return;
    }
    ctx.steps += 1;
    if (ctx.steps > ctx.budget) {
      const root = rootInstance(ctx);
      raiseIncident(
        ctx,
        root?.id ?? null,
        null,
        "too-many-steps",
        `More than ${ctx.budget} steps without a wait state: the model loops forever`,
      );
      finishCase(ctx, "incident");
      return;
    }
    if (item.op === "enter") enter(ctx, item);
    else if (item.op === "complete") completeInstance(ctx, item.instanceId, item.output);
    else ctx.behaviours.messages.correlateBuffered(ctx, item.subscriptionId);
  }
}

/** Runs the behaviour of an element's family on a freshly entered instance. */
export function activate(ctx: Ctx, instance: ElementInstance, node: FlowNode): void {
  behaviourOf(ctx, node).activate(ctx, instance, node);
}

function behaviourOf(ctx: Ctx, node: FlowNode): ElementBehaviour {
  // The table is keyed by node type, so the entry takes exactly this node's type.
  return ctx.behaviours.elements[node.type] as ElementBehaviour;
}

/** Queues a token arriving at an element inside a scope instance. */
export function schedule(ctx: Ctx, item: AgendaItem): void {
  enqueue(ctx, item);
}

const ACTIVITIES = new Set<FlowNode["type"]>([
  "userTask",
  "serviceTask",
  "sendTask",
  "receiveTask",
  "scriptTask",
  "manualTask",
  "task",
  "subProcess",
  "callActivity",
]);

function isActivity(node: FlowNode): boolean {
  return ACTIVITIES.has(node.type);
}

function kindOf(node: FlowNode): InstanceKind {
  if (node.type !== "subProcess") return "element";
  return node.triggeredByEvent ? "eventSubProcess" : "subProcess";
}

/** Creates a live instance of a plan element and records that it was entered. */
export function createInstance(
  ctx: Ctx,
  elementId: string,
  kind: InstanceKind,
  parentId: string | null,
  variables: Variables = {},
): ElementInstance {
  const instance: ElementInstance = { id: nextId(ctx, "e"), elementId, kind, parentId, variables, enteredAt: ctx.at };
  addInstance(ctx, instance);
  if (kind !== "process") record(ctx, "elementEntered", elementId, { elementInstanceId: instance.id });
  return instance;
}

function enter(ctx: Ctx, item: Extract<AgendaItem, { op: "enter" }>): void {
  const parent = instanceOf(ctx, item.parentId);
  if (!parent) return; // the scope was cancelled while the token was on its way
  const node = nodeOf(ctx, item.elementId);
  if (!node) {
    raiseIncident(ctx, parent.id, item.elementId, "unknown-element", `The plan has no element "${item.elementId}"`, {
      op: "none",
    });
    return;
  }
  if (item.flowId && behaviourOf(ctx, node).acceptToken?.(ctx, parent, node, item.flowId)) return;
  if (node.multiInstance && item.loopIndex === undefined && !item.triggered) {
    ctx.behaviours.multiInstance.start(ctx, node, parent);
    return;
  }
  const instance = createInstance(ctx, node.id, kindOf(node), parent.id, { ...item.locals });
  if (item.loopIndex !== undefined) instance.loopIndex = item.loopIndex;
  enterInstance(ctx, instance, node, item.triggered);
}

/**
 * Runs a freshly created instance: input mappings, then (unless its event is already satisfied)
 * clock pause, boundary events, event subprocesses and the element's behaviour. Also the redo of
 * an input-mapping incident.
 */
export function enterInstance(ctx: Ctx, instance: ElementInstance, node: FlowNode, triggered?: Variables): void {
  const inputs = node.io?.inputs ?? [];
  if (inputs.length > 0) {
    const values = evaluateMappings(inputs, scopeContext(ctx, instance.id));
    if (!values.ok) {
      const retry: IncidentRetry = { op: "enter", ...(triggered ? { triggered } : {}) };
      raiseIncident(ctx, instance.id, node.id, "input-mapping-error", values.error, retry);
      return;
    }
    Object.assign(instance.variables, values.values);
  }
  if (triggered) {
    instance.triggered = true;
    completeInstance(ctx, instance.id, triggered);
    return;
  }
  if (instance.loopIndex === undefined) {
    if (node.pausesClock) pauseClock(ctx, instance);
    if (isActivity(node)) openBoundaries(ctx, instance);
  }
  if (instance.kind === "subProcess") openEventSubProcesses(ctx, instance);
  activate(ctx, instance, node);
}

/**
 * The instance finished its work: `output` becomes variables (through output mappings if any),
 * then the token leaves by `flows` (default: every outgoing flow whose condition holds).
 */
export function completeInstance(ctx: Ctx, instanceId: string, output: Variables, flows?: string[]): void {
  const instance = instanceOf(ctx, instanceId);
  if (!instance) return;
  const node = nodeOf(ctx, instance.elementId);
  if (!node) return;
  delete instance.wait; // whatever it waited for has happened
  // Redoing this completion (retryIncident) must see the same result and flows.
  const retry: IncidentRetry = { op: "complete", output, ...(flows ? { flows } : {}) };
  const parent = instance.parentId ? instanceOf(ctx, instance.parentId) : undefined;
  const inner = parent?.kind === "multiInstanceBody" && instance.loopIndex !== undefined ? parent : undefined;
  let outputElement: unknown = null;
  if (inner) {
    const value = ctx.behaviours.multiInstance.outputValue(ctx, instance, node, output);
    if (!value.ok) {
      raiseIncident(ctx, instance.id, node.id, "output-mapping-error", value.error, retry);
      return;
    }
    outputElement = value.value;
  }
  if (!applyOutputs(ctx, instance, node, output, inner !== undefined, retry)) return;
  let leaving = flows;
  if (!inner && leaving === undefined) {
    const selected = outgoingFlows(ctx, instance, node);
    if (!selected.ok) {
      raiseIncident(ctx, instance.id, node.id, "condition-error", selected.error, retry);
      return;
    }
    leaving = selected.value;
  }
  removeInstance(ctx, instance);
  record(ctx, "elementLeft", node.id, { elementInstanceId: instance.id });
  if (inner && instance.loopIndex !== undefined) {
    ctx.behaviours.multiInstance.itemCompleted(ctx, inner, instance.loopIndex, outputElement);
    return;
  }
  for (const flowId of leaving ?? []) {
    const flow = ctx.plan.flows[flowId];
    if (flow && instance.parentId) {
      schedule(ctx, { op: "enter", elementId: flow.target, parentId: instance.parentId, flowId });
    }
  }
  if (instance.parentId) completeScopeIfDone(ctx, instance.parentId);
}

/** Writes an element's result into its scope: output mappings, or the whole result (Zeebe propagation). */
function applyOutputs(
  ctx: Ctx,
  instance: ElementInstance,
  node: FlowNode,
  output: Variables,
  inner: boolean,
  retry: IncidentRetry,
): boolean {
  if (instance.kind === "multiInstanceBody") {
    mergeVariables(ctx, instance.parentId, output);
    return true;
  }
  const outputs = node.io?.outputs ?? [];
  if (outputs.length > 0) {
    const values = evaluateMappings(outputs, { ...scopeContext(ctx, instance.id), ...output });
    if (!values.ok) {
      raiseIncident(ctx, instance.id, node.id, "output-mapping-error", values.error, retry);
      return false;
    }
    mergeVariables(ctx, instance.parentId, values.values);
    return true;
  }
  // A multi-instance item's result is collected through outputElement, not spread over the case.
  if (inner && node.multiInstance?.outputElement) return true;
  if (node.type === "callActivity" && !node.propagateAllChildVariables) return true;
  mergeVariables(ctx, instance.parentId, output);
  return true;
}

/** Outgoing flows taken by a non-gateway element: unconditional ones and those whose condition holds. */
function outgoingFlows(
  ctx: Ctx,
  instance: ElementInstance,
  node: FlowNode,
): { ok: true; value: string[] } | { ok: false; error: string } {
  if (node.outgoing.length === 0) return { ok: true, value: [] };
  const context = scopeContext(ctx, instance.parentId);
  const taken: string[] = [];
  for (const flowId of node.outgoing) {
    const condition = ctx.plan.flows[flowId]?.condition;
    if (!condition) {
      taken.push(flowId);
      continue;
    }
    const result = feel(condition, context);
    if (!result.ok) return { ok: false, error: result.error };
    if (result.value === true) taken.push(flowId);
  }
  if (taken.length === 0) return { ok: false, error: `No outgoing flow of "${node.id}" has a true condition` };
  return { ok: true, value: taken };
}

/** Removes an instance that completed: its subscriptions close and its clock pause ends. */
function removeInstance(ctx: Ctx, instance: ElementInstance): void {
  closeSubscriptionsOf(ctx, instance.id);
  resumeClock(ctx, instance.id);
  resolveIncidentsOf(ctx, instance.id);
  dropInstance(ctx, instance.id);
}

/** An instance that left (completed or cancelled) takes its incidents with it: nothing is left to retry. */
function resolveIncidentsOf(ctx: Ctx, instanceId: string): void {
  const incidents = ctx.state.incidents;
  if (!incidents.some((i) => i.elementInstanceId === instanceId)) return;
  for (const incident of incidents.filter((i) => i.elementInstanceId === instanceId)) {
    record(ctx, "incidentResolved", incident.elementId, {
      incidentId: incident.id,
      code: incident.code,
      reason: "elementLeft",
    });
  }
  ctx.state.incidents = incidents.filter((i) => i.elementInstanceId !== instanceId);
}

/** A scope with no tokens left completes (BPMN 2.0 §10.3.5 / §13.3.4): a subprocess leaves, the process ends. */
function completeScopeIfDone(ctx: Ctx, scopeId: string): void {
  const scope = instanceOf(ctx, scopeId);
  if (!scope || scope.kind === "multiInstanceBody" || scope.kind === "element" || ctx.halted) return;
  if (hasChildren(ctx, scope.id)) return;
  if (Object.values(scope.joins ?? {}).some((flows) => Object.values(flows).some((n) => n > 0))) return;
  if (hasPendingEnters(ctx, scope.id)) return;
  if (scope.kind === "process") finishCase(ctx, "completed");
  else completeInstance(ctx, scope.id, {});
}

/** Cancels an instance and everything inside it: tasks leave the inboxes, timers, jobs and children stop. */
export function cancelInstance(ctx: Ctx, instanceId: string): void {
  const instance = instanceOf(ctx, instanceId);
  if (!instance) return;
  for (const child of childrenOf(ctx, instance.id)) cancelInstance(ctx, child.id);
  const wait = instance.wait;
  if (wait?.kind === "task") {
    delete ctx.state.tasks[wait.taskId];
    emit(ctx, { type: "closeTask", taskId: wait.taskId, status: "cancelled", by: null });
  } else if (wait?.kind === "job") {
    delete ctx.state.jobs[wait.jobId];
    emit(ctx, { type: "cancelJob", jobId: wait.jobId });
  } else if (wait?.kind === "child") {
    delete ctx.state.children[wait.childId];
    emit(ctx, { type: "cancelChild", childId: wait.childId });
  }
  closeSubscriptionsOf(ctx, instance.id);
  resumeClock(ctx, instance.id);
  if (instance.kind !== "process") resolveIncidentsOf(ctx, instance.id);
  dropInstance(ctx, instance.id);
  if (instance.kind !== "process") {
    record(ctx, "elementCancelled", instance.elementId, { elementInstanceId: instance.id });
  }
}

/** Cancels every child of a scope (terminate end event, interrupting event subprocess). */
export function cancelChildren(ctx: Ctx, scopeId: string): void {
  for (const child of childrenOf(ctx, scopeId)) cancelInstance(ctx, child.id);
  const scope = instanceOf(ctx, scopeId);
  if (scope) scope.joins = {};
  dropAgenda(ctx, scopeId);
}

/** Ends the case: whatever still runs is cancelled; the process instance stays to report the final variables. */
export function finishCase(ctx: Ctx, status: FinishStatus, data: Variables = {}): void {
  const root = rootInstance(ctx);
  if (root) {
    for (const child of childrenOf(ctx, root.id)) cancelInstance(ctx, child.id);
    closeSubscriptionsOf(ctx, root.id);
    root.joins = {};
  }
  for (const subscription of Object.keys(ctx.state.subscriptions)) unsubscribe(ctx, subscription);
  ctx.behaviours.messages.discard(ctx);
  ctx.state.status = status;
  const recordType = {
    completed: "caseCompleted",
    terminated: "caseTerminated",
    cancelled: "caseCancelled",
    incident: "incident",
  } as const;
  if (status !== "incident") record(ctx, recordType[status], null, data);
  emit(ctx, { type: "finish", status, variables: root?.variables ?? {} });
  dropAgenda(ctx);
  ctx.halted = true;
}
