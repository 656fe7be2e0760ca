/**
 * Which form-js forms the public application page renders with plain HTML inputs instead of
 * loading form-js (about 200 kB gzip, more than the public pages' whole budget). A start form of
 * plain fields (text, number, date, choices, checkboxes, groups, headings) qualifies; anything that
 * needs form-js' own engine (FEEL in labels or visibility, dynamic options or lists, templates,
 * HTML, tables, files) does not, and the page loads form-js for it. The submitted data is checked
 * with the server's own rules (`@alur/shared/forms/validate`) either way.
 *
 * A hand-written renderer, chosen over a form library: the form-js schema is the contract, and no
 * small library reads it.
 */
import { isRecord } from "@alur/shared/forms/validate";

export interface SimpleField {
  /** Where it sits in the form ("2.0": the first field of the third component), for React keys. */
  at: string;
  type: string;
  /** The field's dotted path in the submitted data (a group's path prefixes its fields). */
  path: string;
  label: string;
  description: string;
  required: boolean;
  readonly: boolean;
  defaultValue: unknown;
  options: { label: string; value: unknown }[];
  validate: { minLength?: number; maxLength?: number; min?: number; max?: number; validationType?: string };
  /** A group's fields, a text block's text. */
  components: SimpleField[];
  text: string;
}

const INPUT = new Set(["textfield", "textarea", "number", "checkbox", "checklist", "radio", "select", "datetime"]);
const LAYOUT = new Set(["group", "text", "separator", "spacer"]);

/** The form's fields, or null when form-js has to render it. */
export function simpleFields(schema: unknown): SimpleField[] | null {
  if (!isRecord(schema) || !Array.isArray(schema.components)) return null;
  return fieldsOf(schema.components, [], "", 0);
}

function fieldsOf(components: unknown[], prefix: string[], at: string, depth: number): SimpleField[] | null {
  if (depth > 5) return null;
  const fields: SimpleField[] = [];
  for (const [index, raw] of components.entries()) {
    const field = fieldOf(raw, prefix, at ? `${at}.${index}` : String(index), depth);
    if (!field) return null;
    fields.push(field);
  }
  return fields;
}

function fieldOf(raw: unknown, prefix: string[], at: string, depth: number): SimpleField | null {
  if (!isRecord(raw) || typeof raw.type !== "string") return null;
  const type = raw.type;
  if (!INPUT.has(type) && !LAYOUT.has(type)) return null;
  // a hide condition, a FEEL label or a computed read-only flag needs form-js' FEEL engine
  const hide = isRecord(raw.conditional) ? raw.conditional.hide : undefined;
  if (typeof hide === "string" && hide.trim() !== "") return null;
  // form-js labels a date field by dateLabel
  const label = plainText(type === "datetime" && raw.dateLabel !== undefined ? raw.dateLabel : raw.label);
  const description = plainText(raw.description);
  if (label === null || description === null) return null;
  if (raw.readonly !== undefined && typeof raw.readonly !== "boolean") return null;
  if (raw.disabled !== undefined && typeof raw.disabled !== "boolean") return null;
  const validate = isRecord(raw.validate) ? raw.validate : {};
  if (typeof validate.pattern === "string" && validate.pattern !== "" && !validPattern(validate.pattern)) return null;
  const base: SimpleField = {
    at,
    type,
    path: prefix.join("."),
    label,
    description,
    required: validate.required === true,
    readonly: raw.readonly === true || raw.disabled === true,
    defaultValue: raw.defaultValue,
    options: [],
    validate: {
      ...numberOf("minLength", validate.minLength),
      ...numberOf("maxLength", validate.maxLength),
      ...numberOf("min", validate.min),
      ...numberOf("max", validate.max),
      ...(typeof validate.validationType === "string" ? { validationType: validate.validationType } : {}),
    },
    components: [],
    text: "",
  };
  if (type === "separator" || type === "spacer") return base;
  if (type === "text") {
    const text = typeof raw.text === "string" ? raw.text : "";
    return markdownSubset(text) ? { ...base, text } : null;
  }
  if (type === "group") {
    if (!Array.isArray(raw.components)) return null;
    const path = typeof raw.path === "string" && raw.path !== "" ? [...prefix, ...raw.path.split(".")] : prefix;
    const components = fieldsOf(raw.components, path, at, depth + 1);
    return components ? { ...base, path: path.join("."), components } : null;
  }
  if (typeof raw.key !== "string" || raw.key === "") return null;
  if (type === "datetime" && raw.subtype !== "date") return null;
  if (type === "number" && raw.serializeToString === true) return null;
  if (type === "checklist" || type === "radio" || type === "select") {
    // options from a variable (valuesKey) or an expression are form-js' business
    if (!Array.isArray(raw.values) || raw.values.length === 0) return null;
    const options = raw.values.map((o) =>
      isRecord(o) && typeof o.label === "string" ? { label: o.label, value: o.value } : null,
    );
    if (options.some((o) => o === null)) return null;
    base.options = options as SimpleField["options"];
  }
  return { ...base, path: [...prefix, ...raw.key.split(".")].join(".") };
}

/** Text shown as it is: no FEEL expression ("=…") and no template ("{{…}}"). */
function plainText(value: unknown): string | null {
  if (value === undefined) return "";
  if (typeof value !== "string") return null;
  return value.trimStart().startsWith("=") || value.includes("{{") ? null : value;
}

function numberOf<K extends string>(key: K, value: unknown): Partial<Record<K, number>> {
  return typeof value === "number" && Number.isFinite(value) ? ({ [key]: value } as Record<K, number>) : {};
}

function validPattern(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Headings, paragraphs, "- " lists and **bold**: what `TextBlock` renders; links, HTML, tables, images not. */
function markdownSubset(text: string): boolean {
  if (text.trimStart().startsWith("=") || text.includes("{{")) return false;
  return !/[<>[\]|`]/.test(text);
}

/** The blocks of a text component: `#` headings, `- ` list items and paragraphs. */
export function textBlocks(
  text: string,
): ({ kind: "heading" | "paragraph"; text: string } | { kind: "list"; items: string[] })[] {
  const blocks: ReturnType<typeof textBlocks> = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    const lines = chunk
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    if (lines.every((l) => /^[-*] /.test(l))) {
      blocks.push({ kind: "list", items: lines.map((l) => l.slice(2)) });
      continue;
    }
    for (const line of lines) {
      if (line.startsWith("#")) blocks.push({ kind: "heading", text: line.replace(/^#+\s*/, "") });
      else {
        const last = blocks.at(-1);
        if (last?.kind === "paragraph") last.text += ` ${line}`;
        else blocks.push({ kind: "paragraph", text: line });
      }
    }
  }
  return blocks;
}

/** Every input field, groups flattened. */
export function inputFields(fields: SimpleField[]): SimpleField[] {
  return fields.flatMap((f) => (f.type === "group" ? inputFields(f.components) : INPUT.has(f.type) ? [f] : []));
}

/** The first values, as form-js starts them: defaults, unchecked boxes, empty lists. */
export function initialValues(fields: SimpleField[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const f of inputFields(fields)) {
    if (f.defaultValue !== undefined) values[f.path] = f.defaultValue;
    else if (f.type === "checkbox") values[f.path] = false;
    else if (f.type === "checklist") values[f.path] = [];
  }
  return values;
}

/** The data to send: the editable fields' values under their paths; empty text and numbers left out. */
export function submission(fields: SimpleField[], values: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const f of inputFields(fields)) {
    if (f.readonly) continue;
    const value = values[f.path];
    if (value === undefined || value === "") continue;
    const path = f.path.split(".");
    let holder = data;
    for (const key of path.slice(0, -1)) {
      const next = holder[key];
      if (isRecord(next)) holder = next;
      else {
        const created: Record<string, unknown> = {};
        holder[key] = created;
        holder = created;
      }
    }
    holder[path.at(-1) as string] = value;
  }
  return data;
}
