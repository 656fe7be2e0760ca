/**
 * Service and send tasks (and message throw events with a task definition) run a job. The
 * runtime's own connectors run in Alur; Camunda connectors Alur lacks are refused; any other type
 * is an external job a worker must serve through the job API, named in a warning so the admin
 * knows a worker is needed before cases reach it.
 */
import { BUILT_IN_CONNECTORS, isBuiltInConnector, isCamundaConnector } from "../../connectors";
import { extension, isA, str } from "../moddle-element";
import { problem } from "../problem";
import { allElements, type Rule } from "./rule";

export const KNOWN_CONNECTORS = BUILT_IN_CONNECTORS;

const AVAILABLE = BUILT_IN_CONNECTORS.join(", ");

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
            id: `"${element.id}" tidak menentukan jenis konektor atau pekerjaan (${AVAILABLE}, atau jenis pekerjaan eksternal).`,
            en: `"${element.id}" names no connector or job type (${AVAILABLE}, or an external job type).`,
          }),
        ];
      }
      if (isBuiltInConnector(type)) return [];
      if (isCamundaConnector(type)) {
        return [
          problem(element.id, "error", this.code, {
            id: `Konektor Camunda "${type}" tidak tersedia di Alur; yang tersedia: ${AVAILABLE}.`,
            en: `Camunda connector "${type}" is not available in Alur; available: ${AVAILABLE}.`,
          }),
        ];
      }
      return [
        problem(element.id, "warning", "external-job-type", {
          id: `"${element.id}" adalah pekerjaan eksternal berjenis "${type}": pekerja (job worker) dengan kredensial untuk jenis ini harus melayaninya lewat API pekerjaan, jika tidak perkara berhenti sebagai insiden.`,
          en: `"${element.id}" is an external job of type "${type}": a job worker with a credential for this type must serve it through the job API, otherwise the case stops with an incident.`,
        }),
      ];
    });
  },
};
