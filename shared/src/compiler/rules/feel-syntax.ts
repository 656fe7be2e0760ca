/** Every FEEL expression of the model must parse; the problem gives the position of the error. */
import { checkFeelSyntax } from "../../feel";
import { isFeel } from "../feel-values";
import { body, child, children, extension, type ModdleElement, str } from "../moddle-element";
import { problem } from "../problem";
import { allElements, type Rule } from "./rule";

interface Expression {
  elementId: string | undefined;
  where: string;
  text: string;
}

export const feelSyntax: Rule = {
  code: "feel-syntax",
  check(context) {
    const expressions: Expression[] = [];
    for (const element of allElements(context)) collectExpressions(element, expressions);
    for (const message of children(context.definitions, "rootElements")) {
      if (message.$type !== "bpmn:Message") continue;
      add(expressions, message.id, "name", str(message, "name"));
      add(
        expressions,
        message.id,
        "correlationKey",
        str(extension(message, "zeebe:Subscription"), "correlationKey"),
        true,
      );
    }
    // Models repeat expressions ("=pemohon.nama" in every mapping): parse each text once per run.
    const checked = new Map<string, ReturnType<typeof checkFeelSyntax>>();
    return expressions.flatMap(({ elementId, where, text }) => {
      let result = checked.get(text);
      if (!result) {
        result = checkFeelSyntax(text);
        checked.set(text, result);
      }
      if (result.ok) return [];
      const at = result.position ? ` (${result.position.from}–${result.position.to})` : "";
      return [
        problem(
          elementId,
          "error",
          this.code,
          {
            id: `Ekspresi FEEL pada ${where} tidak sah${at}: ${result.error}. Ekspresi: ${text.trim()}`,
            en: `FEEL expression in ${where} is invalid${at}: ${result.error}. Expression: ${text.trim()}`,
          },
          result.position,
        ),
      ];
    });
  },
};

/** Adds the text when it is FEEL: always for FEEL-only fields, else when it starts with "=". */
function add(
  found: Expression[],
  elementId: string | undefined,
  where: string,
  text: string | undefined,
  always = false,
) {
  if (text && (always || isFeel(text))) found.push({ elementId, where, text });
}

/**
 * Adds the FEEL expressions an element carries, with where they sit. The extension elements are
 * scanned once: a lookup per extension type would read every one of them again, and reads of
 * moddle elements are slow (each element has a hidden class of its own).
 */
function collectExpressions(element: ModdleElement, found: Expression[]): void {
  const id = element.id;
  add(found, id, "conditionExpression", body(child(element, "conditionExpression")), true);
  const loop = child(element, "loopCharacteristics");
  if (loop) {
    add(found, id, "completionCondition", body(child(loop, "completionCondition")), true);
    const zeebeLoop = extension(loop, "zeebe:LoopCharacteristics");
    add(found, id, "inputCollection", str(zeebeLoop, "inputCollection"), true);
    add(found, id, "outputElement", str(zeebeLoop, "outputElement"));
  }
  let script: ModdleElement | undefined;
  let assignment: ModdleElement | undefined;
  let schedule: ModdleElement | undefined;
  let called: ModdleElement | undefined;
  let task: ModdleElement | undefined;
  for (const value of children(child(element, "extensionElements"), "values")) {
    switch (value.$type) {
      case "zeebe:IoMapping":
        for (const p of children(value, "inputParameters")) {
          const source = str(p, "source");
          if (source && isFeel(source)) add(found, id, `input ${str(p, "target") ?? ""}`, source);
        }
        for (const p of children(value, "outputParameters")) {
          const source = str(p, "source");
          if (source && isFeel(source)) add(found, id, `output ${str(p, "target") ?? ""}`, source);
        }
        break;
      case "zeebe:Script":
        script ??= value;
        break;
      case "zeebe:AssignmentDefinition":
        assignment ??= value;
        break;
      case "zeebe:TaskSchedule":
        schedule ??= value;
        break;
      case "zeebe:CalledElement":
        called ??= value;
        break;
      case "zeebe:TaskDefinition":
        task ??= value;
        break;
    }
  }
  add(found, id, "zeebe:script", str(script, "expression"), true);
  add(found, id, "assignee", str(assignment, "assignee"));
  add(found, id, "candidateGroups", str(assignment, "candidateGroups"));
  add(found, id, "candidateUsers", str(assignment, "candidateUsers"));
  add(found, id, "dueDate", str(schedule, "dueDate"));
  add(found, id, "followUpDate", str(schedule, "followUpDate"));
  add(found, id, "calledElement", str(called, "processId"));
  add(found, id, "taskDefinition type", str(task, "type"));
  add(found, id, "retries", str(task, "retries"));
  for (const definition of children(element, "eventDefinitions")) {
    add(found, id, "timeDuration", body(child(definition, "timeDuration")));
    add(found, id, "timeDate", body(child(definition, "timeDate")));
    add(found, id, "timeCycle", body(child(definition, "timeCycle")));
  }
}
