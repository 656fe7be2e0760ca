/** Which flows carry a condition, and the as-you-type FEEL syntax check of one. */
import { explainFeelError } from "@alur/shared/compiler";
import { checkFeelSyntax } from "@alur/shared/feel";
import type { Bo } from "./model-access";

export type Translate = (text: string, replacements?: Record<string, string | number>) => string;

const BRANCHING = new Set(["bpmn:ExclusiveGateway", "bpmn:InclusiveGateway"]);

/** True for a flow whose source gateway chooses between flows by their conditions. */
export function hasConditionEntry(bo: Bo): boolean {
  if (bo.$type !== "bpmn:SequenceFlow") return false;
  const source = bo.get("sourceRef") as Bo | undefined;
  return Boolean(source && BRANCHING.has(source.$type));
}

/**
 * A message for a FEEL condition with a syntax error, or null when it parses (or is empty): the
 * offending text quoted and what is wrong, worded as the problems list words it.
 */
export function feelConditionError(value: string, translate: Translate, language: "id" | "en" = "id"): string | null {
  const text = value.trim();
  if (!text) return null;
  const result = checkFeelSyntax(text);
  if (result.ok) return null;
  const { at, why } = explainFeelError(text, result);
  return translate("FEEL syntax error at {at}: {why}", { at: at[language], why: why[language] });
}
