/** Elements no token can ever reach would deploy and silently never run. */
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
        .map(([id]) =>
          problem(id, "error", this.code, {
            id: "tidak dapat dicapai dari awal proses; hubungkan dengan alur dari langkah sebelumnya.",
            en: "cannot be reached from the start of the process; connect it with a flow from an earlier step.",
          }),
        );
    });
  },
};
