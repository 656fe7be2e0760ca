/** Test support: runs one rule on a valid/ or invalid/ fixture model of that rule. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { nameProblems } from "../element-words";
import { parseBpmn } from "../parse-bpmn";
import type { Problem } from "../problem";
import { type Rule, ruleContext, type ValidateOptions } from "./rule";

/** Problems the rule reports on `fixtures/<rule code>/<kind>.bpmn`, worded as validation shows them (element names first). */
export async function runFixture(
  rule: Rule,
  kind: "valid" | "invalid",
  options: ValidateOptions = {},
): Promise<Problem[]> {
  const xml = readFileSync(path.join(import.meta.dirname, "fixtures", rule.code, `${kind}.bpmn`), "utf8");
  const { definitions, problems } = await parseBpmn(xml);
  if (!definitions) throw new Error(`fixture ${rule.code}/${kind} does not parse: ${JSON.stringify(problems)}`);
  return nameProblems(definitions, rule.check(ruleContext(definitions, options)));
}

/** "elementId" of each problem, for compact assertions. */
export function ids(problems: Problem[]): string[] {
  return problems.map((p) => p.elementId);
}
