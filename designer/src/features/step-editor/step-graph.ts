/**
 * BPMN model ↔ step graph. The step editor shows a process as cards (steps), branches (decisions)
 * and waits; anything else stays in the graph as a read-only card with a hint to use the BPMN view.
 * Pure functions over a bpmn-moddle tree, so they run in Node tests.
 */
import dagre from "@dagrejs/dagre";
import {
  type Bo,
  type ModdleLike,
  readTaskSettings,
  type TaskSettings,
  writeTaskSettings,
} from "../modeler/model-access";
import { writeCondition } from "./condition-builder";
import { dropStepTimers, foldedIds, followStepRoles, type StepTimer, stepTimersOf } from "./step-timers";

export type StepKind = "start" | "end" | "step" | "auto" | "decision" | "merge" | "parallel" | "wait" | "other";

export type StepNode = {
  id: string;
  kind: StepKind;
  label: string;
  /** Only for steps (user tasks). */
  settings?: TaskSettings;
  /** Waits: for a message (letter, decree) or a timer (until a date / for a duration). */
  waitFor?: "message" | "timer" | "signal";
  /** Why a node is read-only here. */
  hint?: string;
  /** Steps: their reminders and escalation (boundary timers folded into the card). */
  timers?: StepTimer[];
  /** Parallel gateways: true where the branches join (more in than out). */
  joins?: boolean;
};
export type StepEdge = {
  id: string;
  source: string;
  target: string;
  label: string;
  /** The flow's FEEL condition as written (branches of a decision). */
  condition?: string;
  /** The decision's default branch: taken when no other branch's condition holds. */
  isDefault?: true;
};
export type StepGraph = { processId: string; nodes: StepNode[]; edges: StepEdge[]; readOnly: string | null };

const NODE_SIZE: Record<StepKind, { width: number; height: number }> = {
  start: { width: 36, height: 36 },
  end: { width: 36, height: 36 },
  step: { width: 100, height: 80 },
  auto: { width: 100, height: 80 },
  decision: { width: 50, height: 50 },
  merge: { width: 50, height: 50 },
  parallel: { width: 50, height: 50 },
  wait: { width: 36, height: 36 },
  other: { width: 100, height: 80 },
};

/** The first process of the definitions. */
export function processOf(definitions: Bo): Bo | undefined {
  return ((definitions.get("rootElements") as Bo[]) ?? []).find((e) => e.$type === "bpmn:Process");
}

function flowElements(process: Bo): Bo[] {
  return (process.get("flowElements") as Bo[] | undefined) ?? [];
}

function kindOf(bo: Bo): Pick<StepNode, "kind" | "waitFor" | "hint"> {
  switch (bo.$type) {
    case "bpmn:StartEvent":
      return { kind: "start" };
    case "bpmn:EndEvent":
      return { kind: "end" };
    case "bpmn:UserTask":
    case "bpmn:ManualTask":
    case "bpmn:Task":
      return { kind: "step" };
    case "bpmn:ServiceTask":
    case "bpmn:SendTask":
    case "bpmn:ScriptTask":
    case "bpmn:BusinessRuleTask":
      return { kind: "auto", hint: "stepEditor.hint.auto" };
    case "bpmn:ExclusiveGateway":
      return isMerge(bo) ? { kind: "merge" } : { kind: "decision" };
    case "bpmn:ParallelGateway":
      return { kind: "parallel" };
    case "bpmn:IntermediateCatchEvent":
    case "bpmn:ReceiveTask": {
      const def = ((bo.get("eventDefinitions") as Bo[] | undefined) ?? [])[0];
      if (bo.$type === "bpmn:ReceiveTask" || def?.$type === "bpmn:MessageEventDefinition")
        return { kind: "wait", waitFor: "message" };
      if (def?.$type === "bpmn:TimerEventDefinition") return { kind: "wait", waitFor: "timer" };
      if (def?.$type === "bpmn:SignalEventDefinition") return { kind: "wait", waitFor: "signal" };
      return { kind: "other", hint: "stepEditor.hint.other" };
    }
    default:
      return { kind: "other", hint: "stepEditor.hint.other" };
  }
}

function count(bo: Bo, prop: "incoming" | "outgoing"): number {
  return ((bo.get(prop) as Bo[] | undefined) ?? []).length;
}

/** An exclusive gateway that only joins flows (where a loop comes back in). */
function isMerge(bo: Bo): boolean {
  return (
    bo.$type === "bpmn:ExclusiveGateway" &&
    ((bo.get("outgoing") as Bo[] | undefined) ?? []).length <= 1 &&
    ((bo.get("incoming") as Bo[] | undefined) ?? []).length > 1
  );
}

/** Builds the step graph of the first process. */
export function modelToGraph(definitions: Bo): StepGraph {
  const process = processOf(definitions);
  if (!process) return { processId: "", nodes: [], edges: [], readOnly: "stepEditor.readOnly.noProcess" };
  const elements = flowElements(process);
  const timers = stepTimersOf(process);
  const folded = foldedIds(timers);
  const nodes: StepNode[] = [];
  const edges: StepEdge[] = [];
  for (const bo of elements) {
    if (folded.has(String(bo.id))) continue;
    if (bo.$type === "bpmn:SequenceFlow") {
      const condition = bo.get("conditionExpression") as Bo | undefined;
      const body = condition?.get("body");
      const source = bo.get("sourceRef") as Bo;
      edges.push({
        id: String(bo.id),
        source: String(source.id),
        target: String((bo.get("targetRef") as Bo).id),
        label: String(bo.name ?? body ?? ""),
        ...(typeof body === "string" && body.trim() ? { condition: body } : {}),
        ...(source.get("default") === bo ? { isDefault: true as const } : {}),
      });
      continue;
    }
    if (bo.$type === "bpmn:BoundaryEvent") {
      nodes.push({ id: String(bo.id), kind: "other", label: String(bo.name ?? ""), hint: "stepEditor.hint.boundary" });
      continue;
    }
    if (
      bo.$type === "bpmn:DataObjectReference" ||
      bo.$type === "bpmn:DataObject" ||
      bo.$type === "bpmn:DataStoreReference"
    )
      continue;
    const kind = kindOf(bo);
    const own = timers.get(String(bo.id));
    nodes.push({
      id: String(bo.id),
      label: String(bo.name ?? ""),
      ...kind,
      ...(kind.kind === "step" ? { settings: readTaskSettings(bo) } : {}),
      ...(own ? { timers: own } : {}),
      ...(kind.kind === "parallel" ? { joins: count(bo, "incoming") > count(bo, "outgoing") } : {}),
    });
  }
  const collaboration = ((definitions.get("rootElements") as Bo[]) ?? []).some((e) => e.$type === "bpmn:Collaboration");
  const lanes = ((process.get("laneSets") as Bo[] | undefined) ?? []).length > 0;
  const readOnly = collaboration || lanes ? "stepEditor.readOnly.pools" : null;
  return { processId: String(process.id), nodes, edges, readOnly };
}

type Box = { x: number; y: number; width: number; height: number };
export type Layout = { nodes: Map<string, Box>; edges: Map<string, { x: number; y: number }[]> };

/**
 * Positions from dagre, left to right: each node's top-left corner and size, each flow's route
 * (from the source's border to the target's, bending around the nodes; loops go back below).
 */
export function layoutGraph(
  graph: StepGraph,
  sizeOf: (node: StepNode) => { width: number; height: number } = (n) => NODE_SIZE[n.kind],
  spacing: { nodesep: number; ranksep: number } = { nodesep: 50, ranksep: 70 },
): Layout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "LR", ...spacing, marginx: 40, marginy: 40 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { ...sizeOf(n) });
  for (const e of graph.edges)
    if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target, { width: 40, height: 14 }, e.id);
  dagre.layout(g);
  const nodes = new Map<string, Box>();
  for (const id of g.nodes()) {
    const n = g.node(id);
    nodes.set(id, {
      x: Math.round(n.x - n.width / 2),
      y: Math.round(n.y - n.height / 2),
      width: n.width,
      height: n.height,
    });
  }
  const edges = new Map<string, { x: number; y: number }[]>();
  for (const e of g.edges()) {
    const points = g.edge(e)?.points ?? [];
    if (e.name)
      edges.set(
        e.name,
        points.map((p: { x: number; y: number }) => ({ x: Math.round(p.x), y: Math.round(p.y) })),
      );
  }
  return { nodes, edges };
}

function findElement(process: Bo, id: string): Bo | undefined {
  return flowElements(process).find((e) => e.id === id);
}

/** Applies a card edit (name and task settings) to the model. */
export function updateStep(
  moddle: ModdleLike,
  definitions: Bo,
  id: string,
  patch: { name?: string } & Partial<TaskSettings>,
): void {
  const process = processOf(definitions);
  const bo = process && findElement(process, id);
  if (!bo) return;
  const { name, ...settings } = patch;
  if (name !== undefined) bo.set("name", name);
  writeTaskSettings(moddle, bo, settings);
  if (settings.roles !== undefined) followStepRoles(definitions, id, settings.roles);
}

function uniqueId(process: Bo, prefix: string): string {
  const taken = new Set(flowElements(process).map((e) => String(e.id)));
  let i = 1;
  while (taken.has(`${prefix}_${i}`)) i++;
  return `${prefix}_${i}`;
}

function refs(bo: Bo, prop: "incoming" | "outgoing"): Bo[] {
  let list = bo.get(prop) as Bo[] | undefined;
  if (!list) {
    list = [];
    bo.set(prop, list);
  }
  return list;
}

function add(process: Bo, bo: Bo): Bo {
  bo.$parent = process;
  (process.get("flowElements") as Bo[]).push(bo);
  return bo;
}

/** A new sequence flow from `source` to `target`, registered on both ends. */
function connect(moddle: ModdleLike, process: Bo, source: Bo, target: Bo, name?: string): Bo {
  const flow = add(
    process,
    moddle.create("bpmn:SequenceFlow", {
      id: uniqueId(process, `${String(source.id)}_ke`),
      sourceRef: source,
      targetRef: target,
      ...(name ? { name } : {}),
    }),
  );
  refs(source, "outgoing").push(flow);
  refs(target, "incoming").push(flow);
  return flow;
}

/** Points `flow` at `target` instead of its current target. */
function setTarget(flow: Bo, target: Bo): void {
  const old = flow.get("targetRef") as Bo;
  const oldIncoming = refs(old, "incoming");
  const at = oldIncoming.indexOf(flow);
  if (at >= 0) oldIncoming.splice(at, 1);
  flow.set("targetRef", target);
  refs(target, "incoming").push(flow);
}

function findFlow(process: Bo, id: string): Bo | undefined {
  const bo = findElement(process, id);
  return bo?.$type === "bpmn:SequenceFlow" ? bo : undefined;
}

/**
 * Inserts a node on a flow: the flow (with its name and condition) now ends at the node, and a new
 * flow carries on from it to the old target.
 */
function insertOnFlow(moddle: ModdleLike, process: Bo, flow: Bo, node: Bo): void {
  const target = flow.get("targetRef") as Bo;
  add(process, node);
  setTarget(flow, node);
  connect(moddle, process, node, target);
}

/** Inserts a new user task on a flow (e.g. on a decision's branch); returns the new id. */
export function insertStepOnFlow(
  moddle: ModdleLike,
  definitions: Bo,
  flowId: string,
  name: string,
  settings: Partial<TaskSettings> = {},
): string | null {
  const process = processOf(definitions);
  const flow = process && findFlow(process, flowId);
  if (!process || !flow) return null;
  const id = uniqueId(process, "langkah");
  const task = moddle.create("bpmn:UserTask", { id, name });
  insertOnFlow(moddle, process, flow, task);
  writeTaskSettings(moddle, task, settings);
  return id;
}

/** Inserts a new user task after `afterId` on its single outgoing flow; returns the new id. */
export function insertStepAfter(
  moddle: ModdleLike,
  definitions: Bo,
  afterId: string,
  name: string,
  settings: Partial<TaskSettings> = {},
): string | null {
  const process = processOf(definitions);
  const after = process && findElement(process, afterId);
  if (!process || !after) return null;
  const outgoing = refs(after, "outgoing");
  if (outgoing.length !== 1) return null;
  return insertStepOnFlow(moddle, definitions, String(outgoing[0]!.id), name, settings);
}

/** The words a new decision is made with (in the editor's language). */
export type DecisionWords = { name: string; yes: string; no: string; rejected: string };

/**
 * Inserts a yes/no decision after `afterId`: "yes" carries on where the step led, "no" ends in a
 * new outcome (e.g. "Ditolak") the admin may point elsewhere, such as back to an earlier step.
 * With `field`, the branches read that yes/no answer; returns the decision's id.
 */
export function insertDecisionAfter(
  moddle: ModdleLike,
  definitions: Bo,
  afterId: string,
  words: DecisionWords,
  field?: string,
): string | null {
  const process = processOf(definitions);
  const after = process && findElement(process, afterId);
  if (!process || !after) return null;
  const outgoing = refs(after, "outgoing");
  if (outgoing.length !== 1) return null;
  const flow = outgoing[0]!;
  const id = uniqueId(process, "keputusan");
  const gateway = moddle.create("bpmn:ExclusiveGateway", { id, name: words.name });
  const target = flow.get("targetRef") as Bo;
  add(process, gateway);
  setTarget(flow, gateway);
  connect(moddle, process, gateway, target, words.yes);
  const end = add(process, moddle.create("bpmn:EndEvent", { id: uniqueId(process, "hasil"), name: words.rejected }));
  connect(moddle, process, gateway, end, words.no);
  if (field) decideOn(moddle, definitions, id, field);
  return id;
}

/**
 * Makes a two-way decision read a yes/no answer: its first branch is taken when `field` is true,
 * its second when it is false.
 */
export function decideOn(moddle: ModdleLike, definitions: Bo, gatewayId: string, field: string): boolean {
  const process = processOf(definitions);
  const gateway = process && findElement(process, gatewayId);
  if (gateway?.$type !== "bpmn:ExclusiveGateway") return false;
  const outgoing = refs(gateway, "outgoing");
  if (outgoing.length !== 2) return false;
  for (const [index, flow] of outgoing.entries())
    setCondition(
      moddle,
      flow,
      writeCondition({ field, operator: "=", value: { kind: "boolean", value: index === 0 } }),
    );
  return true;
}

/** A choice of a multiple-choice decision: the form field's value and the branch's label. */
export type Choice = { value: string; label: string };

/**
 * Inserts a multiple-choice decision after `afterId` on the answer `field`: one branch per choice
 * (condition `field = "value"`, written by the condition builder) and a default branch for any
 * other answer. All branches join again before where the step led, so the admin adds steps on
 * each branch (or points one elsewhere); returns the decision's id.
 */
export function insertChoiceAfter(
  moddle: ModdleLike,
  definitions: Bo,
  afterId: string,
  words: { name: string; otherwise: string },
  field: string,
  choices: Choice[],
): string | null {
  const process = processOf(definitions);
  const after = process && findElement(process, afterId);
  if (!process || !after || choices.length === 0) return null;
  const outgoing = refs(after, "outgoing");
  if (outgoing.length !== 1) return null;
  const flow = outgoing[0]!;
  const target = flow.get("targetRef") as Bo;
  const id = uniqueId(process, "keputusan");
  const gateway = add(process, moddle.create("bpmn:ExclusiveGateway", { id, name: words.name }));
  setTarget(flow, gateway);
  const merge = add(process, moddle.create("bpmn:ExclusiveGateway", { id: uniqueId(process, "gabung") }));
  connect(moddle, process, merge, target);
  for (const choice of choices) {
    const branch = connect(moddle, process, gateway, merge, choice.label || choice.value);
    setCondition(
      moddle,
      branch,
      writeCondition({ field, operator: "=", value: { kind: "string", value: choice.value } }),
    );
  }
  gateway.set("default", connect(moddle, process, gateway, merge, words.otherwise));
  return id;
}

/**
 * Inserts parallel steps after `afterId`: a parallel split into one new step per name, joined by
 * a parallel gateway before where the step led (the case goes on once every branch is done).
 * Returns the split's and the join's ids and the new steps'.
 */
export function insertParallelAfter(
  moddle: ModdleLike,
  definitions: Bo,
  afterId: string,
  names: string[],
  words: { split: string; join: string },
  settings: Partial<TaskSettings> = {},
): { split: string; join: string; steps: string[] } | null {
  const process = processOf(definitions);
  const after = process && findElement(process, afterId);
  if (!process || !after || names.length < 2) return null;
  const outgoing = refs(after, "outgoing");
  if (outgoing.length !== 1) return null;
  const flow = outgoing[0]!;
  const target = flow.get("targetRef") as Bo;
  const split = add(
    process,
    moddle.create("bpmn:ParallelGateway", { id: uniqueId(process, "paralel"), name: words.split }),
  );
  setTarget(flow, split);
  const join = add(
    process,
    moddle.create("bpmn:ParallelGateway", { id: uniqueId(process, "paralel_gabung"), name: words.join }),
  );
  connect(moddle, process, join, target);
  const steps = names.map((name) => {
    const task = add(process, moddle.create("bpmn:UserTask", { id: uniqueId(process, "langkah"), name }));
    writeTaskSettings(moddle, task, settings);
    connect(moddle, process, split, task);
    connect(moddle, process, task, join);
    return String(task.id);
  });
  return { split: String(split.id), join: String(join.id), steps };
}

/** Adds one more parallel step to a split, joined where its other branches join. */
export function addParallelBranch(
  moddle: ModdleLike,
  definitions: Bo,
  splitId: string,
  name: string,
  settings: Partial<TaskSettings> = {},
): string | null {
  const process = processOf(definitions);
  const split = process && findElement(process, splitId);
  if (!process || split?.$type !== "bpmn:ParallelGateway") return null;
  const join = joinOf(split);
  if (!join) return null;
  const task = add(process, moddle.create("bpmn:UserTask", { id: uniqueId(process, "langkah"), name }));
  writeTaskSettings(moddle, task, settings);
  connect(moddle, process, split, task);
  connect(moddle, process, task, join);
  return String(task.id);
}

/** The parallel gateway every branch of a split reaches first (walking single-way steps). */
function joinOf(split: Bo): Bo | undefined {
  const found = new Set<Bo>();
  for (const flow of refs(split, "outgoing")) {
    let at = flow.get("targetRef") as Bo;
    for (let hops = 0; at && at.$type !== "bpmn:ParallelGateway" && hops < 200; hops++) {
      const out = refs(at, "outgoing");
      if (out.length !== 1) return undefined;
      at = out[0]!.get("targetRef") as Bo;
    }
    if (at?.$type !== "bpmn:ParallelGateway") return undefined;
    found.add(at);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

function setCondition(moddle: ModdleLike, flow: Bo, feel: string | null): void {
  const text = feel?.trim() ?? "";
  const body = text && !text.startsWith("=") ? `=${text}` : text;
  flow.set("conditionExpression", body ? moddle.create("bpmn:FormalExpression", { body }) : undefined);
}

/** Edits a flow: its label and its condition (FEEL; empty or null removes it). */
export function updateFlow(
  moddle: ModdleLike,
  definitions: Bo,
  flowId: string,
  patch: { name?: string; condition?: string | null },
): void {
  const process = processOf(definitions);
  const flow = process && findFlow(process, flowId);
  if (!flow) return;
  if (patch.name !== undefined) flow.set("name", patch.name.trim() || undefined);
  if (patch.condition !== undefined) setCondition(moddle, flow, patch.condition);
}

/**
 * Points a flow at another element, e.g. a "no" branch back to an earlier step (a loop). A step
 * reached by a second flow gets an exclusive gateway before it that joins them (BPMN runs a task
 * once per arriving flow otherwise). An outcome (end event) nothing leads to any more goes; refuses
 * to point at a start or at the flow's own source.
 */
export function retargetFlow(moddle: ModdleLike, definitions: Bo, flowId: string, targetId: string): boolean {
  const process = processOf(definitions);
  const flow = process && findFlow(process, flowId);
  const target = process && findElement(process, targetId);
  if (!process || !flow || !target || target.$type === "bpmn:SequenceFlow" || target.$type === "bpmn:StartEvent")
    return false;
  if (flow.get("sourceRef") === target) return false;
  const old = flow.get("targetRef") as Bo;
  if (old === target || joinedTarget(old) === target) return true;
  const joins = !target.$type.endsWith("Gateway") && target.$type !== "bpmn:EndEvent";
  const incoming = [...refs(target, "incoming")];
  const mergeBefore = incoming.length === 1 ? (incoming[0]!.get("sourceRef") as Bo) : undefined;
  if (joins && mergeBefore && isMerge(mergeBefore)) setTarget(flow, mergeBefore);
  else if (joins && incoming.length > 0) {
    const merge = add(process, moddle.create("bpmn:ExclusiveGateway", { id: uniqueId(process, "gabung") }));
    for (const f of incoming) setTarget(f, merge);
    connect(moddle, process, merge, target);
    setTarget(flow, merge);
  } else setTarget(flow, target);
  if (old.$type === "bpmn:EndEvent" && refs(old, "incoming").length === 0) {
    const elements = process.get("flowElements") as Bo[];
    elements.splice(elements.indexOf(old), 1);
  }
  return true;
}

/** Where a flow ending at a joining gateway really leads: the gateway's next element. */
function joinedTarget(bo: Bo): Bo | undefined {
  return isMerge(bo) ? (refs(bo, "outgoing")[0]?.get("targetRef") as Bo | undefined) : undefined;
}

/** The element a flow leads to as the step editor shows it: past a joining gateway. */
export function shownTarget(graph: StepGraph, edge: StepEdge): string {
  const target = graph.nodes.find((n) => n.id === edge.target);
  if (target?.kind !== "merge") return edge.target;
  return graph.edges.find((e) => e.source === target.id)?.target ?? edge.target;
}

/** Elements a flow may be pointed at: every node but starts, in model order. */
export function flowTargets(graph: StepGraph): StepNode[] {
  return graph.nodes.filter((n) => n.kind !== "start" && n.kind !== "merge");
}

/** Removes a step with exactly one way in and one way out, joining its neighbours. */
export function removeStep(definitions: Bo, id: string): boolean {
  const process = processOf(definitions);
  const bo = process && findElement(process, id);
  if (!process || !bo) return false;
  const incoming = refs(bo, "incoming");
  const outgoing = refs(bo, "outgoing");
  if (incoming.length !== 1 || outgoing.length !== 1) return false;
  // its reminders and escalation go with it
  dropStepTimers(process, id);
  const inFlow = incoming[0]!;
  const outFlow = outgoing[0]!;
  const next = outFlow.get("targetRef") as Bo;
  inFlow.set("targetRef", next);
  const nextIncoming = refs(next, "incoming");
  nextIncoming.splice(nextIncoming.indexOf(outFlow), 1, inFlow);
  const elements = process.get("flowElements") as Bo[];
  for (const gone of [bo, outFlow]) elements.splice(elements.indexOf(gone), 1);
  return true;
}

/** The room under a step with reminders: a gap, the notify tasks in a row, their end events below. */
const TIMER_ROOM = 30 + 80 + 24 + 36;

/**
 * A step with reminders: the task on top of its laid-out box, each boundary timer on its lower
 * edge, the notify tasks in a row under it and each one's end event below that.
 */
function placeTimers(node: StepNode, layout: Layout): boolean {
  const box = layout.nodes.get(node.id);
  if (!box || !node.timers?.length) return false;
  const task = { x: box.x, y: box.y, ...NODE_SIZE.step };
  layout.nodes.set(node.id, task);
  node.timers.forEach((timer, i) => {
    const [boundary, , notify, , end] = timer.elements as [string, string, string, string, string];
    layout.nodes.set(boundary, { x: task.x + 14 + i * 40, y: task.y + task.height - 18, width: 36, height: 36 });
    const x = box.x + i * (NODE_SIZE.auto.width + 20);
    const y = task.y + task.height + 30;
    layout.nodes.set(notify, { x, y, ...NODE_SIZE.auto });
    layout.nodes.set(end, { x: x + 32, y: y + NODE_SIZE.auto.height + 24, width: 36, height: 36 });
  });
  return true;
}

/** The route of a reminder's flow: down from the boundary timer to its notify task, down to its end. */
function timerRoute(flow: Bo, a: Box, b: Box): { x: number; y: number }[] | undefined {
  const source = flow.get("sourceRef") as Bo;
  const fromBoundary = source.$type === "bpmn:BoundaryEvent";
  const toEnd =
    source.$type === "bpmn:ServiceTask" &&
    (flow.get("targetRef") as Bo).$type === "bpmn:EndEvent" &&
    b.y > a.y + a.height &&
    b.x < a.x + a.width;
  if (!fromBoundary && !toEnd) return undefined;
  const ax = a.x + a.width / 2;
  const bx = b.x + b.width / 2;
  const mid = Math.round((a.y + a.height + b.y) / 2);
  return [
    { x: ax, y: a.y + a.height },
    { x: ax, y: mid },
    { x: bx, y: mid },
    { x: bx, y: b.y },
  ];
}

/**
 * Rewrites the diagram of the process from the auto-layout, so elements the step editor added get
 * shapes (bpmn-js shows nothing without them) and flows follow dagre's routes.
 */
export function rebuildDiagram(moddle: ModdleLike, definitions: Bo): void {
  const process = processOf(definitions);
  if (!process) return;
  const graph = modelToGraph(definitions);
  // a step with reminders is laid out taller: its notify tasks go below it
  const layout = layoutGraph(graph, (n) => ({
    ...NODE_SIZE[n.kind],
    ...(n.timers?.length
      ? {
          width: Math.max(NODE_SIZE.step.width, n.timers.length * (NODE_SIZE.auto.width + 20) - 20),
          height: NODE_SIZE.step.height + TIMER_ROOM,
        }
      : {}),
  }));
  const moved = new Set<string>();
  for (const node of graph.nodes) if (placeTimers(node, layout)) moved.add(node.id);
  const planeElements: Bo[] = [];
  for (const bo of flowElements(process)) {
    if (bo.$type === "bpmn:SequenceFlow") continue;
    const pos = layout.nodes.get(String(bo.id));
    if (!pos) continue;
    const bounds = moddle.create("dc:Bounds", pos);
    const shape = moddle.create("bpmndi:BPMNShape", { id: `${bo.id}_di`, bpmnElement: bo, bounds });
    if (bo.$type === "bpmn:ExclusiveGateway") shape.set("isMarkerVisible", true);
    planeElements.push(shape);
  }
  for (const bo of flowElements(process)) {
    if (bo.$type !== "bpmn:SequenceFlow") continue;
    const a = layout.nodes.get(String((bo.get("sourceRef") as Bo).id));
    const b = layout.nodes.get(String((bo.get("targetRef") as Bo).id));
    if (!a || !b) continue;
    const ends = [bo.get("sourceRef") as Bo, bo.get("targetRef") as Bo].map((e) => String(e.id));
    // dagre routed flows of a step with reminders to its taller box: those go straight
    const route =
      timerRoute(bo, a, b) ?? (ends.some((id) => moved.has(id)) ? undefined : layout.edges.get(String(bo.id)));
    const midX = Math.round((a.x + a.width + b.x) / 2);
    const points =
      route && route.length >= 2
        ? route
        : [
            { x: a.x + a.width, y: a.y + a.height / 2 },
            { x: midX, y: a.y + a.height / 2 },
            { x: midX, y: b.y + b.height / 2 },
            { x: b.x, y: b.y + b.height / 2 },
          ];
    const waypoint = points.map((p) => moddle.create("dc:Point", p));
    planeElements.push(moddle.create("bpmndi:BPMNEdge", { id: `${bo.id}_di`, bpmnElement: bo, waypoint }));
  }
  const plane = moddle.create("bpmndi:BPMNPlane", { id: "plane", bpmnElement: process, planeElement: planeElements });
  const diagram = moddle.create("bpmndi:BPMNDiagram", { id: "diagram", plane });
  definitions.set("diagrams", [diagram]);
}
