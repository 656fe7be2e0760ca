/** The case list (Daftar Permohonan) and the user's saved filters. */
import { type CaseFilter, CaseListPage, type CaseListQuery, SavedCaseFilters } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { query, request } from "../http";
import { paths } from "../paths";

export type CaseListParams = CaseFilter & Partial<Pick<CaseListQuery, "sort" | "order" | "limit" | "cursor">>;

export const caseListKeys = {
  all: ["case-list"] as const,
  page: (params: CaseListParams) => ["case-list", "page", params] as const,
  filters: ["case-list", "filters"] as const,
};

export const caseListQuery = (params: CaseListParams) =>
  queryOptions({
    queryKey: caseListKeys.page(params),
    queryFn: ({ signal }) => request(CaseListPage, `${paths.cases}${query({ ...params })}`, { signal }),
    placeholderData: (previous) => previous,
  });

export const savedCaseFiltersQuery = () =>
  queryOptions({
    queryKey: caseListKeys.filters,
    queryFn: ({ signal }) => request(SavedCaseFilters, paths.caseFilters, { signal }),
  });

/** The export's address for these filters (a plain download: same origin, the session cookie). */
export function caseExportHref(filter: CaseFilter & Pick<CaseListParams, "sort" | "order">, format: "csv" | "xlsx") {
  return `${paths.caseExport}${query({ ...filter, format })}`;
}
