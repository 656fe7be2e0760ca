/**
 * Server-side validation of task completions against the task's form-js schema: the browser
 * validates too, but the runtime must not trust it. Only the form's editable fields may be set: a
 * key the form does not have, or one of a hidden, read-only or disabled field, is refused (naming
 * the key), so a completion cannot overwrite other case variables.
 *
 * This module imports neither FEEL nor zod, so a public page can check a form with the server's own
 * rules without their weight; `conditional.hide` expressions are evaluated by the `evaluate`
 * option, which `@alur/shared/forms` supplies.
 */
import { isRecord, NON_INPUT } from "./components";

export { isRecord };

/** A form-js component, as far as validation is concerned. */
interface Component {
  type?: unknown;
  key?: unknown;
  path?: unknown;
  label?: unknown;
  values?: unknown;
  subtype?: unknown;
  disabled?: unknown;
  readonly?: unknown;
  conditional?: { hide?: unknown };
  validate?: {
    required?: unknown;
    min?: unknown;
    max?: unknown;
    minLength?: unknown;
    maxLength?: unknown;
    pattern?: unknown;
    validationType?: unknown;
  };
  components?: unknown;
}

export interface FormError {
  /** Dotted path of the field ("pemohon.nik", "anggota.0.nama"). */
  path: string;
  message: { id: string; en: string };
  /** "not-allowed": the form does not let this completion set the key; absent for a bad value. */
  code?: "not-allowed";
}

export interface FormDataOptions {
  /**
   * "ignore" when the case variables are not at hand (the API, before the workflow sees the data):
   * a field with a hide condition is then allowed and optional, so only what is refused whatever
   * the variables is refused. Default "evaluate": the conditions are evaluated over the context.
   */
  conditions?: "evaluate" | "ignore";
  /** Evaluates a hide condition over the scope; without it, conditions are treated as "ignore". */
  evaluate?: (expression: string, scope: Record<string, unknown>) => boolean;
}

export type FormDataResult = { ok: true; data: Record<string, unknown> } | { ok: false; errors: FormError[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Validates submitted data against a form-js schema; returns the form's fields or every error: bad
 * values, and keys that are not editable fields of the form (code "not-allowed", in data order).
 */
export function validateFormData(
  formSchema: unknown,
  data: unknown,
  context: Record<string, unknown> = {},
  options: FormDataOptions = {},
): FormDataResult {
  if (!isRecord(formSchema) || !Array.isArray(formSchema.components)) {
    return {
      ok: false,
      errors: [{ path: "", message: { id: "Skema formulir tidak sah.", en: "Invalid form schema." } }],
    };
  }
  if (!isRecord(data)) {
    return {
      ok: false,
      errors: [{ path: "", message: { id: "Data formulir harus berupa objek.", en: "Form data must be an object." } }],
    };
  }
  const walk: Walk = {
    errors: [],
    fields: new Set(),
    containers: new Set(),
    evaluate: options.conditions === "ignore" ? undefined : options.evaluate,
  };
  const output: Record<string, unknown> = {};
  validateComponents(formSchema.components, data, output, [], [], { ...context, ...data }, walk, 0, false);
  const errors = [...refusedKeys(data, [], walk), ...walk.errors];
  return errors.length > 0 ? { ok: false, errors } : { ok: true, data: output };
}

/**
 * What the browser should send for a form: form-js submits read-only fields (and computed
 * expression fields) too, which a completion may not set, so they are left out here. Hidden fields
 * stay out as form-js leaves them out.
 */
export function editableSubmission(formSchema: unknown, data: Record<string, unknown>): Record<string, unknown> {
  // conditions are form-js' business here: what it shows, it submits
  const result = validateFormData(formSchema, data, {}, { conditions: "ignore" });
  if (result.ok) return data;
  const kept = structuredClone(data);
  for (const path of notAllowedKeys(result.errors)) deletePath(kept, path.split("."));
  return kept;
}

function deletePath(target: unknown, path: string[]): void {
  const [head, ...rest] = path;
  if (head === undefined || (!isRecord(target) && !Array.isArray(target))) return;
  const holder = target as Record<string, unknown>;
  if (rest.length === 0) {
    // an array item stays in place (indexes name the other items' errors), emptied
    if (Array.isArray(target)) holder[head] = {};
    else delete holder[head];
  } else deletePath(holder[head], rest);
}

/** The keys of a submission that are not editable fields of the form, as dotted paths. */
export function notAllowedKeys(errors: FormError[]): string[] {
  return errors.filter((e) => e.code === "not-allowed").map((e) => e.path);
}

/** One message naming every refused key, in both languages. */
export function notAllowedMessage(keys: string[]): { id: string; en: string } {
  const list = keys.join(", ");
  return {
    id: `Data berisi kolom yang bukan isian formulir ini atau tidak boleh diubah: ${list}.`,
    en: `The data has keys that are not editable fields of this form: ${list}.`,
  };
}

/** What one validation pass learns: errors, and the absolute paths of editable fields and their containers. */
interface Walk {
  errors: FormError[];
  /** Editable fields: their value is taken whole (a checklist's array, a file's object). */
  fields: Set<string>;
  /** Groups' paths, dynamic lists and their items: objects or arrays whose keys are looked into. */
  containers: Set<string>;
  /** Absent: a hide condition's outcome is unknown (the field may be sent or left out). */
  evaluate: ((expression: string, scope: Record<string, unknown>) => boolean) | undefined;
}

/** Every key of `data` (at `at`) that is neither an editable field nor inside a container of them. */
function refusedKeys(data: unknown, at: string[], walk: Walk): FormError[] {
  const refused: FormError[] = [];
  const entries = Array.isArray(data) ? data.map((v, i) => [String(i), v] as const) : Object.entries(data as object);
  for (const [key, value] of entries) {
    const path = [...at, key];
    const dotted = path.join(".");
    if (walk.fields.has(dotted)) continue;
    if (walk.containers.has(dotted) && (isRecord(value) || Array.isArray(value))) {
      refused.push(...refusedKeys(value, path, walk));
      continue;
    }
    // a list that is no array, an item that is no object: already an error of its own
    if (walk.containers.has(dotted) && walk.errors.some((e) => e.path === dotted)) continue;
    refused.push(notAllowed(dotted));
  }
  return refused;
}

export function notAllowed(path: string): FormError {
  return {
    path,
    code: "not-allowed",
    message: {
      id: `Kolom "${path}" bukan isian formulir ini atau tidak boleh diubah.`,
      en: `"${path}" is not an editable field of this form.`,
    },
  };
}

function markContainers(walk: Walk, path: string[]): void {
  for (let i = 1; i < path.length; i++) walk.containers.add(path.slice(0, i).join("."));
}

function validateComponents(
  components: unknown[],
  data: Record<string, unknown>,
  output: Record<string, unknown>,
  prefix: string[],
  /** Where `data` sits in the submission (a dynamic list's item has its own data). */
  base: string[],
  scope: Record<string, unknown>,
  walk: Walk,
  depth: number,
  optional: boolean,
): void {
  if (depth > 20) return;
  for (const raw of components) {
    if (!isRecord(raw)) continue;
    const component = raw as Component;
    const type = typeof component.type === "string" ? component.type : "";
    if (NON_INPUT.has(type)) continue;
    const hidden = isHidden(component, scope, walk.evaluate);
    if (hidden === true) continue;
    // a field whose visibility is unknown may be sent or left out
    const maybe = optional || hidden === "unknown";
    const path =
      typeof component.path === "string" && component.path !== "" ? [...prefix, ...component.path.split(".")] : prefix;
    if (type === "group") {
      if (Array.isArray(component.components))
        validateComponents(component.components, data, output, path, base, scope, walk, depth + 1, maybe);
      continue;
    }
    if (type === "dynamiclist") {
      validateList(component, data, output, path, base, scope, walk, depth, maybe);
      continue;
    }
    if (typeof component.key !== "string" || component.key === "") continue;
    // Read-only and disabled fields are shown, never taken from the submission.
    if (component.readonly === true || component.disabled === true) continue;
    const fieldPath = [...prefix, ...component.key.split(".")];
    const absolute = [...base, ...fieldPath];
    walk.fields.add(absolute.join("."));
    markContainers(walk, absolute);
    const value = getPath(data, fieldPath);
    const error = checkValue(component, type, value, maybe);
    if (error) walk.errors.push({ path: absolute.join("."), message: error });
    else if (value !== undefined) setPath(output, fieldPath, value);
  }
}

function validateList(
  component: Component,
  data: Record<string, unknown>,
  output: Record<string, unknown>,
  path: string[],
  base: string[],
  scope: Record<string, unknown>,
  walk: Walk,
  depth: number,
  optional: boolean,
): void {
  if (path.length === 0 || !Array.isArray(component.components)) return;
  const absolute = [...base, ...path];
  walk.containers.add(absolute.join("."));
  markContainers(walk, absolute);
  const items = getPath(data, path);
  if (items === undefined) return;
  if (!Array.isArray(items)) {
    walk.errors.push({ path: absolute.join("."), message: { id: "Harus berupa daftar.", en: "Must be a list." } });
    return;
  }
  const out: Record<string, unknown>[] = [];
  items.forEach((item, index) => {
    const itemPath = [...absolute, String(index)];
    walk.containers.add(itemPath.join("."));
    const itemOutput: Record<string, unknown> = {};
    if (!isRecord(item)) {
      walk.errors.push({ path: itemPath.join("."), message: { id: "Harus berupa objek.", en: "Must be an object." } });
      return;
    }
    validateComponents(
      component.components as unknown[],
      item,
      itemOutput,
      [],
      itemPath,
      { ...scope, ...item },
      walk,
      depth + 1,
      optional,
    );
    out.push(itemOutput);
  });
  setPath(output, path, out);
}

function checkValue(
  component: Component,
  type: string,
  value: unknown,
  optional: boolean,
): { id: string; en: string } | undefined {
  const v = optional ? { ...component.validate, required: false } : (component.validate ?? {});
  const label = typeof component.label === "string" && component.label !== "" ? component.label : String(component.key);
  const empty = value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
  // form-js reads "required" on a checkbox as "must be checked".
  if (type === "checkbox" && v.required === true && value !== true) {
    return { id: `${label} wajib dicentang.`, en: `${label} must be checked.` };
  }
  if (empty) return v.required === true ? { id: `${label} wajib diisi.`, en: `${label} is required.` } : undefined;
  switch (type) {
    case "textfield":
    case "textarea": {
      if (typeof value !== "string") return { id: `${label} harus berupa teks.`, en: `${label} must be text.` };
      if (typeof v.minLength === "number" && value.length < v.minLength) {
        return {
          id: `${label} minimal ${v.minLength} karakter.`,
          en: `${label} needs at least ${v.minLength} characters.`,
        };
      }
      if (typeof v.maxLength === "number" && value.length > v.maxLength) {
        return {
          id: `${label} maksimal ${v.maxLength} karakter.`,
          en: `${label} allows at most ${v.maxLength} characters.`,
        };
      }
      if (typeof v.pattern === "string" && v.pattern !== "" && !safeRegExp(v.pattern)?.test(value)) {
        return { id: `${label} tidak sesuai format.`, en: `${label} does not match the required format.` };
      }
      if (v.validationType === "email" && !EMAIL.test(value))
        return { id: `${label} harus alamat email.`, en: `${label} must be an email address.` };
      if (v.validationType === "phone" && !PHONE.test(value))
        return { id: `${label} harus nomor telepon.`, en: `${label} must be a phone number.` };
      return undefined;
    }
    case "number": {
      const n =
        typeof value === "number"
          ? value
          : typeof value === "string" && value.trim() !== ""
            ? Number(value)
            : Number.NaN;
      if (!Number.isFinite(n)) return { id: `${label} harus berupa angka.`, en: `${label} must be a number.` };
      if (typeof v.min === "number" && n < v.min)
        return { id: `${label} minimal ${v.min}.`, en: `${label} must be at least ${v.min}.` };
      if (typeof v.max === "number" && n > v.max)
        return { id: `${label} maksimal ${v.max}.`, en: `${label} must be at most ${v.max}.` };
      return undefined;
    }
    case "checkbox":
      return typeof value === "boolean"
        ? undefined
        : { id: `${label} harus ya/tidak.`, en: `${label} must be true or false.` };
    case "radio":
    case "select":
      return allowed(component, [value], label);
    case "checklist":
    case "taglist":
      if (!Array.isArray(value)) return { id: `${label} harus berupa daftar.`, en: `${label} must be a list.` };
      return allowed(component, value, label);
    case "datetime": {
      if (typeof value !== "string")
        return { id: `${label} harus berupa tanggal/waktu.`, en: `${label} must be a date/time.` };
      const ok =
        component.subtype === "date"
          ? DATE.test(value) && !Number.isNaN(Date.parse(value))
          : component.subtype === "time"
            ? TIME.test(value)
            : !Number.isNaN(Date.parse(value));
      return ok
        ? undefined
        : { id: `${label} bukan tanggal/waktu yang sah.`, en: `${label} is not a valid date/time.` };
    }
    case "filepicker": {
      const files = Array.isArray(value) ? value : [value];
      return files.every((f) => typeof f === "string" || isRecord(f))
        ? undefined
        : { id: `${label} harus berupa berkas.`, en: `${label} must be files.` };
    }
    default:
      return undefined;
  }
}

/** With static options, every chosen value must be one of them; dynamic options (valuesKey) are not checked. */
function allowed(component: Component, chosen: unknown[], label: string): { id: string; en: string } | undefined {
  if (!Array.isArray(component.values)) return undefined;
  const options = component.values.filter(isRecord).map((o) => o.value);
  const bad = chosen.find((c) => !options.some((o) => o === c));
  return bad === undefined
    ? undefined
    : { id: `${label}: pilihan "${String(bad)}" tidak tersedia.`, en: `${label}: "${String(bad)}" is not an option.` };
}

function isHidden(
  component: Component,
  scope: Record<string, unknown>,
  evaluate: Walk["evaluate"],
): boolean | "unknown" {
  const hide = component.conditional?.hide;
  if (typeof hide !== "string" || hide.trim() === "") return false;
  return evaluate ? evaluate(hide, scope) : "unknown";
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
}

function getPath(data: Record<string, unknown>, path: string[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (!isRecord(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let current = target;
  path.forEach((key, index) => {
    if (key === "__proto__" || key === "constructor" || key === "prototype") return;
    if (index === path.length - 1) current[key] = value;
    else {
      const next = current[key];
      if (isRecord(next)) current = next;
      else {
        const created: Record<string, unknown> = {};
        current[key] = created;
        current = created;
      }
    }
  });
}
