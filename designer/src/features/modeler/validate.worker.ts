/**
 * Validation off the main thread: parses the XML and runs the shared validator, so a 300-element
 * model stays clickable while it is checked. The model is compiled with the forms a deploy would
 * send with it (its linked forms), so a task whose form would be lost is an error here too. One
 * request at a time; answers carry the request id.
 */
import { compileAndValidate, parseBpmn, selectProcess, validateDefinitions } from "@alur/shared/compiler";
import { linkedFormsOf } from "../forms/linked-forms";
import type { ValidationRequest, ValidationResponse } from "./validation-client";

addEventListener("message", (event: MessageEvent<ValidationRequest>) => {
  const { id, xml, forPublish, forms } = event.data;
  void parseBpmn(xml)
    .then((parsed) => {
      if (!parsed.definitions) return parsed.problems;
      const { definitions } = parsed;
      // without a process there is nothing to compile (validation says so once)
      const found = selectProcess(definitions)
        ? compileAndValidate(definitions, undefined, { forPublish, forms: linkedFormsOf(definitions, forms) }).problems
        : validateDefinitions(definitions, { forPublish });
      return [...parsed.problems, ...found];
    })
    .then(
      (problems) => postMessage({ id, problems } satisfies ValidationResponse),
      (error: unknown) => postMessage({ id, problems: [], failed: String(error) } satisfies ValidationResponse),
    );
});
