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
            id: `belum dipilih penghubungnya (${AVAILABLE}) atau kode tugas untuk aplikasi lain.`,
            en: `no connector (${AVAILABLE}) or job code for another application is chosen.`,
          }),
        ];
      }
      if (isBuiltInConnector(type)) return [];
      if (isCamundaConnector(type)) {
        return [
          problem(element.id, "error", this.code, {
            id: `penghubung Camunda "${type}" tidak tersedia di Alur; yang tersedia: ${AVAILABLE}.`,
            en: `Camunda connector "${type}" is not available in Alur; available: ${AVAILABLE}.`,
          }),
        ];
      }
      return [
        problem(element.id, "warning", "external-job-type", {
          id: `dikerjakan oleh aplikasi lain dengan kode tugas "${type}": aplikasi itu harus mengambilnya lewat API tugas Alur dengan kredensial untuk kode ini; jika tidak, perkara berhenti sebagai insiden.`,
          en: `is done by another application under job code "${type}": that application must fetch it through Alur's job API with a credential for this code, otherwise the case stops with an incident.`,
        }),
      ];
    });
  },
};
