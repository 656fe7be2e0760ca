/** What the form data validator and the form check both need to know about form-js components. */

/** Components that only display or lay out; they submit no value and need no key. */
export const NON_INPUT = new Set([
  "text",
  "html",
  "image",
  "spacer",
  "separator",
  "button",
  "iframe",
  "table",
  "documentPreview",
  "expression",
]);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
