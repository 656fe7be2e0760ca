/**
 * The performance reports' reads: rollups kept by triggers (migration 0019), never a scan of the
 * cases. Only open cases by SLA state are counted from the rows themselves, from an index over
 * the open cases alone, because the state depends on the instant of the question.
 */
import { DUE_SOON_DAYS } from "@alur/shared/api";
import { type SqlBool, sql } from "kysely";
import type { Db } from "./db";

const DAY_MS = 86_400_000;

export interface ReportScope {
  /** null: every district (the super admin's national view). */
  district: string | null;
  processId?: string;
  /** First and last month, YYYY-MM, both inclusive. */
  from: string;
  to: string;
}

export interface CaseRollupRow {
  process_id: string;
  month: string;
  completed: number;
  cancelled: number;
  terminated: number;
  with_due: number;
  on_time: number;
  duration_s: number;
  paused_s: number;
  histogram: number[];
}

export interface StepRollupRow {
  process_id: string;
  element_id: string;
  completed: number;
  with_due: number;
  on_time: number;
  duration_s: number;
  paused: number;
  paused_s: number;
  histogram: number[];
}

export interface OpenCountRow {
  process_id: string;
  on_time: number;
  due_soon: number;
  overdue: number;
  paused: number;
  no_due: number;
  total: number;
}

const monthStart = (month: string) => `${month}-01`;

/** Closed-case rollups per service and month (versions summed) in the scope. */
export async function caseRollupsIn(db: Db, scope: ReportScope): Promise<CaseRollupRow[]> {
  let q = db
    .selectFrom("report_case_rollups")
    .select([
      "process_id",
      sql<string>`to_char(month, 'YYYY-MM')`.as("month"),
      "completed",
      "cancelled",
      "terminated",
      "with_due",
      "on_time",
      "duration_s",
      "paused_s",
      "histogram",
    ])
    .where(sql<SqlBool>`month BETWEEN ${monthStart(scope.from)}::date AND ${monthStart(scope.to)}::date`);
  if (scope.district !== null) q = q.where("district", "=", scope.district);
  if (scope.processId) q = q.where("process_id", "=", scope.processId);
  return (await q.execute()).map((r) => ({ ...r, duration_s: Number(r.duration_s), paused_s: Number(r.paused_s) }));
}

/** Step rollups per service and element (versions and months summed in SQL) in the scope. */
export async function stepRollupsIn(db: Db, scope: ReportScope): Promise<StepRollupRow[]> {
  // Histograms are summed element-wise by the caller: rows per step and month are few.
  let q = db
    .selectFrom("report_step_rollups")
    .select([
      "process_id",
      "element_id",
      "completed",
      "with_due",
      "on_time",
      "duration_s",
      "paused",
      "paused_s",
      "histogram",
    ])
    .where(sql<SqlBool>`month BETWEEN ${monthStart(scope.from)}::date AND ${monthStart(scope.to)}::date`);
  if (scope.district !== null) q = q.where("district", "=", scope.district);
  if (scope.processId) q = q.where("process_id", "=", scope.processId);
  return (await q.execute()).map((r) => ({ ...r, duration_s: Number(r.duration_s), paused_s: Number(r.paused_s) }));
}

/** Open cases per service by SLA state at `now`, by the rule of the case list (slaStateOf). */
export async function openCaseCounts(
  db: Db,
  input: { district: string | null; processId?: string; now: Date },
): Promise<OpenCountRow[]> {
  const now = input.now;
  const soon = new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS);
  const running = sql`paused_since IS NULL`;
  let q = db
    .selectFrom("cases")
    .select([
      "process_id",
      sql<number>`count(*) FILTER (WHERE ${running} AND due_at >= ${soon})::int`.as("on_time"),
      sql<number>`count(*) FILTER (WHERE ${running} AND due_at >= ${now} AND due_at < ${soon})::int`.as("due_soon"),
      sql<number>`count(*) FILTER (WHERE ${running} AND due_at < ${now})::int`.as("overdue"),
      sql<number>`count(*) FILTER (WHERE paused_since IS NOT NULL)::int`.as("paused"),
      sql<number>`count(*) FILTER (WHERE ${running} AND due_at IS NULL)::int`.as("no_due"),
      sql<number>`count(*)::int`.as("total"),
    ])
    .where("status", "in", ["active", "incident"]);
  if (input.district !== null) q = q.where("district", "=", input.district);
  if (input.processId) q = q.where("process_id", "=", input.processId);
  return q.groupBy("process_id").execute();
}

export interface ServiceVersionInfo {
  process_id: string;
  version: number;
  name: string;
  /** Element names by id (flow nodes of the plan). */
  names: Record<string, string>;
}

/**
 * The newest version of each service the district runs (its own variant before the template);
 * for every district (null), the template before any variant.
 */
export async function newestVersions(
  db: Db,
  district: string | null,
  processIds: string[],
): Promise<ServiceVersionInfo[]> {
  if (processIds.length === 0) return [];
  const rows = await db
    .selectFrom("process_versions")
    .select([
      "process_id",
      "version",
      "name",
      sql<Record<string, string> | null>`(SELECT jsonb_object_agg(n.key, n.value->>'name')
        FROM jsonb_each(plan->'nodes') n WHERE n.value ? 'name')`.as("names"),
    ])
    .distinctOn("process_id")
    .where("process_id", "in", processIds)
    .where((eb) =>
      district === null ? eb.val(true) : eb.or([eb("district", "=", district), eb("district", "is", null)]),
    )
    .orderBy("process_id")
    .orderBy(district === null ? sql`district IS NOT NULL` : sql`district IS NULL`)
    .orderBy("version", "desc")
    .execute();
  return rows.map((r) => ({ ...r, names: r.names ?? {} }));
}

/** The diagram of a service's newest version for the district, or undefined. */
export async function newestDiagram(
  db: Db,
  district: string | null,
  processId: string,
): Promise<{ version: number; bpmn_xml: string } | undefined> {
  return db
    .selectFrom("process_versions")
    .select(["version", "bpmn_xml"])
    .where("process_id", "=", processId)
    .where((eb) =>
      district === null ? eb.val(true) : eb.or([eb("district", "=", district), eb("district", "is", null)]),
    )
    .orderBy(district === null ? sql`district IS NOT NULL` : sql`district IS NULL`)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Recomputes every rollup from the base tables (after a restore, or as a check). */
export async function rebuildReportRollups(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SELECT report_rollups_rebuild()`.execute(trx);
  });
}
