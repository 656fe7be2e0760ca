/**
 * The documents a task checks (alur:task documents) are requirements of the service standard;
 * an id the standard does not list is most likely a typo. A warning while drafting; for publishing
 * an error, because no applicant can hand in that document (uploads must name a requirement of the
 * standard), so a check waiting for it could never be complete.
 */
import { alurTaskOf } from "../alur-task";
import { children, extension, str } from "../moddle-element";
import { problem } from "../problem";
import type { Rule } from "./rule";

export const unknownDocument: Rule = {
  code: "unknown-document",
  check(context) {
    return context.processes.flatMap(({ process, elements }) => {
      const standard = extension(process, "alur:ServiceStandard");
      // Without a standard there is nothing to check against (service-standard-incomplete says so).
      if (!standard) return [];
      const known = new Set(children(standard, "requirements").map((r) => str(r, "id")));
      return elements.flatMap(({ element }) =>
        alurTaskOf(element)
          .documents.filter((id) => !known.has(id))
          .map((id) =>
            problem(element.id, context.options.forPublish ? "error" : "warning", this.code, {
              id: `Dokumen "${id}" yang diperiksa di langkah ini tidak ada dalam persyaratan standar pelayanan.`,
              en: `Document "${id}" checked in this step is not a requirement of the service standard.`,
            }),
          ),
      );
    });
  },
};
