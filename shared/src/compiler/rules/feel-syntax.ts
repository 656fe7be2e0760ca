/** Every FEEL expression of the model must parse; the problem gives the position of the error. */
import { checkFeelSyntax } from "../../feel";
import { isFeel } from "../feel-values";
import { body, child, children, extension, extensions, type ModdleElement, str } from "../moddle-element";
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
    for (const element of allElements(context)) expressions.push(...expressionsOf(element));
    for (const message of children(context.definitions, "rootElements")) {
      if (message.$type !== "bpmn:Message") continue;
      const add = (where: string, text: string | undefined, always = false) => {
        if (text && (always || isFeel(text))) expressions.push({ elementId: message.id, where, text });
      };
      add("name", str(message, "name"));
      add("correlationKey", str(extension(message, "zeebe:Subscription"), "correlationKey"), true);
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

/** The FEEL expressions an element carries, with where they sit; "=" marks optional ones. */
function expressionsOf(element: ModdleElement): Expression[] {
  const found: Expression[] = [];
  const add = (where: string, text: string | undefined, always = false) => {
    if (text && (always || isFeel(text))) found.push({ elementId: element.id, where, text });
  };
  add("conditionExpression", body(child(element, "conditionExpression")), true);
  const loop = child(element, "loopCharacteristics");
  if (loop) {
    add("completionCondition", body(child(loop, "completionCondition")), true);
    const zeebeLoop = extension(loop, "zeebe:LoopCharacteristics");
    add("inputCollection", str(zeebeLoop, "inputCollection"), true);
    add("outputElement", str(zeebeLoop, "outputElement"));
  }
  for (const mapping of extensions(element, "zeebe:IoMapping")) {
    for (const p of children(mapping, "inputParameters")) add(`input ${str(p, "target") ?? ""}`, str(p, "source"));
    for (const p of children(mapping, "outputParameters")) add(`output ${str(p, "target") ?? ""}`, str(p, "source"));
  }
  add("zeebe:script", str(extension(element, "zeebe:Script"), "expression"), true);
  const assignment = extension(element, "zeebe:AssignmentDefinition");
  add("assignee", str(assignment, "assignee"));
  add("candidateGroups", str(assignment, "candidateGroups"));
  add("calledElement", str(extension(element, "zeebe:CalledElement"), "processId"));
  const task = extension(element, "zeebe:TaskDefinition");
  add("taskDefinition type", str(task, "type"));
  add("retries", str(task, "retries"));
  for (const definition of children(element, "eventDefinitions")) {
    for (const key of ["timeDuration", "timeDate", "timeCycle"]) add(key, body(child(definition, key)));
  }
  return found;
}
