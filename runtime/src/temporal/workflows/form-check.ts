/**
 * Checks completion data against a form-js schema embedded in the plan: every field marked
 * `validate.required` must have a value. TODO: switch to the form's zod validator from
 * @alur/shared/forms when that module lands; this covers required keys only.
 */

interface FormComponent {
  key?: unknown;
  type?: unknown;
  label?: unknown;
  validate?: { required?: unknown };
  components?: unknown;
}

/** Keys of required fields (nested groups included) that are missing or empty in `data`. */
export function missingRequiredFields(form: unknown, data: Record<string, unknown>): string[] {
  const missing: string[] = [];
  visit(form, (c) => {
    if (typeof c.key !== "string" || c.validate?.required !== true) return;
    const value = c.key
      .split(".")
      .reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), data);
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) {
      missing.push(c.key);
    }
  });
  return missing;
}

function visit(node: unknown, fn: (c: FormComponent) => void): void {
  if (!node || typeof node !== "object") return;
  const c = node as FormComponent;
  fn(c);
  if (Array.isArray(c.components)) for (const child of c.components) visit(child, fn);
}
