/** Groups deployed versions into catalogue rows: one per process and district. */
import type { ProcessVersionView } from "@alur/shared/api";

export type CatalogueRow = {
  processId: string;
  district: string | null;
  name: string;
  /** A national/provincial template has no district; a district's own service derives from no template. */
  kind: "template" | "variant" | "district";
  published: ProcessVersionView | null;
  draft: ProcessVersionView | null;
  versions: ProcessVersionView[];
};

/** One row per (process, district), newest version first, sorted by name. */
export function groupCatalogue(items: ProcessVersionView[]): CatalogueRow[] {
  const rows = new Map<string, CatalogueRow>();
  for (const v of items) {
    const key = `${v.processId}@${v.district ?? ""}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        processId: v.processId,
        district: v.district,
        name: v.name,
        kind: v.district ? (v.template ? "variant" : "district") : "template",
        published: null,
        draft: null,
        versions: [],
      };
      rows.set(key, row);
    }
    row.versions.push(v);
  }
  for (const row of rows.values()) {
    row.versions.sort((a, b) => b.version - a.version);
    // a variant derives from a template (marked so, or sharing a template's process id); a
    // district's own new service is no variant of anything
    if (row.kind === "district" && (row.versions.some((v) => v.template) || rows.has(`${row.processId}@`)))
      row.kind = "variant";
    row.published = row.versions.find((v) => v.status === "published") ?? null;
    const newest = row.versions[0];
    row.draft = newest && newest.status === "draft" ? newest : null;
    row.name = (row.published ?? newest)?.name ?? row.processId;
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind));
}
