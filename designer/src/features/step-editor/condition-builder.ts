/**
 * Conditions without FEEL: a condition is a field, an operator and a value; it is written as the
 * FEEL the runtime evaluates (`= dokumenLengkap = true`) and simple FEEL is read back into those
 * three parts. Anything else (and/or, functions, ranges) stays an expert's FEEL text.
 */

export const OPERATORS = ["=", "!=", ">", ">=", "<", "<="] as const;
export type Operator = (typeof OPERATORS)[number];

export type ConditionValue =
  | { kind: "boolean"; value: boolean }
  | { kind: "number"; value: number }
  | { kind: "string"; value: string };

export interface SimpleCondition {
  /** The variable (a form field key), optionally with a path: `pemohon.umur`. */
  field: string;
  operator: Operator;
  value: ConditionValue;
}

const NAME = String.raw`[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*`;
const VALUE = String.raw`true|false|-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*"`;
const SIMPLE = new RegExp(String.raw`^=?\s*(${NAME})\s*(!=|>=|<=|=|>|<)\s*(${VALUE})\s*$`);
/** Names FEEL reserves: a field called so would not read as a variable. */
const RESERVED = new Set([
  "true",
  "false",
  "null",
  "and",
  "or",
  "not",
  "in",
  "if",
  "then",
  "else",
  "for",
  "some",
  "every",
  "between",
  "instance",
  "of",
  "function",
  "return",
  "satisfies",
]);

/** The FEEL of a simple condition, with Zeebe's leading "=". */
export function writeCondition(condition: SimpleCondition): string {
  return `= ${condition.field} ${condition.operator} ${literal(condition.value)}`;
}

function literal(value: ConditionValue): string {
  if (value.kind === "string") return JSON.stringify(value.value);
  return String(value.value);
}

/** The simple condition a FEEL text states, or null when it is more than field-operator-value. */
export function readCondition(feel: string): SimpleCondition | null {
  const match = SIMPLE.exec(feel.trim());
  if (!match) return null;
  const [, field, operator, raw] = match as unknown as [string, string, Operator, string];
  if (field.split(".").some((part) => RESERVED.has(part))) return null;
  return { field, operator, value: parseValue(raw) };
}

function parseValue(raw: string): ConditionValue {
  if (raw === "true" || raw === "false") return { kind: "boolean", value: raw === "true" };
  if (raw.startsWith('"')) return { kind: "string", value: JSON.parse(raw) as string };
  return { kind: "number", value: Number(raw) };
}

/** The value an admin typed for a field of `kind`, or null when it is not one. */
export function valueFromInput(kind: ConditionValue["kind"], text: string): ConditionValue | null {
  const trimmed = text.trim();
  if (kind === "boolean") return trimmed === "true" || trimmed === "false" ? { kind, value: trimmed === "true" } : null;
  if (kind === "number") {
    const n = Number(trimmed.replace(",", "."));
    return trimmed !== "" && Number.isFinite(n) ? { kind, value: n } : null;
  }
  return { kind, value: text };
}
