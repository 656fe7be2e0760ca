/**
 * The requirement documents (Persyaratan) declared in a model's alur:serviceStandard, read with the
 * browser's DOMParser so the staff pages need not load bpmn-moddle.
 */
import { DEFAULT_FILE_TYPES } from "@alur/shared/standard";

const ALUR_NS = "https://alur.id/schema/bpmn/1.0";

export type RequirementInfo = {
  id: string;
  name: string;
  mandatory: boolean;
  fileTypes: string[];
  maxSizeMb?: number | undefined;
};

/** Lists the requirements of a BPMN document; an unreadable document has none. */
export function requirementsOf(xml: string): RequirementInfo[] {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  if (doc.getElementsByTagName("parsererror").length > 0) return [];
  return Array.from(doc.getElementsByTagNameNS(ALUR_NS, "requirement")).flatMap((el) => {
    const id = el.getAttribute("id");
    if (!id) return [];
    const types = el.getAttribute("fileTypes");
    const size = Number(el.getAttribute("maxSizeMb"));
    return [
      {
        id,
        name: el.getAttribute("name") ?? id,
        mandatory: el.getAttribute("mandatory") !== "false",
        fileTypes: types
          ? types.split(",").map((s) => s.trim().toLowerCase().replace(/^\./, ""))
          : [...DEFAULT_FILE_TYPES],
        maxSizeMb: size > 0 ? size : undefined,
      },
    ];
  });
}
