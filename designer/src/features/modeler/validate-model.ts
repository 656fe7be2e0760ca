/**
 * Live validation: the shared validator (bpmnlint rules, Alur's rules and the compiler) run on the
 * modeler's own moddle tree, so what blocks publishing here is exactly what the runtime refuses.
 */
import { type ModdleElement, type Problem, validateDefinitions } from "@alur/shared/compiler";

/** Problems of the model as a publication would see them; never throws. */
export function validateModel(definitions: unknown): Problem[] {
  return validateDefinitions(definitions as ModdleElement, { forPublish: true });
}
