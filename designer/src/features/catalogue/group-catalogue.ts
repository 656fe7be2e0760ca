/** Groups deployed versions into catalogue rows: one per process and district. */
import type { ProcessVersionView } from "@alur/shared/api";

export type CatalogueRow = {
  processId: string;
  district: string | null;
  name: string;
  /** A national/provincial template has no district. */
  kind: "template" | "variant";
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
        kind: v.district ? "variant" : "template",
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
    row.published = row.versions.find((v) => v.status === "published") ?? null;
    const newest = row.versions[0];
    row.draft = newest && newest.status === "draft" ? newest : null;
    row.name = (row.published ?? newest)?.name ?? row.processId;
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind));
}
