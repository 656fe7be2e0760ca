/** The performance report for heads and the district admin, and its CSV sections' addresses. */
import { PerformanceReport, type PerformanceReportQuery, type ReportCsvSection } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { query, request } from "../http";
import { paths } from "../paths";

export const performanceReportQuery = (q: PerformanceReportQuery) =>
  queryOptions({
    queryKey: ["reports", "performance", q] as const,
    queryFn: ({ signal }) => request(PerformanceReport, `${paths.performanceReport}${query(q)}`, { signal }),
  });

/** A CSV section's address (a plain download: same origin, the session cookie). */
export function performanceCsvHref(q: PerformanceReportQuery, section: ReportCsvSection): string {
  return `${paths.performanceCsv}${query({ ...q, section })}`;
}
