/** The flowchart of a process from its BPMN DI, normalised to start at (0, 0), for printing. */
import type { StandardDiagram } from "../schemas";
import { child, children, isA, type ModdleElement, num, str } from "./moddle-element";
import { refId } from "./process-elements";

const MARGIN = 10;

/** Shapes and edges of the process's diagram; undefined when the model has no DI for it. */
export function standardDiagram(
  definitions: ModdleElement,
  process: ModdleElement,
  steps: Map<string, { order: number; pausesClock: boolean }>,
): StandardDiagram | undefined {
  const participants = new Set(
    children(definitions, "rootElements")
      .filter((e) => e.$type === "bpmn:Collaboration")
      .flatMap((c) => children(c, "participants"))
      .filter((p) => refId(p.processRef) === process.id)
      .map((p) => p.id),
  );
  const plane = children(definitions, "diagrams")
    .map((d) => child(d, "plane"))
    .find((p) => {
      const id = refId(p?.bpmnElement);
      return id === process.id || (id !== undefined && participants.has(id));
    });
  if (!plane) return undefined;
  const shapes: StandardDiagram["shapes"] = [];
  const edges: StandardDiagram["edges"] = [];
  for (const item of children(plane, "planeElement")) {
    const element = item.bpmnElement as ModdleElement | undefined;
    const id = refId(element);
    if (!id || !element) continue;
    if (item.$type === "bpmndi:BPMNShape") {
      const bounds = child(item, "bounds");
      const [x, y, width, height] = ["x", "y", "width", "height"].map((k) => num(bounds, k));
      if (x === undefined || y === undefined || !width || !height) continue;
      if (!isA(element, "bpmn:FlowNode")) continue;
      const step = steps.get(id);
      shapes.push({
        elementId: id,
        kind: shapeKind(element),
        x,
        y,
        width,
        height,
        ...(str(element, "name") ? { label: str(element, "name") } : {}),
        ...(step ? { step: step.order } : {}),
        pausesClock: step?.pausesClock ?? false,
      });
    } else if (item.$type === "bpmndi:BPMNEdge") {
      const points = children(item, "waypoint")
        .map((w) => ({ x: num(w, "x"), y: num(w, "y") }))
        .filter((p): p is { x: number; y: number } => p.x !== undefined && p.y !== undefined);
      if (points.length < 2) continue;
      edges.push({ elementId: id, points, ...(str(element, "name") ? { label: str(element, "name") } : {}) });
    }
  }
  if (shapes.length === 0) return undefined;
  const xs = [...shapes.flatMap((s) => [s.x, s.x + s.width]), ...edges.flatMap((e) => e.points.map((p) => p.x))];
  const ys = [...shapes.flatMap((s) => [s.y, s.y + s.height]), ...edges.flatMap((e) => e.points.map((p) => p.y))];
  const minX = Math.min(...xs) - MARGIN;
  const minY = Math.min(...ys) - MARGIN;
  return {
    width: Math.max(...xs) - minX + MARGIN,
    height: Math.max(...ys) - minY + MARGIN,
    shapes: shapes.map((s) => ({ ...s, x: s.x - minX, y: s.y - minY })),
    edges: edges.map((e) => ({ ...e, points: e.points.map((p) => ({ x: p.x - minX, y: p.y - minY })) })),
  };
}

function shapeKind(element: ModdleElement): StandardDiagram["shapes"][number]["kind"] {
  if (isA(element, "bpmn:SubProcess")) return "subprocess";
  if (isA(element, "bpmn:Activity")) return "task";
  if (isA(element, "bpmn:Event")) return "event";
  if (isA(element, "bpmn:Gateway")) return "gateway";
  return "other";
}
