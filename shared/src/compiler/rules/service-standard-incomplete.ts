/**
 * Publishing a service requires all 14 components of its standard (Permenpan RB 15/2014). While
 * drafting, missing components are warnings; with `forPublish` they are errors. Component 3, the
 * procedure, is derived from the model: it is present when the process has a step (typed
 * alur:procedureStep text neither counts nor is needed).
 */
import { STANDARD_COMPONENTS } from "../../schemas";
import { extension, isA } from "../moddle-element";
import { problem } from "../problem";
import { readServiceStandard } from "../service-standard";
import type { Rule } from "./rule";

const NAMES: Record<(typeof STANDARD_COMPONENTS)[number], [string, string]> = {
  legalBasis: ["Dasar hukum", "Legal basis"],
  requirements: ["Persyaratan", "Requirements"],
  procedure: ["Sistem, mekanisme dan prosedur", "Procedure"],
  completionTime: ["Jangka waktu penyelesaian", "Completion time"],
  fee: ["Biaya/tarif", "Fee"],
  products: ["Produk pelayanan", "Service product"],
  complaints: ["Penanganan pengaduan, saran dan masukan", "Complaint handling"],
  facilities: ["Sarana dan prasarana", "Facilities"],
  competence: ["Kompetensi pelaksana", "Staff competence"],
  supervision: ["Pengawasan internal", "Internal supervision"],
  staffCount: ["Jumlah pelaksana", "Staff count"],
  serviceGuarantee: ["Jaminan pelayanan", "Service guarantee"],
  safetyGuarantee: ["Jaminan keamanan dan keselamatan pelayanan", "Safety guarantee"],
  evaluation: ["Evaluasi kinerja pelaksana", "Performance evaluation"],
};

export const serviceStandardIncomplete: Rule = {
  code: "service-standard-incomplete",
  check(context) {
    const severity = context.options.forPublish ? "error" : "warning";
    return context.processes.flatMap(({ process, elements }) => {
      if (!extension(process, "alur:ServiceStandard")) {
        if (!context.options.forPublish || process.isExecutable !== true) return [];
        return [
          problem(process.id, "error", this.code, {
            id: "Proses belum memiliki standar pelayanan (alur:serviceStandard); wajib untuk publikasi.",
            en: "The process has no service standard (alur:serviceStandard); publishing requires one.",
          }),
        ];
      }
      // An unreadable standard is reported by the compiler as service-standard-invalid.
      const { standard } = readServiceStandard(process);
      if (!standard) return [];
      const hasSteps = elements.some(({ element }) => isStep(element));
      return STANDARD_COMPONENTS.filter((key) => {
        if (key === "procedure") return !hasSteps;
        const value = standard[key];
        return value === undefined || (Array.isArray(value) && value.length === 0);
      }).map((key) =>
        problem(process.id, severity, this.code, {
          id: `Komponen standar pelayanan "${NAMES[key][0]}" belum diisi${context.options.forPublish ? "; wajib untuk publikasi" : ""}.`,
          en: `Service standard component "${NAMES[key][1]}" is missing${context.options.forPublish ? "; publishing requires it" : ""}.`,
        }),
      );
    });
  },
};

/** The flow nodes the derived procedure lists (derive-standard.ts). */
function isStep(element: Parameters<typeof isA>[0]): boolean {
  return isA(element, "bpmn:Activity") || isA(element, "bpmn:IntermediateCatchEvent");
}
