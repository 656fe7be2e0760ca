/**
 * What the step editor offers to pick from: the service's requirements (documents a step checks),
 * the fields of its forms (what a decision can read) and a quick yes/no question on a step's form.
 * Pure moddle access, so tests run in Node.
 */
import { applyChanges, embeddingIdFor, embedFormChanges, readTaskForm } from "../forms/embedded-form";
import { type Bo, findExtension, type ModdleLike } from "../modeler/model-access";
import type { ConditionValue } from "./condition-builder";
import { processOf } from "./step-graph";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export type FormField = { key: string; label: string; kind: ConditionValue["kind"]; options: string[] };

/** The service standard's requirements (id and name). */
export function requirementsOf(definitions: Bo): { id: string; name: string }[] {
  const process = processOf(definitions);
  const standard = findExtension(process, "alur:ServiceStandard");
  return ((standard?.get("requirements") as Bo[] | undefined) ?? [])
    .map((r) => ({ id: String(r.get("id") ?? ""), name: String(r.get("name") ?? r.get("id") ?? "") }))
    .filter((r) => r.id);
}

const KIND: Record<string, ConditionValue["kind"]> = { checkbox: "boolean", number: "number" };

function fieldsOfSchema(schema: unknown, out: Map<string, FormField>): void {
  if (!isRecord(schema)) return;
  for (const component of Array.isArray(schema.components) ? schema.components : []) {
    if (!isRecord(component)) continue;
    const key = typeof component.key === "string" ? component.key.trim() : "";
    if (key && !out.has(key)) {
      const values = Array.isArray(component.values) ? component.values : [];
      out.set(key, {
        key,
        label: typeof component.label === "string" && component.label ? component.label : key,
        kind: KIND[String(component.type)] ?? "string",
        options: values.flatMap((v) => (isRecord(v) && typeof v.value === "string" ? [v.value] : [])),
      });
    }
    fieldsOfSchema(component, out);
  }
}

/**
 * The fields of the forms the process's steps (and its start) fill in: embedded ones, and those it
 * links by id from `forms` (the forms deployed with the version opened).
 */
export function formFields(definitions: Bo, forms: Record<string, unknown> = {}): FormField[] {
  const process = processOf(definitions);
  const out = new Map<string, FormField>();
  for (const bo of (process?.get("flowElements") as Bo[] | undefined) ?? []) {
    if (!findExtension(bo, "zeebe:FormDefinition")) continue;
    const ref = readTaskForm(bo);
    if (ref.kind === "embedded") fieldsOfSchema(ref.schema, out);
    if (ref.kind === "linked") fieldsOfSchema(forms[ref.formId], out);
  }
  return [...out.values()];
}

/** The questions (labelled fields) of a step's embedded form. */
export function questionsOf(task: Bo): FormField[] {
  const ref = readTaskForm(task);
  const out = new Map<string, FormField>();
  if (ref.kind === "embedded") fieldsOfSchema(ref.schema, out);
  return [...out.values()];
}

/** A field key from a question's words: "Dokumen lengkap?" → "dokumenLengkap". */
export function keyFor(label: string): string {
  const words = label
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(/[^\x20-\x7e]/g, "")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const key = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join("");
  return /^[A-Za-z_]/.test(key) ? key : `jawaban${key}`;
}

/**
 * Adds a multiple-choice question (radio buttons, one per choice) to the step's form, as
 * `addYesNoQuestion` does; returns the field's key, or null (no choices, or a linked form).
 */
export function addChoiceQuestion(
  moddle: ModdleLike,
  definitions: Bo,
  taskId: string,
  label: string,
  choices: string[],
): string | null {
  const options = [...new Set(choices.map((c) => c.trim()).filter(Boolean))];
  if (options.length < 2) return null;
  return addQuestion(moddle, definitions, taskId, label, (key) => ({
    type: "radio",
    id: `Field_${key}`,
    key,
    label: label.trim(),
    values: options.map((o) => ({ label: o, value: o })),
  }));
}

/**
 * Adds a yes/no question (a checkbox) to the step's form, embedding a new form when it has none;
 * returns the field's key (made unique among the process's fields), or null when the step's form
 * is one the model only links to (it is edited where it lives).
 */
export function addYesNoQuestion(moddle: ModdleLike, definitions: Bo, taskId: string, label: string): string | null {
  return addQuestion(moddle, definitions, taskId, label, (key) => ({
    type: "checkbox",
    id: `Field_${key}`,
    key,
    label: label.trim(),
  }));
}

function addQuestion(
  moddle: ModdleLike,
  definitions: Bo,
  taskId: string,
  label: string,
  component: (key: string) => Record<string, unknown>,
): string | null {
  const process = processOf(definitions);
  const task = ((process?.get("flowElements") as Bo[] | undefined) ?? []).find((e) => e.id === taskId);
  const text = label.trim();
  if (!task || !text) return null;
  const ref = readTaskForm(task);
  if (ref.kind === "linked") return null;
  const schema =
    ref.kind === "embedded" && isRecord(ref.schema)
      ? structuredClone(ref.schema)
      : { type: "default", id: `Form_${String(task.id)}`, components: [] as unknown[] };
  const taken = new Set(formFields(definitions).map((f) => f.key));
  const base = keyFor(text);
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}${n}`;
  const components = Array.isArray(schema.components) ? schema.components : [];
  schema.components = [...components, component(key)];
  applyChanges(embedFormChanges(moddle, task, embeddingIdFor(task), schema));
  return key;
}
