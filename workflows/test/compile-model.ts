/** Parses and compiles a catalogue entry with the shared compiler (test helper). */
import { compileProcess, type ModdleElement, type Problem, parseBpmn } from "@alur/shared/compiler";
import type { ExecutionPlan } from "@alur/shared/plan";
import type { CatalogueEntry } from "../src";

export interface CompiledEntry {
  definitions?: ModdleElement;
  plan?: ExecutionPlan;
  problems: Problem[];
}

/** Parse problems and compile problems of one model, with its forms. */
export async function compileEntry(entry: CatalogueEntry): Promise<CompiledEntry> {
  const parsed = await parseBpmn(entry.xml);
  if (!parsed.definitions) return { problems: parsed.problems };
  const compiled = compileProcess(parsed.definitions, undefined, { forms: entry.forms });
  return {
    definitions: parsed.definitions,
    ...(compiled.plan ? { plan: compiled.plan } : {}),
    problems: [...parsed.problems, ...compiled.problems],
  };
}

/** Ids of every element that has a BPMNShape or BPMNEdge in the model's diagrams. */
export function diagramElementIds(definitions: ModdleElement): Set<string> {
  const ids = new Set<string>();
  const diagrams = (definitions.diagrams as ModdleElement[] | undefined) ?? [];
  for (const diagram of diagrams) {
    const plane = diagram.plane as ModdleElement | undefined;
    for (const el of (plane?.planeElement as ModdleElement[] | undefined) ?? []) {
      const target = el.bpmnElement as ModdleElement | undefined;
      if (target?.id) ids.add(target.id);
    }
  }
  return ids;
}
