/** A reachable element from which no end can be reached traps the case in an endless loop. */
import { localType } from "../moddle-element";
import { problem } from "../problem";
import { canEnd, flowGraph, reachable } from "./flow-graph";
import type { Rule } from "./rule";

export const pathWithoutEnd: Rule = {
  code: "path-without-end",
  check(context) {
    return context.processes.flatMap(({ elements }) => {
      const graph = flowGraph(elements);
      const reached = reachable(graph);
      const ending = canEnd(graph);
      return [...graph.nodes]
        .filter(([id]) => reached.has(id) && !ending.has(id))
        .map(([id, { element }]) =>
          problem(id, "error", this.code, {
            id: `Dari "${element.name ?? id}" (${localType(element)}) tidak ada jalan menuju peristiwa akhir (putaran tanpa keluar).`,
            en: `From "${element.name ?? id}" (${localType(element)}) no path leads to an end (a loop without exit).`,
          }),
        );
    });
  },
};
