/**
 * The working context of one step: a private copy of the state, the commands emitted so far and
 * the agenda of pending token moves. Only `step` creates one; every module mutates through it.
 */
import type { ExecutionPlan, FlowNode } from "@alur/shared/plan";
import type { Variables } from "@alur/shared/schemas";
import type {
  ElementInstance,
  EngineCommand,
  EngineState,
  IncidentRetry,
  Iso,
  RecordType,
  Subscription,
  SubscriptionTarget,
} from "./types";

/** A pending move of the interpreter; the agenda is worked through in FIFO order. */
export type AgendaItem =
  /** A token arrives at `elementId` inside scope instance `parentId` (via `flowId`, if any). */
  | {
      op: "enter";
      elementId: string;
      parentId: string;
      flowId: string | null;
      /** The event is already satisfied (boundary, event-gateway branch, event-subprocess start): its payload. */
      triggered?: Variables;
      /** Multi-instance inner instance: index of its item. */
      loopIndex?: number;
      /** Local variables to start the instance with. */
      locals?: Variables;
    }
  /** `instanceId` finished its work with `output` and leaves by its outgoing flows. */
  | { op: "complete"; instanceId: string; output: Variables }
  /** A message subscription just opened: correlate the oldest buffered message it matches, if any. */
  | { op: "correlate"; subscriptionId: string };

/** What one element kind does once a token entered an instance of it (Zeebe: its element processor). */
export interface ElementBehaviour<N extends FlowNode = FlowNode> {
  activate(ctx: Ctx, instance: ElementInstance, node: N): void;
  /** A token arriving by a sequence flow; true when the element keeps it (a join waits for more). */
  acceptToken?(ctx: Ctx, scope: ElementInstance, node: N, flowId: string): boolean;
}

/** One behaviour per plan element type: the dispatch table the core looks elements up in. */
export type ElementTable = { [T in FlowNode["type"]]: ElementBehaviour<Extract<FlowNode, { type: T }>> };

/**
 * The element families the core calls into, injected by the composition root (`behaviours.ts`)
 * so that the core imports no family and the families import only the core.
 */
export interface Behaviours {
  elements: ElementTable;
  /** Multi-instance bodies wrap any activity kind, so they are not an element type of their own. */
  multiInstance: {
    start(ctx: Ctx, node: FlowNode, parent: ElementInstance): void;
    /** Evaluates the collection and starts the items; also the redo of a collection incident. */
    activateBody(ctx: Ctx, body: ElementInstance, node: FlowNode): void;
    /** The redo of a completion-condition incident. */
    continueBody(ctx: Ctx, body: ElementInstance): void;
    outputValue(
      ctx: Ctx,
      inner: ElementInstance,
      node: FlowNode,
      output: Variables,
    ): { ok: true; value: unknown } | { ok: false; error: string };
    itemCompleted(ctx: Ctx, body: ElementInstance, index: number, outputValue: unknown): void;
  };
  messages: {
    /** A message subscription opened: take the oldest buffered message it matches. */
    correlateBuffered(ctx: Ctx, subscriptionId: string): void;
    /** The case ended: buffered messages go with it. */
    discard(ctx: Ctx): void;
  };
  /** The agenda ran dry: a waiting token may move now (inclusive join); true when one did. */
  whenIdle(ctx: Ctx): boolean;
}

export interface Ctx {
  plan: ExecutionPlan;
  behaviours: Behaviours;
  state: EngineState;
  commands: EngineCommand[];
  at: Iso;
  /** Pending moves; `agendaHead` is the next one (a cursor instead of shift(): large agendas stay O(1)). */
  agenda: AgendaItem[];
  agendaHead: number;
  /** Pending `enter` items per scope instance, so "does a token still come?" is O(1). */
  pendingEnters: Map<string, number>;
  /** Child instance ids per scope instance: an index over state.instances, rebuilt each step. */
  children: Map<string, Set<string>>;
  /** Subscription ids per owning instance (see ownerOfTarget): an index over state.subscriptions. */
  subscriptionsByOwner: Map<string, Set<string>>;
  /** Agenda items worked in this step. */
  steps: number;
  /**
   * Steps allowed in this step before the loop guard trips: state.maxStepsPerEvent, plus an
   * allowance for every multi-instance item started (a large collection is progress, not a loop).
   */
  budget: number;
  /** Set when the step was stopped (loop guard, case end): the rest of the agenda is dropped. */
  halted: boolean;
}

/** A fresh working context over a private copy of the state. */
export function createCtx(plan: ExecutionPlan, state: EngineState, at: Iso, behaviours: Behaviours): Ctx {
  // A JSON round trip: the copy can be mutated freely and stays JSON (continue-as-new carries it).
  const copy = JSON.parse(JSON.stringify(state)) as EngineState;
  const children = new Map<string, Set<string>>();
  for (const instance of Object.values(copy.instances)) {
    if (instance.parentId === null) continue;
    const set = children.get(instance.parentId) ?? new Set<string>();
    children.set(instance.parentId, set);
    set.add(instance.id);
  }
  const subscriptionsByOwner = new Map<string, Set<string>>();
  for (const subscription of Object.values(copy.subscriptions)) {
    const owner = ownerOfTarget(subscription.target);
    const set = subscriptionsByOwner.get(owner) ?? new Set<string>();
    subscriptionsByOwner.set(owner, set);
    set.add(subscription.id);
  }
  return {
    plan,
    behaviours,
    state: copy,
    commands: [],
    at,
    agenda: [],
    agendaHead: 0,
    pendingEnters: new Map(),
    children,
    subscriptionsByOwner,
    steps: 0,
    budget: copy.maxStepsPerEvent,
    halted: false,
  };
}

/** The instance a subscription belongs to: when it leaves, the subscription goes. */
/**
 * The boundary events attached to an element. Ids are the modeller's, so a lookup must not read
 * Object.prototype's members ("constructor", "toString") as a missing element's list.
 */
export function boundariesOf(plan: ExecutionPlan, elementId: string): readonly string[] {
  return Object.hasOwn(plan.boundaries, elementId) ? (plan.boundaries[elementId] ?? []) : [];
}

export function ownerOfTarget(target: SubscriptionTarget): string {
  switch (target.kind) {
    case "boundary":
      return target.activityInstanceId;
    case "catch":
    case "sla":
      return target.instanceId;
    case "eventSubProcess":
      return target.scopeInstanceId;
    case "eventGateway":
      return target.gatewayInstanceId;
  }
}

/** Adds a subscription to the state and the owner index. */
export function addSubscription(ctx: Ctx, subscription: Subscription): void {
  ctx.state.subscriptions[subscription.id] = subscription;
  const owner = ownerOfTarget(subscription.target);
  const set = ctx.subscriptionsByOwner.get(owner) ?? new Set<string>();
  ctx.subscriptionsByOwner.set(owner, set);
  set.add(subscription.id);
}

/** Removes a subscription from the state and the owner index; returns it (undefined if unknown). */
export function dropSubscription(ctx: Ctx, subscriptionId: string): Subscription | undefined {
  const subscription = ctx.state.subscriptions[subscriptionId];
  if (!subscription) return undefined;
  delete ctx.state.subscriptions[subscriptionId];
  ctx.subscriptionsByOwner.get(ownerOfTarget(subscription.target))?.delete(subscriptionId);
  return subscription;
}

/** Ids of the subscriptions an instance owns, in opening order. */
export function subscriptionIdsOf(ctx: Ctx, ownerId: string): string[] {
  return [...(ctx.subscriptionsByOwner.get(ownerId) ?? [])];
}

/** Adds a live instance to the state and the children index. */
export function addInstance(ctx: Ctx, instance: ElementInstance): void {
  ctx.state.instances[instance.id] = instance;
  if (instance.parentId === null) return;
  const set = ctx.children.get(instance.parentId) ?? new Set<string>();
  ctx.children.set(instance.parentId, set);
  set.add(instance.id);
}

/** Removes an instance from the state and the children index (its subscriptions are the caller's business). */
export function dropInstance(ctx: Ctx, instanceId: string): void {
  const instance = ctx.state.instances[instanceId];
  if (!instance) return;
  delete ctx.state.instances[instanceId];
  if (instance.parentId !== null) ctx.children.get(instance.parentId)?.delete(instanceId);
}

/** Queues an agenda item (FIFO). */
export function enqueue(ctx: Ctx, item: AgendaItem): void {
  ctx.agenda.push(item);
  if (item.op === "enter") ctx.pendingEnters.set(item.parentId, (ctx.pendingEnters.get(item.parentId) ?? 0) + 1);
}

/** The next agenda item, or undefined when the agenda is empty. */
export function dequeue(ctx: Ctx): AgendaItem | undefined {
  if (ctx.agendaHead >= ctx.agenda.length) {
    ctx.agenda = [];
    ctx.agendaHead = 0;
    return undefined;
  }
  const item = ctx.agenda[ctx.agendaHead];
  ctx.agendaHead += 1;
  if (item?.op === "enter") {
    const left = (ctx.pendingEnters.get(item.parentId) ?? 1) - 1;
    if (left > 0) ctx.pendingEnters.set(item.parentId, left);
    else ctx.pendingEnters.delete(item.parentId);
  }
  return item;
}

/** Drops the pending tokens into one scope instance (it was cancelled or completed early), or all of them. */
export function dropAgenda(ctx: Ctx, parentId?: string): void {
  if (parentId === undefined) {
    ctx.agenda = [];
    ctx.agendaHead = 0;
    ctx.pendingEnters.clear();
    return;
  }
  if (!ctx.pendingEnters.has(parentId)) return;
  ctx.agenda = ctx.agenda.slice(ctx.agendaHead).filter((item) => item.op !== "enter" || item.parentId !== parentId);
  ctx.agendaHead = 0;
  ctx.pendingEnters.delete(parentId);
}

/** Whether a token is still on its way into a scope instance. */
export function hasPendingEnters(ctx: Ctx, parentId: string): boolean {
  return ctx.pendingEnters.has(parentId);
}

/** Next id from the state's counter: deterministic and unique per case. */
export function nextId(ctx: Ctx, prefix: string): string {
  ctx.state.seq += 1;
  return `${prefix}${ctx.state.seq}`;
}

/** The plan node of an element, or undefined for an id the plan does not know. */
export function nodeOf(ctx: Ctx, elementId: string): FlowNode | undefined {
  return Object.hasOwn(ctx.plan.nodes, elementId) ? ctx.plan.nodes[elementId] : undefined;
}

export function instanceOf(ctx: Ctx, instanceId: string): ElementInstance | undefined {
  return ctx.state.instances[instanceId];
}

export function emit(ctx: Ctx, command: EngineCommand): void {
  ctx.commands.push(command);
}

/** Appends a timeline entry for the case history. */
export function record(ctx: Ctx, recordType: RecordType, elementId: string | null, data: Variables = {}): void {
  emit(ctx, { type: "record", key: nextId(ctx, "r"), recordType, elementId, data, at: ctx.at });
}

/**
 * A model or data error: recorded in state and history, never thrown. The instance (if any)
 * stays where it is, waiting on the incident, so the rest of the case keeps running. `retry`
 * says what `retryIncident` redoes (default: the element's behaviour); a "subscribe" retry does
 * not hold the instance, which carries on without that one subscription.
 */
export function raiseIncident(
  ctx: Ctx,
  instanceId: string | null,
  elementId: string | null,
  code: string,
  message: string,
  retry?: IncidentRetry,
): void {
  const id = nextId(ctx, "x");
  ctx.state.incidents.push({
    id,
    elementId,
    elementInstanceId: instanceId,
    code,
    message,
    at: ctx.at,
    ...(retry ? { retry } : {}),
  });
  const instance = instanceId ? instanceOf(ctx, instanceId) : undefined;
  if (instance && instance.kind !== "process" && !instance.wait && retry?.op !== "subscribe") {
    instance.wait = { kind: "incident", incidentId: id };
  }
  record(ctx, "incident", elementId, { code, message, elementInstanceId: instanceId, incidentId: id });
}

/** Children of a scope instance, in creation order (ids come from one counter, so Set order is creation order). */
export function childrenOf(ctx: Ctx, scopeInstanceId: string): ElementInstance[] {
  const ids = ctx.children.get(scopeInstanceId);
  if (!ids) return [];
  const result: ElementInstance[] = [];
  for (const id of ids) {
    const instance = ctx.state.instances[id];
    if (instance) result.push(instance);
  }
  return result;
}

/** Whether a scope instance has any live child. */
export function hasChildren(ctx: Ctx, scopeInstanceId: string): boolean {
  return (ctx.children.get(scopeInstanceId)?.size ?? 0) > 0;
}

/** The process-level instance (the root of every scope chain). */
export function rootInstance(ctx: Ctx): ElementInstance | undefined {
  return Object.values(ctx.state.instances).find((i) => i.parentId === null);
}
