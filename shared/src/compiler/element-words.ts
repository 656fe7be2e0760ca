/**
 * How problems name elements for people who do not read BPMN: a word for the kind ("langkah",
 * "percabangan", "alur") and the name the modeller gave; the id only when there is no name.
 */
import { children, isA, type ModdleElement } from "./moddle-element";
import type { Problem } from "./problem";
import { flowElementsOf } from "./process-elements";

export interface Words {
  id: string;
  en: string;
}

/** Kind words, most specific first (isA follows the BPMN type hierarchy). */
const KINDS: [type: string, id: string, en: string][] = [
  ["bpmn:SequenceFlow", "alur", "flow"],
  ["bpmn:MessageFlow", "alur pesan", "message flow"],
  ["bpmn:Gateway", "percabangan", "branch"],
  ["bpmn:StartEvent", "awal", "start"],
  ["bpmn:EndEvent", "akhir", "end"],
  ["bpmn:BoundaryEvent", "peristiwa pada langkah", "event on a step"],
  ["bpmn:Event", "peristiwa", "event"],
  ["bpmn:SubProcess", "subproses", "sub-process"],
  ["bpmn:Activity", "langkah", "step"],
  ["bpmn:Process", "proses", "process"],
  ["bpmn:Participant", "kolam", "pool"],
  ["bpmn:Lane", "lajur", "lane"],
  ["bpmn:Message", "pesan", "message"],
  ["bpmn:Signal", "sinyal", "signal"],
  ["bpmn:Error", "galat", "error"],
  ["bpmn:Escalation", "eskalasi", "escalation"],
];

/** The kind of an element in words; "elemen" / "element" for anything else. */
export function kindWords(element: ModdleElement): Words {
  const kind = KINDS.find(([type]) => isA(element, type));
  return kind ? { id: kind[1], en: kind[2] } : { id: "elemen", en: "element" };
}

/** `langkah "Periksa berkas"`, or `langkah tanpa nama (Task_1)` when it has no name. */
export function elementWords(element: ModdleElement): Words {
  const kind = kindWords(element);
  const name = typeof element.name === "string" ? element.name.replace(/\s+/g, " ").trim() : "";
  if (name) return { id: `${kind.id} "${name}"`, en: `${kind.en} "${name}"` };
  const id = element.id ?? "?";
  return { id: `${kind.id} tanpa nama (${id})`, en: `unnamed ${kind.en} (${id})` };
}

/** Every element a problem can point at, by id: root elements, flow elements at every level, lanes, pools, message flows. */
export function elementsById(definitions: ModdleElement): Map<string, ModdleElement> {
  const byId = new Map<string, ModdleElement>();
  const add = (element: ModdleElement) => {
    if (typeof element.id === "string" && !byId.has(element.id)) byId.set(element.id, element);
  };
  for (const root of children(definitions, "rootElements")) {
    add(root);
    if (root.$type === "bpmn:Process") {
      for (const { element } of flowElementsOf(root)) add(element);
      for (const laneSet of children(root, "laneSets")) for (const lane of children(laneSet, "lanes")) add(lane);
    }
    if (root.$type === "bpmn:Collaboration") {
      for (const participant of children(root, "participants")) add(participant);
      for (const flow of children(root, "messageFlows")) add(flow);
    }
  }
  return byId;
}

/** A function naming elements by id, for messages that mention a second element. */
export function namer(definitions: ModdleElement): (id: string | undefined) => Words {
  let byId: Map<string, ModdleElement> | undefined;
  return (id) => {
    byId ??= elementsById(definitions);
    const element = id ? byId.get(id) : undefined;
    return element ? elementWords(element) : { id: `"${id ?? ""}"`, en: `"${id ?? ""}"` };
  };
}

/** Elements whose problems concern the whole model: their messages already say so. */
const MODEL_WIDE = new Set(["bpmn:Definitions", "bpmn:Process", "bpmn:Collaboration"]);

/**
 * Puts the element's name in front of each problem's message (`Langkah "Periksa berkas": ...`),
 * so the API, the CLI and the designer name elements alike; the id stays in `elementId`.
 */
export function nameProblems(definitions: ModdleElement, problems: readonly Problem[]): Problem[] {
  const byId = elementsById(definitions);
  return problems.map((p) => {
    const element = byId.get(p.elementId);
    if (!element || MODEL_WIDE.has(element.$type)) return p;
    const words = elementWords(element);
    return {
      ...p,
      message: { id: `${capitalise(words.id)}: ${p.message.id}`, en: `${capitalise(words.en)}: ${p.message.en}` },
    };
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
