/** The case-list filter as the page keeps it: in the address, read back through the shared schema. */
import { CaseFilter } from "@alur/shared/api";

const KEYS = Object.keys(CaseFilter.shape) as (keyof CaseFilter)[];

/** The filter in these search params; a value the schema refuses is left out, not sent to fail. */
export function filterFromParams(params: URLSearchParams): CaseFilter {
  const filter: Record<string, unknown> = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value === null || value === "") continue;
    const parsed = CaseFilter.shape[key].safeParse(value);
    if (parsed.success) filter[key] = parsed.data;
  }
  return filter as CaseFilter;
}

/**
 * The one search box: 16 digits are a NIK (exact), text with a slash a case number (prefix),
 * anything else an applicant name (prefix). The other two keys are cleared.
 */
export function searchFilter(text: string): Pick<CaseFilter, "nik" | "caseNumber" | "name"> {
  const q = text.trim();
  if (/^\d{16}$/.test(q)) return { nik: q, caseNumber: undefined, name: undefined };
  if (q.includes("/")) return { nik: undefined, caseNumber: q, name: undefined };
  return { nik: undefined, caseNumber: undefined, name: q.length >= 2 ? q : undefined };
}

/** What the search box shows for a filter. */
export function searchText(filter: CaseFilter): string {
  return filter.nik ?? filter.caseNumber ?? filter.name ?? "";
}
