/**
 * The case list: every case a user may see, by filters, in one of four sort orders, keyset-paged.
 * Who may see a case is the same rule as canSeeCase (auth/policy), written as SQL so a page never
 * needs a check per row.
 */
import { type CaseListStatus, type CaseSort, DUE_SOON_DAYS, type SlaState } from "@alur/shared/api";
import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
import type { Db } from "./db";
import { escapeLike } from "./like";

/** Who is reading: the parts of the principal that decide which cases are visible. */
export interface CaseListReader {
  userId: string;
  district: string | null;
  roles: string[];
  /** Super admin: every district. */
  seesAllDistricts: boolean;
  /** Heads and the district admin: every case of their district. */
  seesWholeDistrict: boolean;
}

export interface CaseListFilter {
  service?: string;
  version?: number;
  district?: string;
  statuses: CaseListStatus[];
  step?: string;
  sla: SlaState[];
  receivedFrom?: Date;
  /** Exclusive. */
  receivedBefore?: Date;
  closedFrom?: Date;
  closedBefore?: Date;
  nik?: string;
  name?: string;
  caseNumber?: string;
  sort: CaseSort;
  order: "asc" | "desc";
  limit: number;
  cursor?: string;
  /** The instant SLA states are measured at. */
  now: Date;
}

export interface CaseListRow {
  id: string;
  case_number: string;
  district: string;
  process_id: string;
  service_name: string;
  version: number;
  status: string;
  paused_since: Date | null;
  applicant_name: string | null;
  applicant_nik: string | null;
  due_at: Date | null;
  started_at: Date;
  ended_at: Date | null;
  /** The plan's personal-data rules (`plan.privacy`), for the handler to apply. */
  privacy: unknown;
  sort_key: Date | string;
}

const INFINITY = "infinity";
const DAY_MS = 86_400_000;

/** The sort key of each order: null dates sort as infinity so keyset comparisons stay total. */
function sortKey(sort: CaseSort): RawBuilder<Date | string> {
  switch (sort) {
    case "received":
      return sql<Date>`c.started_at`;
    case "closed":
      return sql<Date>`coalesce(c.ended_at, 'infinity'::timestamptz)`;
    case "due":
      return sql<Date>`coalesce(c.due_at, 'infinity'::timestamptz)`;
    case "case-number":
      return sql<string>`c.case_number`;
  }
}

/** Opaque cursor: the sort, the sort key and id of the last row of a page. */
function encodeCaseCursor(sort: CaseSort, row: { sort_key: Date | string; id: string }): string {
  const key =
    sort === "case-number"
      ? String(row.sort_key)
      : isFiniteDate(row.sort_key)
        ? new Date(row.sort_key).toISOString()
        : INFINITY;
  return Buffer.from(JSON.stringify([sort, key, row.id])).toString("base64url");
}

function isFiniteDate(value: Date | string): boolean {
  return !Number.isNaN(new Date(value).getTime());
}

/** The decoded cursor, or undefined if it is malformed or from another sort order. */
function decodeCaseCursor(sort: CaseSort, cursor: string): { key: string; id: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 3) return undefined;
    const [s, key, id] = value as unknown[];
    if (s !== sort || typeof key !== "string" || typeof id !== "string") return undefined;
    // Only what encodeCaseCursor writes, so PostgreSQL never sees a date it rejects.
    if (sort !== "case-number" && key !== INFINITY && !isIsoInstant(key)) return undefined;
    return { key, id };
  } catch {
    return undefined;
  }
}

function isIsoInstant(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text)) return false;
  const time = Date.parse(text);
  return !Number.isNaN(time) && new Date(time).toISOString() === text;
}

/** True when the case's service lets one of `roles` read the applicant field `field`. */
function mayRead(field: string, roles: string[]): Expression<SqlBool> {
  const fieldRoles = sql`v.plan -> 'privacy' -> 'fields' -> ${field}`;
  return roles.length > 0
    ? sql<SqlBool>`(${fieldRoles} IS NULL OR ${fieldRoles} ?| array[${sql.join(roles)}]::text[])`
    : sql<SqlBool>`${fieldRoles} IS NULL`;
}

/** The SLA state of a case at `now`, by the rule the filter uses (null: closed or no due date). */
export function slaStateOf(
  row: { status: string; paused_since: Date | null; due_at: Date | null },
  now: Date,
): SlaState | null {
  if (row.status !== "active" && row.status !== "incident") return null;
  if (row.paused_since) return "paused";
  if (!row.due_at) return null;
  const due = new Date(row.due_at).getTime();
  if (due < now.getTime()) return "overdue";
  if (due < now.getTime() + DUE_SOON_DAYS * DAY_MS) return "due-soon";
  return "on-time";
}

/** The list status of a case: `waiting` for an active case whose clock waits on the applicant. */
export function listStatusOf(row: { status: string; paused_since: Date | null }): CaseListStatus {
  if (row.status === "active" && row.paused_since) return "waiting";
  return row.status as CaseListStatus;
}

function statusCondition(status: CaseListStatus): Expression<SqlBool> {
  switch (status) {
    case "active":
      return sql<SqlBool>`(c.status = 'active' AND c.paused_since IS NULL)`;
    case "waiting":
      return sql<SqlBool>`(c.status = 'active' AND c.paused_since IS NOT NULL)`;
    default:
      return sql<SqlBool>`c.status = ${status}`;
  }
}

function slaCondition(sla: SlaState, now: Date): Expression<SqlBool> {
  const open = sql`c.status IN ('active', 'incident')`;
  const soon = new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS);
  switch (sla) {
    case "paused":
      return sql<SqlBool>`(${open} AND c.paused_since IS NOT NULL)`;
    case "overdue":
      return sql<SqlBool>`(${open} AND c.paused_since IS NULL AND c.due_at < ${now})`;
    case "due-soon":
      return sql<SqlBool>`(${open} AND c.paused_since IS NULL AND c.due_at >= ${now} AND c.due_at < ${soon})`;
    case "on-time":
      return sql<SqlBool>`(${open} AND c.paused_since IS NULL AND c.due_at >= ${soon})`;
  }
}

/** One page of the case list plus the cursor of the next page (null at the end). */
export async function queryCaseList(
  db: Db,
  reader: CaseListReader,
  filter: CaseListFilter,
): Promise<{ rows: CaseListRow[]; nextCursor: string | null }> {
  if (!reader.seesAllDistricts && reader.district === null) return { rows: [], nextCursor: null };
  const district = reader.seesAllDistricts ? filter.district : reader.district!;
  if (!reader.seesAllDistricts && filter.district && filter.district !== reader.district) {
    return { rows: [], nextCursor: null };
  }
  const key = sortKey(filter.sort);
  let q = db
    .selectFrom("cases as c")
    .innerJoin("process_versions as v", "v.id", "c.process_version_id")
    .select([
      "c.id",
      "c.case_number",
      "c.district",
      "c.process_id",
      "v.name as service_name",
      "v.version",
      "c.status",
      "c.paused_since",
      sql<string | null>`c.applicant->>'name'`.as("applicant_name"),
      "c.applicant_nik",
      "c.due_at",
      "c.started_at",
      "c.ended_at",
      sql<unknown>`v.plan->'privacy'`.as("privacy"),
      key.as("sort_key"),
    ]);
  if (district !== undefined) q = q.where("c.district", "=", district);
  if (!reader.seesAllDistricts && !reader.seesWholeDistrict) {
    // canSeeCase: staff who started the case or have (had) a part in one of its tasks.
    const me = reader.userId;
    const byRole = reader.roles.length > 0 ? sql`OR c.viewer_roles && array[${sql.join(reader.roles)}]::text[]` : sql``;
    q = q.where(sql<SqlBool>`(c.created_by = ${me} OR c.viewer_users @> array[${me}]::text[] ${byRole})`);
  }
  if (filter.service) q = q.where("c.process_id", "=", filter.service);
  if (filter.version !== undefined) q = q.where("v.version", "=", filter.version);
  if (filter.statuses.length > 0) q = q.where((eb) => eb.or(filter.statuses.map(statusCondition)));
  if (filter.sla.length > 0) q = q.where((eb) => eb.or(filter.sla.map((s) => slaCondition(s, filter.now))));
  if (filter.step) {
    q = q.where(
      sql<SqlBool>`EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.element_id = ${filter.step}
        AND t.status IN ('open', 'claimed'))`,
    );
  }
  if (filter.receivedFrom) q = q.where("c.started_at", ">=", filter.receivedFrom);
  if (filter.receivedBefore) q = q.where("c.started_at", "<", filter.receivedBefore);
  // On the closing-date sort key, so the index that sorts by it also bounds the range.
  const closedKey = sql<Date>`coalesce(c.ended_at, 'infinity'::timestamptz)`;
  if (filter.closedFrom) q = q.where(closedKey, ">=", filter.closedFrom).where("c.ended_at", "is not", null);
  if (filter.closedBefore) q = q.where(closedKey, "<", filter.closedBefore);
  // A restricted name or NIK is no search key for roles that may not see it: a match would tell
  // them whose case it is.
  if (filter.nik) q = q.where("c.applicant_nik", "=", filter.nik).where(mayRead("nik", reader.roles));
  if (filter.name) {
    q = q
      .where("c.applicant_name_key", "like", `${escapeLike(filter.name.toLowerCase())}%`)
      .where(mayRead("name", reader.roles));
  }
  if (filter.caseNumber) {
    q = q.where(sql<string>`upper(c.case_number)`, "like", `${escapeLike(filter.caseNumber.toUpperCase())}%`);
  }
  if (filter.cursor) {
    const cursor = decodeCaseCursor(filter.sort, filter.cursor);
    if (cursor) {
      const value = filter.sort === "case-number" ? sql`${cursor.key}` : sql`${cursor.key}::timestamptz`;
      const op = filter.order === "asc" ? sql`>` : sql`<`;
      q = q.where(sql<SqlBool>`(${key}, c.id) ${op} (${value}, ${cursor.id})`);
    }
  }
  const rows = (await q
    .orderBy(key, filter.order)
    .orderBy("c.id", filter.order)
    .limit(filter.limit + 1)
    .execute()) as CaseListRow[];
  const hasMore = rows.length > filter.limit;
  const page = hasMore ? rows.slice(0, filter.limit) : rows;
  const last = page.at(-1);
  return { rows: page, nextCursor: hasMore && last ? encodeCaseCursor(filter.sort, last) : null };
}

/** The open steps of each of these cases, by case id. */
export async function openStepsOf(
  db: Db,
  caseIds: string[],
): Promise<Map<string, { elementId: string; name: string | null }[]>> {
  const steps = new Map<string, { elementId: string; name: string | null }[]>();
  if (caseIds.length === 0) return steps;
  const rows = await db
    .selectFrom("tasks")
    .select(["case_id", "element_id", "name"])
    .where("case_id", "in", caseIds)
    .where("status", "in", ["open", "claimed"])
    .orderBy("created_at")
    .execute();
  for (const r of rows) {
    const list = steps.get(r.case_id) ?? [];
    list.push({ elementId: r.element_id, name: r.name });
    steps.set(r.case_id, list);
  }
  return steps;
}
