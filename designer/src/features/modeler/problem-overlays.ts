/** Marks elements with problems on the canvas: a coloured outline and a count badge. */
import type { Problem } from "@alur/shared/compiler";
import type Modeler from "bpmn-js/lib/Modeler";
import { i18n } from "../../i18n";

type Canvas = { addMarker(id: string, m: string): void; removeMarker(id: string, m: string): void };
type Overlays = { add(id: string, type: string, o: unknown): void; remove(filter: { type: string }): void };
type Registry = { get(id: string): unknown; getAll(): { id: string }[] };

const MARKERS = ["alur-problem-error", "alur-problem-warning"];
// the elements each modeler has marked, so clearing touches those only: removing markers from
// every element of a 300-node model fires hundreds of redraw events
const marked = new WeakMap<Modeler, Set<string>>();

/** Replaces the previous problem markers with the current ones. */
export function showProblems(modeler: Modeler, problems: Problem[]): void {
  const canvas = modeler.get<Canvas>("canvas");
  const overlays = modeler.get<Overlays>("overlays");
  const registry = modeler.get<Registry>("elementRegistry");
  overlays.remove({ type: "alur-problem" });
  const previous = marked.get(modeler) ?? new Set<string>();
  for (const id of previous) if (registry.get(id)) for (const m of MARKERS) canvas.removeMarker(id, m);
  const now = new Set<string>();
  marked.set(modeler, now);
  const byElement = new Map<string, Problem[]>();
  // the process itself is the canvas root: its problems are in the problems list, not on a shape
  const rootId = modeler.get<{ getRootElement(): { id: string } }>("canvas").getRootElement().id;
  for (const p of problems) {
    if (!p.elementId || p.elementId === rootId || !registry.get(p.elementId)) continue;
    byElement.set(p.elementId, [...(byElement.get(p.elementId) ?? []), p]);
  }
  for (const [id, list] of byElement) {
    const error = list.some((p) => p.severity === "error");
    canvas.addMarker(id, error ? MARKERS[0]! : MARKERS[1]!);
    now.add(id);
    const badge = document.createElement("span");
    badge.className = `problem-badge${error ? "" : " warning"}`;
    badge.textContent = String(list.length);
    badge.title = list.map((p) => (i18n.language === "en" ? p.message.en : p.message.id)).join("\n");
    overlays.add(id, "alur-problem", { position: { top: -8, right: 8 }, html: badge });
  }
}
