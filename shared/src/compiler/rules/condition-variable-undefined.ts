/**
 * A condition on a variable nothing in the model defines is most likely a typo: at run time it
 * reads null, the flow is never taken (or the default always is). Variables come from form fields
 * (task and start forms), output mappings, script and connector results, multi-instance
 * elements and what every case starts with. A warning: a process is skipped when part of its data
 * is not declared in the model (a form whose schema is not at hand, a message payload, a called
 * process without output mappings), since the rule cannot know then.
 */
import { feelVariableRoots } from "../../feel";
import { isRecord } from "../../forms/components";
import { body, child, children, extension, type ModdleElement, str } from "../moddle-element";
import { problem } from "../problem";
import type { Rule } from "./rule";

/** What every case starts with (runtime/src/api/cases/start-case.ts). */
const CASE_VARIABLES = ["applicant", "caseNumber", "documents", "startedBy"];
/** The result variable of each connector when its header names none. */
const CONNECTOR_RESULTS: Record<string, string> = { http: "response", document: "document", notify: "notificationId" };

export const conditionVariableUndefined: Rule = {
  code: "condition-variable-undefined",
  check(context) {
    return context.processes.flatMap(({ process, elements }) => {
      const defined = definedVariables(
        process,
        elements.map((e) => e.element),
        context.options.forms,
      );
      if (!defined) return [];
      return elements.flatMap(({ element }) => {
        if (element.$type !== "bpmn:SequenceFlow") return [];
        const condition = body(child(element, "conditionExpression"));
        if (!condition?.trim()) return [];
        return feelVariableRoots(condition)
          .filter((name) => !defined.has(name))
          .map((name) =>
            problem(element.id, "warning", this.code, {
              id: `kondisinya memakai variabel "${name}" yang tidak diisi oleh formulir, pemetaan keluaran atau konektor mana pun.`,
              en: `its condition reads "${name}", which no form field, output mapping or connector sets.`,
            }),
          );
      });
    });
  },
};

/** Every variable the process can set, or undefined when part of its data is not declared. */
function definedVariables(
  process: ModdleElement,
  elements: ModdleElement[],
  forms: Record<string, unknown> | undefined,
): Set<string> | undefined {
  const defined = new Set(CASE_VARIABLES);
  const embedded = new Map<string, unknown>();
  for (const form of children(child(process, "extensionElements"), "values")) {
    if (form.$type !== "zeebe:UserTaskForm" || !str(form, "id")) continue;
    try {
      embedded.set(str(form, "id")!, JSON.parse(str(form, "body") ?? ""));
    } catch {
      return undefined;
    }
  }
  const root = (path: string | undefined) => path?.trim().split(".")[0]?.trim();
  for (const element of elements) {
    const definitions = children(element, "eventDefinitions").map((d) => d.$type);
    if (element.$type === "bpmn:ReceiveTask" || definitions.includes("bpmn:MessageEventDefinition")) {
      if (element.$type !== "bpmn:EndEvent" && element.$type !== "bpmn:IntermediateThrowEvent") return undefined;
    }
    const io = extension(element, "zeebe:IoMapping");
    const outputs = children(io, "outputParameters");
    if (element.$type === "bpmn:CallActivity" && outputs.length === 0) return undefined;
    for (const mapping of [...outputs, ...children(io, "inputParameters")]) {
      const target = root(str(mapping, "target"));
      if (target) defined.add(target);
    }
    const formId = formIdOf(extension(element, "zeebe:FormDefinition"));
    if (formId === null) return undefined;
    if (formId) {
      const schema = forms?.[formId] ?? embedded.get(formId);
      if (schema === undefined) return undefined;
      for (const key of formKeys(schema)) defined.add(key);
    }
    const script = str(extension(element, "zeebe:Script"), "resultVariable");
    if (script) defined.add(script);
    const type = str(extension(element, "zeebe:TaskDefinition"), "type")?.trim();
    if (type) {
      const header = children(extension(element, "zeebe:TaskHeaders"), "values").find(
        (h) => str(h, "key") === "resultVariable",
      );
      const result = str(header, "value") ?? CONNECTOR_RESULTS[type];
      if (result) defined.add(result);
    }
    const loop = extension(child(element, "loopCharacteristics"), "zeebe:LoopCharacteristics");
    for (const key of ["inputElement", "outputCollection"]) {
      const name = root(str(loop, key));
      if (name) defined.add(name);
    }
  }
  return defined;
}

/**
 * The form a zeebe:formDefinition names: its formId, else the embedded form of a Camunda Modeler
 * formKey ("camunda-forms:bpmn:<id>"); null for any other formKey (a form kept elsewhere).
 */
function formIdOf(definition: ModdleElement | undefined): string | undefined | null {
  const formId = str(definition, "formId");
  if (formId) return formId;
  const formKey = str(definition, "formKey");
  if (!formKey) return undefined;
  return formKey.startsWith("camunda-forms:bpmn:") ? formKey.slice(19) || null : null;
}

/** The first segment of every field key (and group path) of a form-js schema. */
function formKeys(schema: unknown): string[] {
  if (!isRecord(schema)) return [];
  const keys: string[] = [];
  for (const component of Array.isArray(schema.components) ? schema.components : []) {
    if (!isRecord(component)) continue;
    for (const field of ["key", "path"] as const) {
      const value = component[field];
      if (typeof value === "string" && value.trim()) keys.push(value.trim().split(".")[0]!);
    }
    keys.push(...formKeys(component));
  }
  return keys;
}
