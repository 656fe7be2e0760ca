/**
 * FEEL through feelin, wrapped so that a bad expression is a value, never a thrown exception:
 * the interpreter turns failures into incidents and the validator into problems.
 * Safe in Temporal workflow code (no I/O; FEEL's now()/today() read Temporal's deterministic Date).
 */
import { evaluate, SyntaxError as FeelSyntaxError } from "feelin";
import { parser, trackVariables } from "lezer-feel";
import { CAMUNDA_BUILTINS, escapeLineBreaksInStrings } from "./camunda-builtins";

export type FeelResult<T> =
  | { ok: true; value: T; warnings: string[] }
  | { ok: false; error: string; position?: { from: number; to: number } };

/** Strips the Zeebe "=" marker: "=a > 1" and "a > 1" are the same expression. */
export function feelSource(expression: string): string {
  const trimmed = expression.trim();
  return escapeLineBreaksInStrings(trimmed.startsWith("=") ? trimmed.slice(1).trim() : trimmed);
}

/** The evaluation context: Camunda's extension built-ins under the caller's variables, which shadow them. */
function withBuiltins(context: Record<string, unknown>): Record<string, unknown> {
  return { ...CAMUNDA_BUILTINS, ...context };
}

/** Evaluates a FEEL expression against a JSON context. */
export function evaluateFeel(expression: string, context: Record<string, unknown>): FeelResult<unknown> {
  try {
    const result = evaluate(feelSource(expression), withBuiltins(context));
    return { ok: true, value: toJson(result.value), warnings: result.warnings.map((w) => w.message) };
  } catch (error) {
    return failure(error);
  }
}

/** Evaluates a condition; anything but `true` is false, as BPMN conditions require. */
export function evaluateCondition(expression: string, context: Record<string, unknown>): FeelResult<boolean> {
  const result = evaluateFeel(expression, context);
  return result.ok ? { ok: true, value: result.value === true, warnings: result.warnings } : result;
}

/**
 * Syntax check by parsing only: nothing is evaluated, so a costly or hostile expression cannot
 * slow validation down. Positions are character offsets into the expression without its "=".
 */
export function checkFeelSyntax(
  expression: string,
): { ok: true } | { ok: false; error: string; position?: { from: number; to: number } } {
  const source = feelSource(expression);
  if (source === "") return { ok: false, error: "Empty expression", position: { from: 0, to: 0 } };
  let position: { from: number; to: number } | undefined;
  try {
    expressionParser()
      .parse(source)
      .iterate({
        enter(node) {
          if (position) return false;
          if (node.type.isError) {
            position = { from: node.from, to: node.to };
            return false;
          }
          return undefined;
        },
      });
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (!position) return { ok: true };
  const token = source.slice(position.from, position.to);
  const error =
    token === ""
      ? position.from >= source.length
        ? "Incomplete expression"
        : `Unexpected input at ${position.from}`
      : `Unrecognized token "${token}"`;
  return { ok: false, error, position };
}

/**
 * The variables an expression reads from its context: the first name of each path, without
 * function names, names the expression binds itself (for/some/every, function parameters, context
 * keys) and a filter's `item`. Empty when it does not parse.
 */
export function feelVariableRoots(expression: string): string[] {
  const source = feelSource(expression);
  const read = new Set<string>();
  const bound = new Set<string>(["item"]);
  try {
    expressionParser()
      .parse(source)
      .iterate({
        enter(node) {
          const text = source.slice(node.from, node.to);
          if (node.name === "Name") bound.add(text);
          if (node.name !== "VariableName") return;
          const parent = node.node.parent;
          if (parent?.name === "FunctionInvocation" && parent.from === node.from) return;
          read.add(text);
        },
      });
  } catch {
    return [];
  }
  return [...read].filter((name) => !bound.has(name));
}

let configuredParser: ReturnType<typeof parser.configure> | undefined;

/** feelin's expression parser, configured once: configuring per call costs more than parsing. */
function expressionParser(): ReturnType<typeof parser.configure> {
  // The extension built-ins' names are known, so "get or else(x, 1)" parses as one call.
  configuredParser ??= parser.configure({ top: "Expression", contextTracker: trackVariables(CAMUNDA_BUILTINS) });
  return configuredParser;
}

function failure(error: unknown): FeelResult<never> {
  if (error instanceof FeelSyntaxError) return { ok: false, error: error.message, position: error.position };
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
}

/** FEEL values (dates, durations, ranges) become plain JSON so they can live in case variables. */
function toJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object") return typeof value === "number" && !Number.isFinite(value) ? null : value;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof (value as { toISO?: unknown }).toISO === "function") return (value as { toISO(): string }).toISO();
  if (Object.getPrototypeOf(value) !== Object.prototype) return String(value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
}
