/**
 * Live validation: the shared compiler run on the modeler's own moddle tree, so what blocks
 * publishing here is exactly what the runtime would refuse.
 */
import { compileProcess, type ModdleElement, type Problem, processesOf } from "@alur/shared/compiler";

/** Problems of every executable process in the definitions; never throws. */
export function validateModel(definitions: unknown): Problem[] {
  const defs = definitions as ModdleElement;
  const processes = processesOf(defs);
  if (processes.length === 0) return compileProcess(defs).problems;
  return processes.flatMap((p) => compileProcess(defs, p.id).problems);
}
