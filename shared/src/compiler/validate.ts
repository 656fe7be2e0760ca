/**
 * Model validation: bpmnlint's recommended rules, Alur's rules, and whatever stops a process from
 * compiling, so that "no errors" means the model deploys.
 */

import type { ExecutionPlan } from "../plan";
import { lintDefinitions } from "./bpmnlint-rules";
import { type CompileOptions, type CompileResult, compileProcess } from "./compile-process";
import { nameProblems } from "./element-words";
import type { ModdleElement } from "./moddle-element";
import { type ParseOptions, parseBpmn } from "./parse-bpmn";
import { hasErrors, type Problem, problem } from "./problem";
import { executableProcesses, processesOf, processOfElements, selectProcess } from "./process-elements";
import { ALUR_RULES, ruleContext, type ValidateOptions } from "./rules";

/** Findings an Alur rule already reports, more precisely, on the same element. */
const COVERED_BY: Record<string, string> = {
  "connector-missing": "unknown-connector-type",
  "timer-without-expression": "timer-expression",
  "timer-invalid": "timer-expression",
  "bpmnlint/no-complex-gateway": "unsupported-element",
  "bpmnlint/single-event-definition": "unsupported-element",
  "bpmnlint/ad-hoc-sub-process": "unsupported-element",
  "bpmnlint/conditional-flows": "gateway-without-condition",
};

/** Validates parsed definitions; never throws. */
export function validateDefinitions(definitions: ModdleElement, options: ValidateOptions = {}): Problem[] {
  return check(definitions, options).problems;
}

/**
 * Validates the definitions and compiles one process, compiling it only once: what a deploy or
 * publish does. The plan is withheld when Alur's rules or the compiler find an error; bpmnlint's
 * findings (labels, diagram shapes, ...) are listed but concern modelling style, not execution.
 */
export function compileAndValidate(
  definitions: ModdleElement,
  processId?: string,
  options: ValidateOptions & CompileOptions = {},
): CompileResult {
  const target = selectProcess(definitions, processId);
  const { problems, compiled } = check(definitions, options, new Set(target?.id ? [target.id] : []), options);
  if (!target?.id) {
    return { problems: [...problems, ...compileProcess(definitions, processId, options).problems] };
  }
  const plan = compiled.get(target.id)?.plan;
  const blocking = problems.filter((p) => !p.code.startsWith("bpmnlint/"));
  return hasErrors(blocking) || !plan ? { problems } : { plan, problems };
}

export interface CompileAllResult {
  /** One plan per deployed process, in file order; empty when anything stops the model. */
  plans: ExecutionPlan[];
  /** Ids of the processes not deployed because they are not executable. */
  skipped: string[];
  problems: Problem[];
}

/**
 * What a deploy that names no process does, as Zeebe does with a resource: every executable
 * process compiles to a plan of its own, and the file deploys only when none has an error (one
 * deployment, all or nothing, so a call between them always finds its partner). Non-executable
 * processes (a black-box pool) are skipped with a note and their findings are not listed. A file
 * that marks no process executable deploys the one `compileAndValidate` picks, as before.
 */
export function compileAndValidateAll(
  definitions: ModdleElement,
  options: ValidateOptions & CompileOptions = {},
): CompileAllResult {
  const targets = executableProcesses(definitions);
  if (targets.length === 0) {
    const single = compileAndValidate(definitions, undefined, options);
    return { plans: single.plan ? [single.plan] : [], skipped: [], problems: single.problems };
  }
  const targetIds = new Set(targets.map((p) => p.id!));
  const skipped = processesOf(definitions)
    .map((p) => p.id)
    .filter((id): id is string => id !== undefined && !targetIds.has(id));
  const checked = check(definitions, options, targetIds, options);
  const problems = checked.problems.filter((p) => !p.processId || !skipped.includes(p.processId));
  for (const id of skipped) {
    problems.push({
      ...problem(id, "warning", "process-not-executable", {
        id: `Proses "${id}" tidak ditandai dapat dijalankan (isExecutable) sehingga tidak dipasang.`,
        en: `Process "${id}" is not marked executable (isExecutable), so it is not deployed.`,
      }),
      processId: id,
    });
  }
  const plans = targets.map((p) => checked.compiled.get(p.id!)?.plan);
  const blocking = problems.filter((p) => !p.code.startsWith("bpmnlint/"));
  if (hasErrors(blocking) || plans.some((plan) => !plan)) return { plans: [], skipped, problems };
  return { plans: plans as ExecutionPlan[], skipped, problems };
}

/** Parses, then `compileAndValidateAll`: the gate of a deploy that names no process. */
export async function compileAndValidateAllXml(
  xml: unknown,
  options: ValidateOptions & CompileOptions & ParseOptions = {},
): Promise<CompileAllResult> {
  const parsed = await parseBpmn(xml, options);
  if (!parsed.definitions || hasErrors(parsed.problems)) return { plans: [], skipped: [], problems: parsed.problems };
  const result = compileAndValidateAll(parsed.definitions, options);
  return { ...result, problems: [...parsed.problems, ...result.problems] };
}

/**
 * The one gate of every deploy and publish (API, `alur deploy`, the designer, the catalogue at first
 * start): parse, then `compileAndValidate`. With `forPublish` it is what `alur validate
 * --for-publish` checks; the plan is present only when nothing stops the model.
 */
export async function compileAndValidateXml(
  xml: unknown,
  options: ValidateOptions & CompileOptions & ParseOptions & { processId?: string } = {},
): Promise<CompileResult> {
  const { processId, ...rest } = options;
  const parsed = await parseBpmn(xml, rest);
  if (!parsed.definitions || hasErrors(parsed.problems)) return { problems: parsed.problems };
  const result = compileAndValidate(parsed.definitions, processId, rest);
  return { ...result, problems: [...parsed.problems, ...result.problems] };
}

function check(
  definitions: ModdleElement,
  options: ValidateOptions,
  targetIds: ReadonlySet<string> = new Set(),
  compileOptions: CompileOptions = {},
): { problems: Problem[]; compiled: Map<string, CompileResult> } {
  const found = checkAll(definitions, options, targetIds, compileOptions);
  // Every caller (API, CLI, designer) shows the same text: the element's name leads each message.
  found.problems = nameProblems(definitions, found.problems);
  if (processesOf(definitions).length < 2) return found;
  // Several processes in one file: each finding names its process, so a refusal says which to fix.
  const owner = processOfElements(definitions);
  for (const p of found.problems) {
    const processId = owner.get(p.elementId);
    if (processId && !p.processId) p.processId = processId;
  }
  return found;
}

function checkAll(
  definitions: ModdleElement,
  options: ValidateOptions,
  targetIds: ReadonlySet<string>,
  compileOptions: CompileOptions,
): { problems: Problem[]; compiled: Map<string, CompileResult> } {
  const context = ruleContext(definitions, options);
  const problems: Problem[] = [];
  for (const rule of ALUR_RULES) {
    try {
      problems.push(...rule.check(context));
    } catch (error) {
      problems.push(ruleFailed(definitions, rule.code, error));
    }
  }
  const seen = new Set(problems.map(key));
  const compiled = new Map<string, CompileResult>();
  for (const { process } of context.processes) {
    if (!process.id || compiled.has(process.id)) continue;
    const result = compileProcess(definitions, process.id, targetIds.has(process.id) ? compileOptions : {});
    compiled.set(process.id, result);
    for (const found of result.problems) {
      const covering = COVERED_BY[found.code];
      if (covering && seen.has(`${found.elementId}\u0000${covering}`)) continue;
      if (!seen.has(key(found)) && found.code !== "unsupported-element") {
        seen.add(key(found));
        problems.push(found);
      }
    }
  }
  if (context.processes.length === 0) {
    // Nothing to execute, and bpmnlint's rules assume root elements exist.
    problems.push(
      problem(definitions.id, "error", "no-process", {
        id: "Model tidak berisi proses BPMN.",
        en: "The model contains no BPMN process.",
      }),
    );
    return { problems, compiled };
  }
  for (const found of lintDefinitions(definitions)) {
    const covering = COVERED_BY[found.code];
    if (covering && seen.has(`${found.elementId}\u0000${covering}`)) continue;
    problems.push(found);
  }
  return { problems, compiled };
}

/** Parses and validates XML in one go; parse refusals come back as problems. */
export async function validateXml(
  xml: unknown,
  options: ValidateOptions & ParseOptions = {},
): Promise<{ definitions?: ModdleElement; problems: Problem[] }> {
  const parsed = await parseBpmn(xml, options);
  if (!parsed.definitions) return parsed;
  return {
    definitions: parsed.definitions,
    problems: [...parsed.problems, ...validateDefinitions(parsed.definitions, options)],
  };
}

function key(p: Problem): string {
  return `${p.elementId}\u0000${p.code}`;
}

function ruleFailed(definitions: ModdleElement, code: string, error: unknown): Problem {
  const message = error instanceof Error ? error.message : String(error);
  return problem(definitions.id, "warning", "rule-failed", {
    id: `Aturan ${code} gagal dijalankan: ${message}`,
    en: `Rule ${code} failed: ${message}`,
  });
}
