import { PerformanceCsvQuery, PerformanceReport, PerformanceReportQuery } from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonResponse, SECURITY } from "../openapi";

const DESCRIPTION =
  "Read from rollups the store keeps as cases and tasks close (no scan of the cases): on-time share, mean and p90 duration per service, month (WIB) and step, pause against working time, open cases by SLA state now, and for one service a heat map of its diagram. Heads of division and of office and district admins of the district; a super admin names the district. Audited.";

export const performanceReport = createRoute({
  method: "get",
  path: "/reports/performance",
  tags: ["reports"],
  summary: "Performance of a district's services over a period of months",
  description: DESCRIPTION,
  security: SECURITY,
  request: { query: PerformanceReportQuery },
  responses: { 200: jsonResponse(PerformanceReport, "The report"), ...errors(400, 401, 403) },
});

export const performanceCsv = createRoute({
  method: "get",
  path: "/reports/performance/csv",
  tags: ["reports"],
  summary: "One section of the performance report as CSV (services, months, steps or open cases)",
  description: DESCRIPTION,
  security: SECURITY,
  request: { query: PerformanceCsvQuery },
  responses: {
    200: { description: "The file", content: { "text/csv": { schema: z.string() } } },
    ...errors(400, 401, 403),
  },
});
