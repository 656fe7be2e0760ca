/**
 * Validation off the main thread: parses the XML and runs the shared validator, so a 300-element
 * model stays clickable while it is checked. One request at a time; answers carry the request id.
 */
import { validateXml } from "@alur/shared/compiler";
import type { ValidationRequest, ValidationResponse } from "./validation-client";

addEventListener("message", (event: MessageEvent<ValidationRequest>) => {
  const { id, xml, forPublish } = event.data;
  void validateXml(xml, { forPublish }).then(
    ({ problems }) => postMessage({ id, problems } satisfies ValidationResponse),
    (error: unknown) => postMessage({ id, problems: [], failed: String(error) } satisfies ValidationResponse),
  );
});
