/** The shape of an Alur validation rule: one rule per file, each a pure function of the model. */
import { namer, type Words } from "../element-words";
import type { ModdleElement } from "../moddle-element";
import type { Problem } from "../problem";
import { flowElementsOf, processesOf, type ScopedElement } from "../process-elements";

export interface ValidateOptions {
  /** What publishing checks: stricter where a draft may still be incomplete (see docs/api.md, the publish gate). */
  forPublish?: boolean;
  /** form-js schemas by form id (as deployed), so rules can see the fields tasks define. */
  forms?: Record<string, unknown>;
  /**
   * The role ids of the district the model is for (the directory). Static candidate groups naming
   * none of them are errors; without it they are checked against the built-in roles, as warnings
   * (an office may have added the role).
   */
  knownRoles?: readonly string[];
}

export interface RuleContext {
  definitions: ModdleElement;
  processes: { process: ModdleElement; elements: ScopedElement[] }[];
  options: ValidateOptions;
}

export interface Rule {
  /** The problem code this rule reports. */
  code: string;
  check(context: RuleContext): Problem[];
}

/** Builds the context once per validation so rules don't walk the tree repeatedly. */
export function ruleContext(definitions: ModdleElement, options: ValidateOptions = {}): RuleContext {
  return {
    definitions,
    processes: processesOf(definitions).map((process) => ({ process, elements: flowElementsOf(process) })),
    options,
  };
}

const flattened = new WeakMap<RuleContext, ModdleElement[]>();

/** Every flow element of every process (computed once per context). */
export function allElements(context: RuleContext): ModdleElement[] {
  let elements = flattened.get(context);
  if (!elements) {
    elements = context.processes.flatMap((p) => p.elements.map((e) => e.element));
    flattened.set(context, elements);
  }
  return elements;
}

const namers = new WeakMap<RuleContext, (id: string | undefined) => Words>();

/** Names another element a message mentions (`percabangan "Lengkap?"`), as problems name their own. */
export function nameOf(context: RuleContext, id: string | undefined): Words {
  let name = namers.get(context);
  if (!name) {
    name = namer(context.definitions);
    namers.set(context, name);
  }
  return name(id);
}
