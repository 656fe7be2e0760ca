/**
 * Which variables a message may carry: only those the model declares for the steps that can take
 * it (issue 12: what is published is what runs). A catch step (receive task, message catch or
 * boundary event, message start of an event subprocess) declares them with its zeebe:output
 * mappings: the payload keys its output sources read and the variables its targets set. A catch
 * step without output mappings declares none (its payload would otherwise be spread over the case).
 */
import type { ExecutionPlan, FlowNode } from "../plan";

/** FEEL words that are not variable names. */
const FEEL_WORDS = new Set([
  "if",
  "then",
  "else",
  "for",
  "in",
  "return",
  "some",
  "every",
  "satisfies",
  "and",
  "or",
  "not",
  "null",
  "true",
  "false",
  "between",
  "instance",
  "of",
  "function",
  "date",
  "time",
  "duration",
]);

/** The top-level variable names a FEEL source reads (over-inclusive: a path counts by its head). */
export function feelNames(source: string): string[] {
  const code = source.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const names = new Set<string>();
  for (const m of code.matchAll(/(?<![\w.])([A-Za-z_]\w*)\b(?!\s*\()/g)) {
    const name = m[1]!;
    if (!FEEL_WORDS.has(name)) names.add(name);
  }
  return [...names];
}

function takesMessage(node: FlowNode, name: string): boolean {
  if (node.type === "receiveTask") return node.messageName === name;
  // A process-level message start starts a case; it is never sent to a running one.
  if (node.type === "startEvent" && node.scope === null) return false;
  const definition = "eventDefinition" in node ? node.eventDefinition : undefined;
  return definition?.kind === "message" && definition.messageName === name;
}

/**
 * The payload keys a message of `name` may carry into cases of these plans (a case's plan and its
 * called plans), or undefined when no step of them takes the name (the delivery decides then).
 */
export function messagePayloadKeys(plans: ExecutionPlan[], name: string): Set<string> | undefined {
  let found = false;
  const keys = new Set<string>();
  for (const plan of plans) {
    for (const node of Object.values(plan.nodes)) {
      if (!takesMessage(node, name)) continue;
      found = true;
      for (const output of node.io?.outputs ?? []) {
        for (const key of feelNames(output.source)) keys.add(key);
        keys.add(output.target.split(".")[0]!);
      }
    }
  }
  return found ? keys : undefined;
}

/**
 * The keys of `payload` no step taking `name` declares, in payload order; empty when all are
 * declared or when no plan takes the name. `extra` keys are always allowed (the API's `documents`).
 */
export function refusedMessageKeys(
  plans: ExecutionPlan[],
  name: string,
  payload: Record<string, unknown>,
  extra: string[] = [],
): string[] {
  const allowed = messagePayloadKeys(plans, name);
  if (!allowed) return [];
  return Object.keys(payload).filter((key) => !allowed.has(key) && !extra.includes(key));
}

/** Why a message's keys are refused, in both languages. */
export function messageNotAllowed(name: string, keys: string[]): { id: string; en: string } {
  const list = keys.join(", ");
  return {
    id: `Pesan "${name}" berisi kolom yang tidak dinyatakan oleh langkah penerimanya: ${list}.`,
    en: `Message "${name}" has keys no step receiving it declares: ${list}.`,
  };
}
