/** A reachable element from which no end can be reached traps the case in an endless loop. */
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
        .map(([id]) =>
          problem(id, "error", this.code, {
            id: "dari sini tidak ada jalan menuju akhir proses (putaran tanpa jalan keluar).",
            en: "no path leads from here to an end of the process (a loop without a way out).",
          }),
        );
    });
  },
};
