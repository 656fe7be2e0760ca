/**
 * A service standard has 14 components (Permenpan RB 15/2014); each one the model lacks is
 * reported, a warning while drafting. Component 3, the procedure, is derived from the model: it is
 * present when the process has a step (typed alur:procedureStep text neither counts nor is needed).
 * For publishing, a standard needs at least one component written: an empty one gets errors
 * saying what to fill in. A process with no standard at all publishes as an internal process,
 * with a warning (processes from Camunda Modeler, called steps). A standard that has some components keeps the
 * missing ones as warnings, for publishing too: the real decrees are silent on some (completion
 * time "depends on the completeness of the file", templates leaving district details to variants)
 * and Alur reports such a gap, never invents the text.
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
    return context.processes.flatMap(({ process, elements }) => {
      if (!extension(process, "alur:ServiceStandard")) {
        // No standard at all: an internal process (a called step, an integration from Camunda
        // Modeler), not a public service; it publishes, and the admin is told what it lacks.
        if (!context.options.forPublish || process.isExecutable !== true) return [];
        return [
          problem(process.id, "warning", this.code, {
            id: "Proses tidak memiliki standar pelayanan (alur:serviceStandard): diterbitkan sebagai proses internal, tanpa halaman Standar Pelayanan. Layanan publik wajib memilikinya (Permenpan RB 15/2014).",
            en: "The process has no service standard (alur:serviceStandard): it is published as an internal process, without a service standard page. A public service must have one (Permenpan RB 15/2014).",
          }),
        ];
      }
      // An unreadable standard is reported by the compiler as service-standard-invalid.
      const { standard } = readServiceStandard(process);
      if (!standard) return [];
      const hasSteps = elements.some(({ element }) => isStep(element));
      const written = (key: (typeof STANDARD_COMPONENTS)[number]) => {
        const value = standard[key];
        return !(value === undefined || (Array.isArray(value) && value.length === 0));
      };
      const missing = STANDARD_COMPONENTS.filter((key) => (key === "procedure" ? !hasSteps : !written(key)));
      const empty = !STANDARD_COMPONENTS.some(written);
      const severity = context.options.forPublish && empty ? "error" : "warning";
      const required = severity === "error";
      return missing.map((key) =>
        problem(process.id, severity, this.code, {
          id: `Komponen standar pelayanan "${NAMES[key][0]}" belum diisi${required ? "; standar pelayanan wajib diisi untuk publikasi" : ""}.`,
          en: `Service standard component "${NAMES[key][1]}" is missing${required ? "; publishing requires a service standard" : ""}.`,
        }),
      );
    });
  },
};

/** The flow nodes the derived procedure lists (derive-standard.ts). */
function isStep(element: Parameters<typeof isA>[0]): boolean {
  return isA(element, "bpmn:Activity") || isA(element, "bpmn:IntermediateCatchEvent");
}
