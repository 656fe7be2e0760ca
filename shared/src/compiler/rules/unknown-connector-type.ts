/** Service and send tasks run connectors; only the ones the runtime provides may be named. */
import { extension, isA, str } from "../moddle-element";
import { problem } from "../problem";
import { allElements, type Rule } from "./rule";

/** Connector types the runtime implements; the last is Camunda's REST connector, run as Alur's http. */
export const KNOWN_CONNECTORS = ["http", "notify", "document", "io.camunda:http-json:1"] as const;

export const unknownConnectorType: Rule = {
  code: "unknown-connector-type",
  check(context) {
    return allElements(context).flatMap((element) => {
      const definition = extension(element, "zeebe:TaskDefinition");
      const needsConnector = element.$type === "bpmn:ServiceTask" || element.$type === "bpmn:SendTask";
      if (!needsConnector && !(definition && isA(element, "bpmn:Event"))) return [];
      const type = str(definition, "type")?.trim();
      if (!type) {
        return [
          problem(element.id, "error", this.code, {
            id: `"${element.id}" tidak menentukan jenis konektor (${KNOWN_CONNECTORS.join(", ")}).`,
            en: `"${element.id}" names no connector type (${KNOWN_CONNECTORS.join(", ")}).`,
          }),
        ];
      }
      if ((KNOWN_CONNECTORS as readonly string[]).includes(type)) return [];
      return [
        problem(element.id, "error", this.code, {
          id: `Jenis konektor "${type}" tidak dikenal; yang tersedia: ${KNOWN_CONNECTORS.join(", ")}.`,
          en: `Unknown connector type "${type}"; available: ${KNOWN_CONNECTORS.join(", ")}.`,
        }),
      ];
    });
  },
};
