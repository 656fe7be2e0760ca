/** What changed between two BPMN models (bpmn-js-differ on their moddle trees). */
import { createModdle } from "@alur/shared/compiler";
import { diff } from "bpmn-js-differ";

export type ModelDiff = {
  added: string[];
  removed: string[];
  changed: { id: string; attrs: string[] }[];
  layout: string[];
};

/** Parses both models and lists added, removed, changed (with attributes) and moved elements. */
export async function diffModels(oldXml: string, newXml: string): Promise<ModelDiff> {
  const [a, b] = await Promise.all([createModdle().fromXML(oldXml), createModdle().fromXML(newXml)]);
  const result = diff(a.rootElement, b.rootElement);
  return {
    added: Object.keys(result._added),
    removed: Object.keys(result._removed),
    changed: Object.entries(result._changed).map(([id, c]) => ({ id, attrs: Object.keys(c.attrs) })),
    layout: Object.keys(result._layoutChanged),
  };
}
