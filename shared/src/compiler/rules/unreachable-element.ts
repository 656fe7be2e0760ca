/** Elements no token can ever reach would deploy and silently never run. */
import { localType } from "../moddle-element";
import { problem } from "../problem";
import { flowGraph, reachable } from "./flow-graph";
import type { Rule } from "./rule";

export const unreachableElement: Rule = {
  code: "unreachable-element",
  check(context) {
    return context.processes.flatMap(({ elements }) => {
      const graph = flowGraph(elements);
      const reached = reachable(graph);
      return [...graph.nodes]
        .filter(([id]) => !reached.has(id))
        .map(([id, { element }]) =>
          problem(id, "error", this.code, {
            id: `Elemen "${element.name ?? id}" (${localType(element)}) tidak dapat dicapai dari peristiwa awal.`,
            en: `Element "${element.name ?? id}" (${localType(element)}) cannot be reached from a start event.`,
          }),
        );
    });
  },
};
