/**
 * form-js (1.23) writes its field validation messages in English with no translation hook; staff
 * read them on the task page. These patterns map each message the viewer's Validator produces onto
 * our i18n keys, values kept. A message we do not know (a model's own patternErrorMessage, a newer
 * form-js) passes through unchanged.
 */
type Translate = (key: string, values?: Record<string, string>) => string;

const MESSAGES: { pattern: RegExp; key: string; names: string[] }[] = [
  { pattern: /^Field is required\.$/, key: "formErrors.required", names: [] },
  { pattern: /^Field must match pattern (.+)\.$/, key: "formErrors.pattern", names: ["pattern"] },
  { pattern: /^Field must have minimum value of (.+)\.$/, key: "formErrors.min", names: ["min"] },
  { pattern: /^Field must have maximum value of (.+)\.$/, key: "formErrors.max", names: ["max"] },
  { pattern: /^Field must have minimum length of (.+)\.$/, key: "formErrors.minLength", names: ["minLength"] },
  { pattern: /^Field must have maximum length of (.+)\.$/, key: "formErrors.maxLength", names: ["maxLength"] },
  { pattern: /^Field must be a valid {1,2}international phone number\./, key: "formErrors.phone", names: [] },
  { pattern: /^Field must be a valid email\.$/, key: "formErrors.email", names: [] },
  { pattern: /^Value is not a number\.$/, key: "formErrors.notNumber", names: [] },
  { pattern: /^Value is expected to be an integer\.$/, key: "formErrors.integer", names: [] },
  {
    pattern: /^Value is expected to have at most (\d+) decimal digits?\.$/,
    key: "formErrors.decimals",
    names: ["digits"],
  },
  {
    pattern: /^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
    key: "formErrors.increment",
    names: ["previous", "next"],
  },
];

export function translateFormError(message: string, t: Translate): string {
  for (const { pattern, key, names } of MESSAGES) {
    const match = pattern.exec(message);
    if (!match) continue;
    return t(key, Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ""])));
  }
  return message;
}

/** The part of form-js' Validator service we wrap. */
interface FieldValidator {
  validateField?: (...args: unknown[]) => string[];
  validateFieldInstance?: (...args: unknown[]) => string[];
}

/** Makes a form-js Form's validator report its messages through `t`. */
export function translateValidator(validator: FieldValidator, t: Translate): void {
  for (const method of ["validateField", "validateFieldInstance"] as const) {
    const original = validator[method]?.bind(validator);
    if (!original) continue;
    validator[method] = (...args: unknown[]) => original(...args).map((m) => translateFormError(m, t));
  }
}
