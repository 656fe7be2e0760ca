/**
 * The Camunda 8 FEEL extensions that feelin lacks (Camunda 8.8 documents them as "Camunda Extension"
 * built-ins): models written for Zeebe call them in conditions, mappings and assignments. Each is
 * a FEEL function value handed to feelin in the evaluation context, under the case's variables, so
 * a variable of the same name (a `count`, a `trim`) shadows the built-in as it does in Zeebe.
 * Kept pure and deterministic (workflow code evaluates FEEL): `uuid()` is not provided, since a
 * random value cannot be replayed.
 * Tests: camunda-builtins.test.ts, taken from the examples of Camunda's FEEL reference.
 */
import { date, FeelDate, FeelFunction } from "feelin";

const isString = (value: unknown): value is string => typeof value === "string";

/** Days of a month of the proleptic Gregorian calendar (month 1–12). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The ISO date (yyyy-mm-dd) of a FEEL date, a date and time, or such a string; undefined otherwise. */
function isoDate(value: unknown): string | undefined {
  const text = value instanceof FeelDate ? value.iso : isString(value) ? value : String(value ?? "");
  return /^(\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
}

export const CAMUNDA_BUILTINS: Record<string, FeelFunction> = {
  // Boolean functions
  "is defined": new FeelFunction((value: unknown) => value !== null && value !== undefined, ["value"]),
  "get or else": new FeelFunction(
    (value: unknown, fallback: unknown) => value ?? fallback ?? null,
    ["value", "default"],
  ),
  assert: new FeelFunction(
    (value: unknown, condition: unknown, cause: unknown) => {
      // Camunda: "the evaluation fails with an error"; evaluateFeel turns the throw into a failure.
      if (condition !== true) throw new Error(isString(cause) ? cause : "The assertion failed");
      return value;
    },
    ["value", "condition", "cause"],
  ),
  // String functions
  trim: new FeelFunction((string: unknown) => (isString(string) ? string.trim() : null), ["string"]),
  "is blank": new FeelFunction((string: unknown) => (isString(string) ? string.trim() === "" : null), ["string"]),
  extract: new FeelFunction(
    (string: unknown, pattern: unknown) => {
      if (!isString(string) || !isString(pattern)) return null;
      try {
        return [...string.matchAll(new RegExp(pattern, "g"))].map((m) => m[0]);
      } catch {
        return null;
      }
    },
    ["string", "pattern"],
  ),
  // List functions
  "is empty": new FeelFunction((list: unknown) => (Array.isArray(list) ? list.length === 0 : null), ["list"]),
  "duplicate values": new FeelFunction(
    (list: unknown) => {
      if (!Array.isArray(list)) return null;
      // Each value that occurs more than once, once, in the order of its first occurrence.
      const keys = list.map((item) => JSON.stringify(item));
      return list.filter((_, i) => keys.indexOf(keys[i] as string) === i && keys.lastIndexOf(keys[i] as string) !== i);
    },
    ["list"],
  ),
  partition: new FeelFunction(
    (list: unknown, size: unknown) => {
      if (!Array.isArray(list) || typeof size !== "number" || !Number.isInteger(size) || size < 1) return null;
      const parts: unknown[][] = [];
      for (let i = 0; i < list.length; i += size) parts.push(list.slice(i, i + size));
      return parts;
    },
    ["list", "size"],
  ),
  // Temporal functions
  "last day of month": new FeelFunction(
    (value: unknown) => {
      const iso = isoDate(value);
      if (!iso) return null;
      const [year, month] = iso.split("-").map(Number) as [number, number];
      return date(`${iso.slice(0, 8)}${String(daysInMonth(year, month)).padStart(2, "0")}`);
    },
    ["date"],
  ),
};

/**
 * FEEL source with line breaks inside string literals written as escapes: Camunda accepts a
 * string literal spanning lines, feelin's grammar does not. Comments are passed over, so a quote
 * inside one does not start a string. Offsets past a changed literal shift by one per line break.
 */
export function escapeLineBreaksInStrings(source: string): string {
  if (!/[\r\n]/.test(source)) return source;
  let out = "";
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === "/" && source[i + 1] === "/") {
      const end = source.indexOf("\n", i);
      const stop = end === -1 ? source.length : end;
      out += source.slice(i, stop);
      i = stop;
    } else if (ch === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += source.slice(i, stop);
      i = stop;
    } else if (ch === '"') {
      out += ch;
      i++;
      while (i < source.length && source[i] !== '"') {
        const c = source[i] as string;
        if (c === "\\" && i + 1 < source.length) {
          out += c + source[i + 1];
          i += 2;
          continue;
        }
        out += c === "\n" ? "\\n" : c === "\r" ? "\\r" : c;
        i++;
      }
      if (i < source.length) out += '"';
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
