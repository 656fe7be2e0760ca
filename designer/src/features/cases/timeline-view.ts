/**
 * How timeline entries are shown: who acted (staff cannot look other accounts up, so a comment
 * carries its author's name) and which step (the element's name in the diagram, not its id).
 */
const BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";

type Entry = { type: string; actor: string | null; data: Record<string, unknown> };

/** Entries the case page leaves out: leaving an element is what the diagram's "done" marks show. */
export function isShownOnCasePage(entry: { type: string }): boolean {
  return entry.type !== "elementLeft";
}

/** "you", the recorded author name, or null when the actor cannot be named. */
export function actorName(entry: Entry, myUserId: string | undefined, you: string): string | null {
  if (entry.actor !== null && entry.actor === myUserId) return you;
  return typeof entry.data.authorName === "string" ? entry.data.authorName : null;
}

/**
 * The step an entry is about: a called process names its own elements (its ids mean nothing in the
 * case's diagram), the case's own by the diagram's names.
 */
export function stepLabel(
  entry: { elementId: string | null; data: Record<string, unknown> },
  names: Map<string, string>,
): string | null {
  if (!entry.elementId) return null;
  if (typeof entry.data.elementName === "string") return entry.data.elementName;
  if (entry.data.calledProcess !== undefined) return entry.elementId;
  return names.get(entry.elementId) ?? entry.elementId;
}

/** Element id → name of every named flow element in a BPMN document. */
export function elementNamesOf(xml: string): Map<string, string> {
  const names = new Map<string, string>();
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  if (doc.getElementsByTagName("parsererror").length > 0) return names;
  for (const el of Array.from(doc.getElementsByTagNameNS(BPMN_NS, "*"))) {
    const id = el.getAttribute("id");
    const name = el.getAttribute("name");
    if (id && name) names.set(id, name);
  }
  return names;
}
