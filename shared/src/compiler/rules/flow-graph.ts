/**
 * The token-flow graph of a process for reachability rules: sequence flows, activity → boundary
 * events, link throw → link catch (same name, same scope), and subprocess → the starts of its scope.
 */
import { children, isA, type ModdleElement, str } from "../moddle-element";
import type { ScopedElement } from "../process-elements";
import { refId } from "../process-elements";
import { definitionKind } from "../supported-elements";

export interface FlowGraph {
  nodes: Map<string, { element: ModdleElement; scope: string | null }>;
  /** Successors of each node. */
  next: Map<string, string[]>;
  /** Nodes a token may appear at when their scope is entered (starts, event subprocesses). */
  entries: Map<string | null, string[]>;
  /** Nodes that end a path: no outgoing sequence flow and not a link throw that continues. */
  sinks: string[];
}

const graphs = new WeakMap<readonly ScopedElement[], FlowGraph>();

/** The graph of one process, built once per element list (two rules share it). */
export function flowGraph(elements: readonly ScopedElement[]): FlowGraph {
  let graph = graphs.get(elements);
  if (!graph) {
    graph = buildGraph(elements);
    graphs.set(elements, graph);
  }
  return graph;
}

function buildGraph(elements: readonly ScopedElement[]): FlowGraph {
  const nodes = new Map<string, { element: ModdleElement; scope: string | null }>();
  for (const { element, scope } of elements) {
    if (element.id && isA(element, "bpmn:FlowNode")) nodes.set(element.id, { element, scope });
  }
  const next = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    if (!nodes.has(from) || !nodes.has(to)) return;
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  };
  const hasIncoming = new Set<string>();
  const hasOutgoing = new Set<string>();
  for (const { element } of elements) {
    if (element.$type !== "bpmn:SequenceFlow") continue;
    const source = refId(element.sourceRef);
    const target = refId(element.targetRef);
    if (!source || !target) continue;
    add(source, target);
    hasOutgoing.add(source);
    hasIncoming.add(target);
  }
  const linkCatches = new Map<string, string[]>();
  for (const [id, { element, scope }] of nodes) {
    const link = linkName(element);
    if (link && element.$type === "bpmn:IntermediateCatchEvent") {
      const key = `${scope}\u0000${link}`;
      linkCatches.set(key, [...(linkCatches.get(key) ?? []), id]);
    }
  }
  const continuingLinks = new Set<string>();
  for (const [id, { element, scope }] of nodes) {
    if (element.$type === "bpmn:BoundaryEvent") {
      const attached = refId(element.attachedToRef);
      if (attached) add(attached, id);
    }
    const link = linkName(element);
    if (link && element.$type === "bpmn:IntermediateThrowEvent") {
      for (const target of linkCatches.get(`${scope}\u0000${link}`) ?? []) {
        add(id, target);
        continuingLinks.add(id);
      }
    }
  }

  const byScope = new Map<string | null, string[]>();
  for (const [id, { scope }] of nodes) {
    const list = byScope.get(scope);
    if (list) list.push(id);
    else byScope.set(scope, [id]);
  }
  const entries = new Map<string | null, string[]>();
  for (const [scope, ids] of byScope) {
    const starts = ids.filter((id) => nodes.get(id)?.element.$type === "bpmn:StartEvent");
    const eventSubProcesses = ids.filter((id) => nodes.get(id)?.element.triggeredByEvent === true);
    // BPMN 2.0 §10.5.1: without a start event, every node without incoming flow starts.
    const implicit =
      starts.length > 0
        ? []
        : ids.filter((id) => {
            const element = nodes.get(id)?.element;
            return (
              !!element &&
              !hasIncoming.has(id) &&
              element.$type !== "bpmn:BoundaryEvent" &&
              element.triggeredByEvent !== true &&
              !(element.$type === "bpmn:IntermediateCatchEvent" && linkName(element))
            );
          });
    entries.set(scope, [...starts, ...eventSubProcesses, ...implicit]);
  }
  for (const [id, { element }] of nodes) {
    if (isA(element, "bpmn:SubProcess")) for (const entry of entries.get(id) ?? []) add(id, entry);
  }
  const sinks = [...nodes.keys()].filter((id) => !hasOutgoing.has(id) && !continuingLinks.has(id));
  return { nodes, next, entries, sinks };
}

/** Nodes a token can reach from the process start. */
export function reachable(graph: FlowGraph): Set<string> {
  const seen = new Set<string>();
  const queue = [...(graph.entries.get(null) ?? [])];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const to of graph.next.get(id) ?? []) if (!seen.has(to)) queue.push(to);
  }
  return seen;
}

/** Nodes from which some sink of the same scope (an end) can be reached. */
export function canEnd(graph: FlowGraph): Set<string> {
  const previous = new Map<string, string[]>();
  for (const [from, tos] of graph.next) {
    for (const to of tos) {
      // Entering a subprocess is not a way out of it: only same-scope edges count.
      if (graph.nodes.get(from)?.scope !== graph.nodes.get(to)?.scope) continue;
      const list = previous.get(to);
      if (list) list.push(from);
      else previous.set(to, [from]);
    }
  }
  const seen = new Set<string>();
  const queue = [...graph.sinks];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const from of previous.get(id) ?? []) if (!seen.has(from)) queue.push(from);
  }
  return seen;
}

function linkName(element: ModdleElement): string | undefined {
  const definition = children(element, "eventDefinitions")[0];
  return definition && definitionKind(definition) === "link" ? (str(definition, "name") ?? "") : undefined;
}
