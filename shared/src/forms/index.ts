/**
 * Server-side validation of task completions against the task's form-js schema: the browser
 * validates too, but the runtime must not trust it. Only the form's own fields come through, so a
 * completion cannot overwrite other case variables.
 */
import { z } from "zod";
import { evaluateCondition } from "../feel";
import { isRecord, NON_INPUT } from "./components";

export { checkFormSchema, type FormSchemaProblem } from "./schema-check";

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
}

export type FormDataResult = { ok: true; data: Record<string, unknown> } | { ok: false; errors: FormError[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A zod schema for data submitted with a form-js form: `parse` returns only the form's fields,
 * issues carry the English message and `params.id` the Bahasa Indonesia one. `context` holds the
 * case variables that `conditional.hide` expressions may read besides the form's own data.
 */
export function formDataValidator(formSchema: unknown, context: Record<string, unknown> = {}) {
  return z.record(z.string(), z.unknown()).transform((data, ctx) => {
    const result = validateFormData(formSchema, data, context);
    if (result.ok) return result.data;
    for (const error of result.errors) {
      ctx.addIssue({
        code: "custom",
        path: error.path.split("."),
        message: error.message.en,
        params: { id: error.message.id },
      });
    }
    return z.NEVER;
  });
}

/** Validates submitted data against a form-js schema; returns the form's fields or every error. */
export function validateFormData(
  formSchema: unknown,
  data: unknown,
  context: Record<string, unknown> = {},
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
  const errors: FormError[] = [];
  const output: Record<string, unknown> = {};
  validateComponents(formSchema.components, data, output, [], { ...context, ...data }, errors, 0);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, data: output };
}

function validateComponents(
  components: unknown[],
  data: Record<string, unknown>,
  output: Record<string, unknown>,
  prefix: string[],
  scope: Record<string, unknown>,
  errors: FormError[],
  depth: number,
): void {
  if (depth > 20) return;
  for (const raw of components) {
    if (!isRecord(raw)) continue;
    const component = raw as Component;
    const type = typeof component.type === "string" ? component.type : "";
    if (NON_INPUT.has(type) || isHidden(component, scope)) continue;
    const path =
      typeof component.path === "string" && component.path !== "" ? [...prefix, ...component.path.split(".")] : prefix;
    if (type === "group") {
      if (Array.isArray(component.components))
        validateComponents(component.components, data, output, path, scope, errors, depth + 1);
      continue;
    }
    if (type === "dynamiclist") {
      validateList(component, data, output, path, scope, errors, depth);
      continue;
    }
    if (typeof component.key !== "string" || component.key === "") continue;
    // Read-only and disabled fields are shown, never taken from the submission.
    if (component.readonly === true || component.disabled === true) continue;
    const fieldPath = [...prefix, ...component.key.split(".")];
    const value = getPath(data, fieldPath);
    const error = checkValue(component, type, value);
    if (error) errors.push({ path: fieldPath.join("."), message: error });
    else if (value !== undefined) setPath(output, fieldPath, value);
  }
}

function validateList(
  component: Component,
  data: Record<string, unknown>,
  output: Record<string, unknown>,
  path: string[],
  scope: Record<string, unknown>,
  errors: FormError[],
  depth: number,
): void {
  if (path.length === 0 || !Array.isArray(component.components)) return;
  const items = getPath(data, path);
  if (items === undefined) return;
  if (!Array.isArray(items)) {
    errors.push({ path: path.join("."), message: { id: "Harus berupa daftar.", en: "Must be a list." } });
    return;
  }
  const out: Record<string, unknown>[] = [];
  items.forEach((item, index) => {
    const itemOutput: Record<string, unknown> = {};
    if (!isRecord(item)) {
      errors.push({
        path: [...path, String(index)].join("."),
        message: { id: "Harus berupa objek.", en: "Must be an object." },
      });
      return;
    }
    const itemErrors: FormError[] = [];
    validateComponents(
      component.components as unknown[],
      item,
      itemOutput,
      [],
      { ...scope, ...item },
      itemErrors,
      depth + 1,
    );
    for (const e of itemErrors)
      errors.push({ path: [...path, String(index), e.path].filter(Boolean).join("."), message: e.message });
    out.push(itemOutput);
  });
  setPath(output, path, out);
}

function checkValue(component: Component, type: string, value: unknown): { id: string; en: string } | undefined {
  const v = component.validate ?? {};
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

function isHidden(component: Component, scope: Record<string, unknown>): boolean {
  const hide = component.conditional?.hide;
  if (typeof hide !== "string" || hide.trim() === "") return false;
  const result = evaluateCondition(hide, scope);
  return result.ok && result.value;
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
