/**
 * Forms a model references by id only. The catalogue deploys them beside the BPMN (first start
 * compiles each model with its forms folder), so they live in the published plan, not in the XML:
 * a new version made in the designer must carry them again, or its tasks lose their forms. A form
 * embedded in the model (zeebe:userTaskForm) is the model's own and never taken from elsewhere.
 */
import { createModdle } from "@alur/shared/compiler";
import { embeddedIdOf, FORM_KEY_PREFIX } from "./embedded-form";

/** The moddle slice walked here: elements with their children as plain properties. */
type Node = { $type?: string; [key: string]: unknown };

function list(value: unknown): Node[] {
  return Array.isArray(value) ? (value.filter((v) => v && typeof v === "object") as Node[]) : [];
}

function extensionValues(node: Node): Node[] {
  return list((node.extensionElements as Node | undefined)?.values);
}

/** Form ids the model's user tasks point at, and the ids of the forms embedded in its processes. */
function formRefs(definitions: Node): { referenced: Set<string>; embedded: Set<string> } {
  const referenced = new Set<string>();
  const embedded = new Set<string>();
  const visit = (node: Node) => {
    for (const value of extensionValues(node)) {
      if (value.$type === "zeebe:UserTaskForm" && typeof value.id === "string") embedded.add(value.id);
      if (value.$type !== "zeebe:FormDefinition") continue;
      const formId = typeof value.formId === "string" ? value.formId : "";
      const formKey = typeof value.formKey === "string" ? value.formKey : "";
      const ref = formId || embeddedIdOf(formKey) || (formKey.startsWith(FORM_KEY_PREFIX) ? "" : formKey);
      if (ref) referenced.add(ref);
    }
    for (const child of list(node.flowElements)) visit(child);
  };
  for (const root of list(definitions.rootElements)) if (root.$type === "bpmn:Process") visit(root);
  return { referenced, embedded };
}

/**
 * The forms of `available` the model references by id and does not embed: what a deploy must send
 * with the XML (and what validation must compile with) so every task keeps the form it had.
 */
export function linkedFormsOf(definitions: unknown, available: Record<string, unknown>): Record<string, unknown> {
  const { referenced, embedded } = formRefs(definitions as Node);
  const out: Record<string, unknown> = {};
  for (const id of referenced) if (!embedded.has(id) && id in available) out[id] = available[id];
  return out;
}

/** linkedFormsOf for a model as XML. */
export async function linkedForms(xml: string, available: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { rootElement } = await createModdle().fromXML(xml);
  return linkedFormsOf(rootElement, available);
}
