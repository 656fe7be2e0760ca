/**
 * Live validation: the shared validator (bpmnlint rules, Alur's rules and the compiler) run on the
 * modeler's own moddle tree, so what blocks publishing here is exactly what the runtime refuses.
 */
import { type ModdleElement, type Problem, validateDefinitions } from "@alur/shared/compiler";

/**
 * Problems of the model; never throws. While drafting (the default) missing service-standard
 * components are warnings, so a new model does not open with 14 errors; `forPublish` makes them
 * errors, as the runtime does when a version is published.
 */
export function validateModel(definitions: unknown, options: { forPublish?: boolean } = {}): Problem[] {
  return validateDefinitions(definitions as ModdleElement, { forPublish: options.forPublish ?? false });
}

/** The errors among problems. */
export function errorsOf(problems: Problem[]): Problem[] {
  return problems.filter((p) => p.severity === "error");
}
