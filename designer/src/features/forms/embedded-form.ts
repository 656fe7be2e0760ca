/**
 * Task forms embedded in the model, as Camunda Modeler 8.0 writes them: the form-js JSON is a
 * `zeebe:userTaskForm` in the process's extension elements and the user task points at it with
 * `zeebe:formDefinition formKey="camunda-forms:bpmn:<id>"`. The model then carries its forms through
 * drafts, publication, version history, export and district variants. Pure moddle access: bpmn-js
 * applies the changes as one command, tests and the step editor apply them directly.
 */
import { type Bo, findExtension, type ModdleLike } from "../modeler/model-access";

export const FORM_KEY_PREFIX = "camunda-forms:bpmn:";

/** What a user task's form is: none, embedded in the model, or referenced by id only. */
export type TaskFormRef =
  | { kind: "none" }
  | { kind: "embedded"; id: string; schema: unknown }
  | { kind: "linked"; formId: string };

/** One property change on a moddle element. */
export interface ModdleChange {
  target: Bo;
  properties: Record<string, unknown>;
}

const ID_PATTERN = /^[A-Za-z_][\w.-]*$/;

/** The process an element belongs to (walking up sub-processes), if any. */
function processOfElement(bo: Bo): Bo | undefined {
  let current: Bo | undefined = bo;
  while (current && current.$type !== "bpmn:Process") current = current.$parent;
  return current;
}

/** The zeebe:userTaskForm elements of a process. */
function userTaskForms(process: Bo | undefined): Bo[] {
  const ext = process?.get("extensionElements") as Bo | undefined;
  return ((ext?.get("values") as Bo[] | undefined) ?? []).filter((v) => v?.$type === "zeebe:UserTaskForm");
}

/** The embedded form id a formKey points at ("camunda-forms:bpmn:X" → "X"), else undefined. */
export function embeddedIdOf(formKey: unknown): string | undefined {
  return typeof formKey === "string" && formKey.startsWith(FORM_KEY_PREFIX)
    ? formKey.slice(FORM_KEY_PREFIX.length) || undefined
    : undefined;
}

/**
 * The task's form, read as the compiler reads it: formId first (which may name an embedded form),
 * then a camunda-forms formKey, then any other formKey as a plain reference.
 */
export function readTaskForm(task: Bo): TaskFormRef {
  const definition = findExtension(task, "zeebe:FormDefinition");
  if (!definition) return { kind: "none" };
  const formId = definition.get("formId");
  const formKey = definition.get("formKey");
  const id = (typeof formId === "string" && formId) || embeddedIdOf(formKey);
  const embedded = id ? userTaskForms(processOfElement(task)).find((f) => f.get("id") === id) : undefined;
  if (id && embedded) {
    try {
      return { kind: "embedded", id, schema: JSON.parse(String(embedded.get("body") ?? "")) };
    } catch {
      // an unreadable body is reported by the validator; the editor starts afresh with the same id
      return { kind: "embedded", id, schema: undefined };
    }
  }
  const ref = id ?? (typeof formKey === "string" ? formKey : "");
  return ref ? { kind: "linked", formId: ref } : { kind: "none" };
}

/** An id for a new embedded form, unique among the process's forms. */
function newFormId(task: Bo): string {
  const taken = new Set(userTaskForms(processOfElement(task)).map((f) => String(f.get("id"))));
  const base = `UserTaskForm_${String(task.id ?? "task").replace(/[^\w.-]/g, "_")}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  return id;
}

/**
 * The id the task's form gets once embedded: its current id when that is a usable XML id (so the
 * plan, completions and the task page keep naming it the same), else a new one.
 */
export function embeddingIdFor(task: Bo): string {
  const ref = readTaskForm(task);
  if (ref.kind === "embedded") return ref.id;
  if (ref.kind === "linked" && ID_PATTERN.test(ref.formId)) return ref.formId;
  return newFormId(task);
}

/**
 * The changes that embed `schema` under `formId` and point the task at it. A `zeebe:userTask`
 * marker is dropped: Camunda-managed user tasks cannot have embedded forms (Camunda Modeler's own
 * behaviour would strip the formKey), and Alur's runtime does not read the marker.
 */
export function embedFormChanges(factory: ModdleLike, task: Bo, formId: string, schema: unknown): ModdleChange[] {
  const process = processOfElement(task);
  if (!process) throw new Error(`task ${String(task.id)} is not inside a process`);
  if (!ID_PATTERN.test(formId)) throw new Error(`"${formId}" is not a valid form id`);
  const changes: ModdleChange[] = [];
  const body = JSON.stringify(schema, null, 2);
  const formKey = `${FORM_KEY_PREFIX}${formId}`;

  const taskExt = ensureExtensionElements(factory, task, changes);
  const taskValues = ((taskExt.get("values") as Bo[] | undefined) ?? []).filter(Boolean);
  const kept = taskValues.filter((v) => v.$type !== "zeebe:UserTask");
  let definition = kept.find((v) => v.$type === "zeebe:FormDefinition");
  if (!definition) {
    definition = factory.create("zeebe:FormDefinition", { formKey });
    definition.$parent = taskExt;
    changes.push({ target: taskExt, properties: { values: [...kept, definition] } });
  } else {
    if (kept.length !== taskValues.length) changes.push({ target: taskExt, properties: { values: kept } });
    // Two steps, and only what is set: Camunda's forms behaviour reads any `formId` key in an update
    // as "switch to a linked form" and drops the formKey (and the embedded form it names).
    if (definition.get("formId") || definition.get("externalReference")) {
      changes.push({ target: definition, properties: { formId: undefined, externalReference: undefined } });
    }
    if (definition.get("formKey") !== formKey) changes.push({ target: definition, properties: { formKey } });
  }

  const processExt = ensureExtensionElements(factory, process, changes);
  const existing = userTaskForms(process).find((f) => f.get("id") === formId);
  if (existing) changes.push({ target: existing, properties: { body } });
  else {
    const form = factory.create("zeebe:UserTaskForm", { id: formId, body });
    form.$parent = processExt;
    changes.push({
      target: processExt,
      properties: { values: [...((processExt.get("values") as Bo[] | undefined) ?? []), form] },
    });
  }
  return changes;
}

function ensureExtensionElements(factory: ModdleLike, owner: Bo, changes: ModdleChange[]): Bo {
  const current = owner.get("extensionElements") as Bo | undefined;
  if (current) return current;
  const ext = factory.create("bpmn:ExtensionElements", { values: [] });
  ext.$parent = owner;
  changes.push({ target: owner, properties: { extensionElements: ext } });
  return ext;
}

/** Applies changes straight to the moddle tree (no undo); bpmn-js goes through its command stack. */
export function applyChanges(changes: ModdleChange[]): void {
  for (const { target, properties } of changes) {
    for (const [key, value] of Object.entries(properties)) target.set(key, value);
  }
}
