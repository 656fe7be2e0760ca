/**
 * Variable scopes, as Zeebe defines them: every scope instance may hold local variables; a read
 * sees the innermost definition; a write goes to the nearest scope that already defines the
 * name, else to the process instance ("propagation").
 */
import { evaluateFeel, type FeelResult } from "@alur/shared/feel";
import type { Mapping } from "@alur/shared/plan";
import type { Variables } from "@alur/shared/schemas";
import { type Ctx, instanceOf } from "./context";

/** The FEEL context seen from an instance: all variables of its scope chain, inner ones winning. */
export function scopeContext(ctx: Ctx, instanceId: string | null): Variables {
  const chain: Variables[] = [];
  let current = instanceId ? instanceOf(ctx, instanceId) : undefined;
  while (current) {
    chain.push(current.variables);
    current = current.parentId ? instanceOf(ctx, current.parentId) : undefined;
  }
  return Object.assign({}, ...chain.reverse());
}

/** Writes a variable from `scopeInstanceId` upwards (Zeebe propagation). */
function setVariable(ctx: Ctx, scopeInstanceId: string | null, name: string, value: unknown): void {
  let current = scopeInstanceId ? instanceOf(ctx, scopeInstanceId) : undefined;
  while (current) {
    if (current.parentId === null || Object.hasOwn(current.variables, name)) {
      current.variables[name] = value;
      return;
    }
    current = instanceOf(ctx, current.parentId);
  }
}

/** Writes every entry of `values` from `scopeInstanceId` upwards. */
export function mergeVariables(ctx: Ctx, scopeInstanceId: string | null, values: Variables): void {
  for (const [name, value] of Object.entries(values)) setVariable(ctx, scopeInstanceId, name, value);
}

/**
 * Evaluates FEEL against a context; the error message names the expression for the incident.
 * Only variables whose name occurs in the source are handed over: FEEL cannot reach a variable
 * without naming it, and converting a large unrelated list (a 5,000-item collection) for every
 * expression made a big multi-instance quadratic.
 */
export function feel(source: string, context: Variables): FeelResult<unknown> {
  const used: Variables = {};
  for (const name of Object.keys(context)) if (source.includes(name)) used[name] = context[name];
  const result = evaluateFeel(source, used);
  return result.ok ? result : { ok: false, error: `FEEL "${source}": ${result.error}` };
}

/**
 * Evaluates mappings in order (each sees the ones before) into a fresh object, e.g. an
 * element's input mappings into its local variables. Returns the first error instead.
 */
export function evaluateMappings(
  mappings: Mapping[],
  context: Variables,
): { ok: true; values: Variables } | { ok: false; error: string } {
  const values: Variables = {};
  for (const mapping of mappings) {
    const result = feel(mapping.source, { ...context, ...values });
    if (!result.ok) return { ok: false, error: result.error };
    setPath(values, mapping.target, result.value);
  }
  return { ok: true, values };
}

/** Sets `a.b.c` inside an object, creating the intermediate objects. */
function setPath(target: Variables, path: string, value: unknown): void {
  const parts = path.split(".");
  let node: Record<string, unknown> = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== "object" || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] ?? path] = value;
}
