/**
 * The process model: read BPMN XML, compile a process to an execution plan, validate a model.
 * Used by the designer (in the browser), the runtime (at deploy) and the `alur` CLI.
 */

export { type AlurTask, alurTaskOf, slaOf } from "./alur-task";
export { LINT_OVERRIDES, lintDefinitions } from "./bpmnlint-rules";
export { type CompileOptions, type CompileResult, compileProcess } from "./compile-process";
export { type DeriveStandardInput, deriveStandard, publishedStandard } from "./derive-standard";
export {
  type DescribeOptions,
  describeModelChanges,
  describeProcessChanges,
  type ElementChange,
  type ModelChanges,
  type Words,
} from "./describe-changes";
export { ALUR_NAMESPACE, createModdle } from "./moddle";
export type { ModdleElement } from "./moddle-element";
export { DEFAULT_MAX_BYTES, type ParseOptions, type ParseResult, parseBpmn, screenXml, toBpmnXml } from "./parse-bpmn";
export { hasErrors, Problem, Severity } from "./problem";
export { executableProcesses, flowElementsOf, processesOf, selectProcess } from "./process-elements";
export { ALUR_RULES, type Rule, type ValidateOptions } from "./rules";
export { type CompletionShortfall, completionShortfall } from "./rules/completion-time-under-sla";
export { explainFeelError } from "./rules/feel-syntax";
export { readServiceStandard, readVariant } from "./service-standard";
export { durationWords, numberWords, unitWords } from "./standard-words";
export { unsupportedReason } from "./supported-elements";
export { syntheticModel } from "./synthetic-model";
export {
  type CompileAllResult,
  compileAndValidate,
  compileAndValidateAll,
  compileAndValidateAllXml,
  compileAndValidateXml,
  validateDefinitions,
  validateXml,
} from "./validate";
