/**
 * The working context of one step: a private copy of the state, the commands emitted so far and
 * the agenda of pending token moves. Only `step` creates one; every module mutates through it.
 */
import type { ExecutionPlan, FlowNode } from "@alur/shared/plan";
import type { Variables } from "@alur/shared/schemas";
import type { ElementInstance, EngineCommand, EngineState, Iso, RecordType } from "./types";

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
  | { op: "complete"; instanceId: string; output: Variables };

export interface Ctx {
  plan: ExecutionPlan;
  state: EngineState;
  commands: EngineCommand[];
  at: Iso;
  agenda: AgendaItem[];
  /** Agenda items worked in this step; bounded by state.maxStepsPerEvent. */
  steps: number;
  /** Set when the step was stopped (loop guard, case end): the rest of the agenda is dropped. */
  halted: boolean;
}

/** Next id from the state's counter: deterministic and unique per case. */
export function nextId(ctx: Ctx, prefix: string): string {
  ctx.state.seq += 1;
  return `${prefix}${ctx.state.seq}`;
}

/** The plan node of an element, or undefined for an id the plan does not know. */
export function nodeOf(ctx: Ctx, elementId: string): FlowNode | undefined {
  return ctx.plan.nodes[elementId];
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
 * stays where it is, waiting on the incident, so the rest of the case keeps running.
 */
export function raiseIncident(
  ctx: Ctx,
  instanceId: string | null,
  elementId: string | null,
  code: string,
  message: string,
): void {
  const id = nextId(ctx, "x");
  ctx.state.incidents.push({ id, elementId, elementInstanceId: instanceId, code, message, at: ctx.at });
  const instance = instanceId ? instanceOf(ctx, instanceId) : undefined;
  if (instance && instance.kind !== "process" && !instance.wait) instance.wait = { kind: "incident", incidentId: id };
  record(ctx, "incident", elementId, { code, message, elementInstanceId: instanceId });
}

/** Children of a scope instance, in creation order. */
export function childrenOf(ctx: Ctx, scopeInstanceId: string): ElementInstance[] {
  return Object.values(ctx.state.instances).filter((i) => i.parentId === scopeInstanceId);
}

/** The process-level instance (the root of every scope chain). */
export function rootInstance(ctx: Ctx): ElementInstance | undefined {
  return Object.values(ctx.state.instances).find((i) => i.parentId === null);
}
