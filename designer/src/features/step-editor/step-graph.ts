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

export type StepKind = "start" | "end" | "step" | "auto" | "decision" | "parallel" | "wait" | "other";

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
};
export type StepEdge = { id: string; source: string; target: string; label: string };
export type StepGraph = { processId: string; nodes: StepNode[]; edges: StepEdge[]; readOnly: string | null };

const NODE_SIZE: Record<StepKind, { width: number; height: number }> = {
  start: { width: 36, height: 36 },
  end: { width: 36, height: 36 },
  step: { width: 100, height: 80 },
  auto: { width: 100, height: 80 },
  decision: { width: 50, height: 50 },
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
      return { kind: "decision" };
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

/** Builds the step graph of the first process. */
export function modelToGraph(definitions: Bo): StepGraph {
  const process = processOf(definitions);
  if (!process) return { processId: "", nodes: [], edges: [], readOnly: "stepEditor.readOnly.noProcess" };
  const elements = flowElements(process);
  const nodes: StepNode[] = [];
  const edges: StepEdge[] = [];
  for (const bo of elements) {
    if (bo.$type === "bpmn:SequenceFlow") {
      const condition = bo.get("conditionExpression") as Bo | undefined;
      edges.push({
        id: String(bo.id),
        source: String((bo.get("sourceRef") as Bo).id),
        target: String((bo.get("targetRef") as Bo).id),
        label: String(bo.name ?? condition?.get("body") ?? ""),
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
    nodes.push({
      id: String(bo.id),
      label: String(bo.name ?? ""),
      ...kind,
      ...(kind.kind === "step" ? { settings: readTaskSettings(bo) } : {}),
    });
  }
  const collaboration = ((definitions.get("rootElements") as Bo[]) ?? []).some((e) => e.$type === "bpmn:Collaboration");
  const lanes = ((process.get("laneSets") as Bo[] | undefined) ?? []).length > 0;
  const readOnly = collaboration || lanes ? "stepEditor.readOnly.pools" : null;
  return { processId: String(process.id), nodes, edges, readOnly };
}

/** Positions from dagre, left to right; keys are node ids, values the top-left corner. */
export function layoutGraph(graph: StepGraph): Map<string, { x: number; y: number; width: number; height: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 50, ranksep: 70, marginx: 40, marginy: 40 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { ...NODE_SIZE[n.kind] });
  for (const e of graph.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const id of g.nodes()) {
    const n = g.node(id);
    out.set(id, {
      x: Math.round(n.x - n.width / 2),
      y: Math.round(n.y - n.height / 2),
      width: n.width,
      height: n.height,
    });
  }
  return out;
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

/** Inserts a new user task after `afterId` on its single outgoing flow; returns the new id. */
export function insertStepAfter(moddle: ModdleLike, definitions: Bo, afterId: string, name: string): string | null {
  const process = processOf(definitions);
  const after = process && findElement(process, afterId);
  if (!process || !after) return null;
  const outgoing = refs(after, "outgoing");
  if (outgoing.length !== 1) return null;
  const flow = outgoing[0]!;
  const target = flow.get("targetRef") as Bo;
  const id = uniqueId(process, "langkah");
  const task = moddle.create("bpmn:UserTask", { id, name });
  task.$parent = process;
  const newFlow = moddle.create("bpmn:SequenceFlow", {
    id: uniqueId(process, `${id}_keluar`),
    sourceRef: task,
    targetRef: target,
  });
  newFlow.$parent = process;
  // the old flow now ends at the new task; the new flow carries on to the old target
  flow.set("targetRef", task);
  const targetIncoming = refs(target, "incoming");
  targetIncoming.splice(targetIncoming.indexOf(flow), 1, newFlow);
  refs(task, "incoming").push(flow);
  refs(task, "outgoing").push(newFlow);
  (process.get("flowElements") as Bo[]).push(task, newFlow);
  return id;
}

/** Removes a step with exactly one way in and one way out, joining its neighbours. */
export function removeStep(definitions: Bo, id: string): boolean {
  const process = processOf(definitions);
  const bo = process && findElement(process, id);
  if (!process || !bo) return false;
  const incoming = refs(bo, "incoming");
  const outgoing = refs(bo, "outgoing");
  if (incoming.length !== 1 || outgoing.length !== 1) return false;
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

/**
 * Rewrites the diagram of the process from the auto-layout, so elements the step editor added get
 * shapes (bpmn-js shows nothing without them).
 */
export function rebuildDiagram(moddle: ModdleLike, definitions: Bo): void {
  const process = processOf(definitions);
  if (!process) return;
  const graph = modelToGraph(definitions);
  const positions = layoutGraph(graph);
  const planeElements: Bo[] = [];
  for (const bo of flowElements(process)) {
    if (bo.$type === "bpmn:SequenceFlow") continue;
    const pos = positions.get(String(bo.id));
    if (!pos) continue;
    const bounds = moddle.create("dc:Bounds", pos);
    const shape = moddle.create("bpmndi:BPMNShape", { id: `${bo.id}_di`, bpmnElement: bo, bounds });
    if (bo.$type === "bpmn:ExclusiveGateway") shape.set("isMarkerVisible", true);
    planeElements.push(shape);
  }
  for (const bo of flowElements(process)) {
    if (bo.$type !== "bpmn:SequenceFlow") continue;
    const a = positions.get(String((bo.get("sourceRef") as Bo).id));
    const b = positions.get(String((bo.get("targetRef") as Bo).id));
    if (!a || !b) continue;
    const start = { x: a.x + a.width, y: a.y + a.height / 2 };
    const end = { x: b.x, y: b.y + b.height / 2 };
    const midX = Math.round((start.x + end.x) / 2);
    const points = start.y === end.y ? [start, end] : [start, { x: midX, y: start.y }, { x: midX, y: end.y }, end];
    const waypoint = points.map((p) => moddle.create("dc:Point", p));
    planeElements.push(moddle.create("bpmndi:BPMNEdge", { id: `${bo.id}_di`, bpmnElement: bo, waypoint }));
  }
  const plane = moddle.create("bpmndi:BPMNPlane", { id: "plane", bpmnElement: process, planeElement: planeElements });
  const diagram = moddle.create("bpmndi:BPMNDiagram", { id: "diagram", plane });
  definitions.set("diagrams", [diagram]);
}
