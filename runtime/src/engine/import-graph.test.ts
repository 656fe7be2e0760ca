/// <reference types="vite/client" />
/**
 * The engine's modules form a layered graph: element families depend on the core (context,
 * tokens, subscriptions), never on each other and never in a circle. The graph is read from the
 * import statements of the engine's own source files, type-only imports included.
 */
import { describe, expect, it } from "vitest";

// Read as text by Vite: engine code (tests included) does no file I/O.
const SOURCES: Record<string, string> = import.meta.glob(["./*.ts", "!./*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
});

/** Module name (file without .ts) -> the engine modules it imports. */
function importGraph(sources: Record<string, string>): Map<string, string[]> {
  const name = (path: string) => path.replace(/^\.\//, "").replace(/\.ts$/, "");
  const modules = new Set(Object.keys(sources).map(name));
  const graph = new Map<string, string[]>();
  for (const [path, source] of Object.entries(sources)) {
    const targets = new Set<string>();
    // `import … from "./x"`, `export … from "./x"`, side-effect `import "./x"`, across line breaks.
    for (const match of source.matchAll(/(?:^|[\s;])(?:import|export)\b[^;"']*?["']\.\/([\w.-]+)["']/g)) {
      const target = (match[1] as string).replace(/\.ts$/, "");
      if (modules.has(target)) targets.add(target);
    }
    graph.set(name(path), [...targets].sort());
  }
  return graph;
}

/** Every cycle found by a depth-first search, each as the path that closes it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (node: string): void => {
    if (onPath.has(node)) {
      found.push([...path.slice(path.indexOf(node)), node]);
      return;
    }
    if (done.has(node)) return;
    onPath.add(node);
    path.push(node);
    for (const next of graph.get(node) ?? []) visit(next);
    path.pop();
    onPath.delete(node);
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) visit(node);
  return found;
}

/** The element families (README "Where an element family lives"): each registers in behaviours.ts. */
const FAMILIES = ["events", "gateways", "messages", "multi-instance", "sub-processes", "tasks"];
/** The core the families build on: it looks behaviour up in the table instead of importing it. */
const CORE = ["clock", "context", "lifecycle", "subscriptions", "timers", "triggers", "types", "variables"];

describe("engine import graph", () => {
  it("finds a cycle when there is one (the check can fail)", () => {
    // given a graph with a circle a -> b -> c -> a
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);

    // then the circle is reported
    expect(cycles(graph)).toEqual([["a", "b", "c", "a"]]);
  });

  it("reads the engine's imports", () => {
    // given the engine's source files
    const graph = importGraph(SOURCES);

    // then the composition root reaches the core, and the core imports no element family
    expect(graph.get("step")).toContain("lifecycle");
    expect(graph.get("lifecycle")).toContain("context");
    expect(graph.get("context")).toEqual(["types"]);
  });

  it("has no import cycle", () => {
    // given the engine's source files
    const graph = importGraph(SOURCES);

    // then no module reaches itself through its imports
    expect(cycles(graph).map((cycle) => cycle.join(" -> "))).toEqual([]);
  });

  it("keeps families apart: a family imports only the core, the core no family", () => {
    // given the engine's source files
    const graph = importGraph(SOURCES);

    // then only the registry and the step root know the families
    const crossing = [...CORE, ...FAMILIES].flatMap((module) =>
      (graph.get(module) ?? []).filter((target) => FAMILIES.includes(target)).map((target) => `${module} -> ${target}`),
    );
    expect(crossing).toEqual([]);
    for (const module of [...CORE, ...FAMILIES]) expect(graph.has(module), module).toBe(true);
  });
});
