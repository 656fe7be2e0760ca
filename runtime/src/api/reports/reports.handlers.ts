/**
 * Performance reports for heads (kepala bidang, kepala dinas) and the district admin: figures
 * from the rollups of migration 0019, assembled by src/reports. Every read is audited.
 */
import type { PerformanceReport, PerformanceReportQuery } from "@alur/shared/api";
import type { RouteHandler } from "@hono/zod-openapi";
import { canSuperviseCase } from "../../auth/policy";
import { readPerformanceReport, reportCsv } from "../../reports";
import { audit } from "../audit-trail";
import type { AppContext, AppEnv } from "../context";
import { authorize, requirePrincipal } from "../middleware";
import type * as routes from "./reports.routes";

async function buildReport(c: AppContext, q: PerformanceReportQuery, action: string): Promise<PerformanceReport> {
  const p = requirePrincipal(c);
  // staff read their own district; only the super admin names one, or reads every district
  const district = p.isSuperAdmin ? (q.district ?? p.district) : p.district;
  await authorize(c, p.isSuperAdmin || (district !== null && canSuperviseCase(p, district)), action, {
    type: "report",
    district,
  });
  const db = c.get("deps").db;
  const report = await readPerformanceReport(db, {
    district,
    from: q.from,
    to: q.to,
    at: new Date(),
    ...(q.processId ? { processId: q.processId } : {}),
  });
  await audit(c, db, {
    action,
    outcome: "ok",
    resourceType: "report",
    resourceId: null,
    district,
    details: { processId: q.processId ?? null, from: q.from, to: q.to },
  });
  return report;
}

export const performanceReport: RouteHandler<typeof routes.performanceReport, AppEnv> = async (c) => {
  const report = await buildReport(c, c.req.valid("query"), "report.performance");
  c.header("cache-control", "no-store");
  return c.json(report, 200);
};

export const performanceCsv: RouteHandler<typeof routes.performanceCsv, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const report = await buildReport(c, q, "report.export");
  const service = q.processId ? `-${q.processId}` : "";
  c.header("cache-control", "no-store");
  c.header("content-type", "text/csv; charset=utf-8");
  c.header("content-disposition", `attachment; filename="laporan-${q.section}${service}-${q.from}-${q.to}.csv"`);
  return c.body(reportCsv(report, q.section), 200) as never;
};
