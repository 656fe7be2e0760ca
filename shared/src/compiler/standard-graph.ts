/**
 * The procedure's shape for the derived service standard: a reading order of the flow nodes, the
 * back edges (loops), and the longest path's SLA sum. Loops count once: the longest path is taken
 * over the graph without its back edges, which is acyclic.
 */
import type { DurationUnit } from "../schemas";
import { alurTaskOf, slaOf } from "./alur-task";
import { isA, type ModdleElement } from "./moddle-element";
import type { ScopedElement } from "./process-elements";
import { type FlowGraph, flowGraph } from "./rules/flow-graph";

export interface ProcedureGraph {
  graph: FlowGraph;
  /** Reachable nodes in reading order (a topological order of the forward edges). */
  order: string[];
  /** Forward successors (back edges removed). */
  forward: Map<string, string[]>;
  /** "from→to" of each back edge. */
  backEdges: Set<string>;
  /** Nodes from which an end is reachable without going back: the others lie on a return branch. */
  endsForward: Set<string>;
}

const WORKING_DAY_FALLBACK = 450; // 08:00–15:30

/** Builds the reading order: a return branch right after its decision, then side paths, then the rest. */
export function procedureGraph(elements: readonly ScopedElement[]): ProcedureGraph {
  const graph = flowGraph(elements);
  const entries = graph.entries.get(null) ?? [];
  const backEdges = new Set<string>();
  // Pass 1: back edges of a depth-first walk in document order (iterative: models can be long).
  const state = new Map<string, "open" | "done">();
  for (const entry of entries) {
    if (state.has(entry)) continue;
    const stack: { id: string; next: number }[] = [{ id: entry, next: 0 }];
    state.set(entry, "open");
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; next: number };
      const to = (graph.next.get(top.id) ?? [])[top.next++];
      if (to === undefined) {
        state.set(top.id, "done");
        stack.pop();
      } else if (state.get(to) === "open") backEdges.add(`${top.id}→${to}`);
      else if (!state.has(to)) {
        state.set(to, "open");
        stack.push({ id: to, next: 0 });
      }
    }
  }

  const forward = new Map<string, string[]>();
  for (const [from, tos] of graph.next)
    forward.set(
      from,
      tos.filter((to) => !backEdges.has(`${from}→${to}`)),
    );

  const previous = new Map<string, string[]>();
  for (const [from, tos] of forward) for (const to of tos) previous.set(to, [...(previous.get(to) ?? []), from]);
  const endsForward = new Set<string>();
  const queue = [...graph.sinks];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (endsForward.has(id)) continue;
    endsForward.add(id);
    for (const from of previous.get(id) ?? []) queue.push(from);
  }

  // Pass 2: reverse post-order. The child visited last comes first, so visit forward sequence
  // flows in reverse document order, then boundary paths, then return branches.
  const visited = new Set<string>();
  const post: string[] = [];
  const rank = (to: string) => {
    if (!endsForward.has(to)) return 2;
    return graph.nodes.get(to)?.element.$type === "bpmn:BoundaryEvent" ? 1 : 0;
  };
  const children = (id: string) =>
    (forward.get(id) ?? [])
      .map((to, index) => ({ to, index, rank: rank(to) }))
      .sort((a, b) => a.rank - b.rank || b.index - a.index)
      .map((c) => c.to);
  for (const entry of [...entries].reverse()) {
    if (visited.has(entry)) continue;
    visited.add(entry);
    const stack: { id: string; children: string[]; next: number }[] = [
      { id: entry, children: children(entry), next: 0 },
    ];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; children: string[]; next: number };
      const to = top.children[top.next++];
      if (to === undefined) {
        post.push(top.id);
        stack.pop();
      } else if (!visited.has(to)) {
        visited.add(to);
        stack.push({ id: to, children: children(to), next: 0 });
      }
    }
  }
  return { graph, order: post.reverse(), forward, backEdges, endsForward };
}

/** Working minutes of a duration; calendar units are approximated (5 of 7 days, 21 working days a month). */
export function workingMinutes(duration: { value: number; unit: DurationUnit }, dayMinutes = WORKING_DAY_FALLBACK) {
  const perUnit: Record<DurationUnit, number> = {
    minutes: 1,
    hours: 60,
    workingHours: 60,
    workingDays: dayMinutes,
    calendarDays: (dayMinutes * 5) / 7,
    months: dayMinutes * 21,
    years: dayMinutes * 21 * 12,
  };
  return duration.value * perUnit[duration.unit];
}

export interface LongestPath {
  elementIds: string[];
  workingMinutes: number;
  /** Units of the SLAs summed along the path. */
  units: Set<DurationUnit>;
}

/**
 * The longest path by SLA through the process (loops once, clock-stopping nodes weigh nothing).
 * A subprocess weighs its own longest inner path.
 */
export function longestSlaPath(procedure: ProcedureGraph, dayMinutes = WORKING_DAY_FALLBACK): LongestPath {
  const { graph, order, forward } = procedure;
  const inScope = (scope: string | null): LongestPath => {
    // Distances and predecessors only; the path is rebuilt once at the end (linear in the model).
    const dist = new Map<string, number>();
    const via = new Map<string, string>();
    const own = new Map<string, LongestPath>();
    let bestId: string | undefined;
    let best = 0;
    for (const id of order) {
      const node = graph.nodes.get(id);
      if (!node || node.scope !== scope) continue;
      const weight = weightOf(id, node.element);
      own.set(id, weight);
      const here = (dist.get(id) ?? 0) + weight.workingMinutes;
      if (here > best) {
        best = here;
        bestId = id;
      }
      for (const to of forward.get(id) ?? []) {
        if (graph.nodes.get(to)?.scope !== scope) continue;
        if (!dist.has(to) || here > (dist.get(to) as number)) {
          dist.set(to, here);
          via.set(to, id);
        }
      }
    }
    const elementIds: string[] = [];
    const units = new Set<DurationUnit>();
    for (let at = bestId; at !== undefined; at = via.get(at)) {
      const weight = own.get(at);
      elementIds.push(...[...(weight?.elementIds ?? [at])].reverse());
      for (const unit of weight?.units ?? []) units.add(unit);
    }
    return { elementIds: elementIds.reverse(), workingMinutes: best, units };
  };
  const weightOf = (id: string, element: ModdleElement): LongestPath => {
    if (isA(element, "bpmn:SubProcess")) {
      const inner = inScope(id);
      return { ...inner, elementIds: [id, ...inner.elementIds] };
    }
    const sla = slaOf(element);
    if (!sla || alurTaskOf(element).pausesClock) return { elementIds: [id], workingMinutes: 0, units: new Set() };
    return { elementIds: [id], workingMinutes: workingMinutes(sla, dayMinutes), units: new Set([sla.unit]) };
  };
  return inScope(null);
}
