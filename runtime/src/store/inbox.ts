/** The inbox query: tasks by scope and filters, sorted by due date (none last), keyset-paged. */
import { sql } from "kysely";
import type { Db } from "./db";
import { escapeLike } from "./like";

export interface InboxFilter {
  scope: "mine" | "unassigned" | "district";
  userId: string;
  district: string | null;
  roles: string[];
  service?: string;
  status?: "open" | "claimed";
  overdue?: boolean;
  dueBefore?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

export interface InboxRow {
  id: string;
  case_id: string;
  case_number: string;
  process_id: string;
  applicant_name: string | null;
  district: string;
  element_id: string;
  name: string | null;
  roles: string[];
  assignee: string | null;
  status: "open" | "claimed" | "completed" | "cancelled";
  form_id: string | null;
  due_at: Date | null;
  follow_up_at: Date | null;
  created_at: Date;
  revision: number;
  /** Since when the case is suspended (0015); null: it is not. */
  suspended_since: Date | null;
  /** The plan's personal-data rules (`plan.privacy`), for the handler to apply. */
  privacy: unknown;
}

const INFINITY = "infinity";

/** Opaque cursor: the sort key of the last row of a page. */
export function encodeCursor(row: { due_at: Date | string | null; id: string }): string {
  const due = row.due_at ? new Date(row.due_at).toISOString() : INFINITY;
  return Buffer.from(JSON.stringify([due, row.id])).toString("base64url");
}

/** The decoded cursor, or undefined if it is malformed. */
export function decodeCursor(cursor: string): { due: string; id: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [due, id] = value as unknown[];
    if (typeof due !== "string" || typeof id !== "string") return undefined;
    // Only what encodeCursor writes: JavaScript reads dates PostgreSQL rejects ("1", Feb 30, year 275760).
    if (due !== INFINITY && !isIsoInstant(due)) return undefined;
    return { due, id };
  } catch {
    return undefined;
  }
}

function isIsoInstant(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text)) return false;
  const time = Date.parse(text);
  return !Number.isNaN(time) && new Date(time).toISOString() === text;
}

/** One page of the inbox plus the cursor of the next page (null at the end). */
export async function queryInbox(
  db: Db,
  filter: InboxFilter,
): Promise<{ rows: InboxRow[]; nextCursor: string | null }> {
  const rows = await (filter.scope === "unassigned" ? unassignedPage(db, filter) : scopePage(db, filter));
  const hasMore = rows.length > filter.limit;
  const page = hasMore ? rows.slice(0, filter.limit) : rows;
  const last = page.at(-1);
  return { rows: page, nextCursor: hasMore && last ? encodeCursor(last) : null };
}

/** "mine" (tasks_assignee) and "district" (tasks_inbox_due, in page order). */
async function scopePage(db: Db, filter: InboxFilter): Promise<InboxRow[]> {
  let q = inboxRows(db, filter);
  if (filter.scope === "mine") {
    q = q.where("t.assignee", "=", filter.userId).where("t.status", "in", ["open", "claimed"]);
  } else {
    if (filter.district === null) return [];
    q = q.where("t.district", "=", filter.district).where("t.status", "in", ["open", "claimed"]);
  }
  const dueKey = sql<Date>`coalesce(t.due_at, 'infinity'::timestamptz)`;
  const cursor = filter.cursor ? decodeCursor(filter.cursor) : undefined;
  if (cursor) q = q.where(sql<boolean>`(${dueKey}, t.id) > (${cursor.due}::timestamptz, ${cursor.id})`);
  return (await q
    .orderBy(dueKey)
    .orderBy("t.id")
    .limit(filter.limit + 1)
    .execute()) as InboxRow[];
}

/**
 * "unassigned": free tasks of the district for one of my roles, or naming me as a candidate user.
 * Each candidate key pages on its own, in order on inbox_candidates_page, stopping after a page;
 * the pages are merged, as the first page of the union lies within the first page of some key.
 * A key with no tasks costs one index probe, where a `roles ?|` filter on tasks read every open
 * task of the district before answering "none" (issue 18).
 */
async function unassignedPage(db: Db, filter: InboxFilter): Promise<InboxRow[]> {
  if (filter.district === null) return [];
  const task = inboxRows(db, filter)
    .where("t.id", "=", sql.ref<string>("k.task_id"))
    // inbox_candidates mirrors these (its trigger); the task row still has the last word
    .where("t.district", "=", filter.district)
    .where("t.status", "=", "open")
    .where("t.assignee", "is", null)
    // a fence: flattened into the join, the planner hashed every candidate of the key and sorted
    // (11 ms a page in bench/inbox.bench.ts); fenced, it walks the index in page order and stops after a page
    .offset(0);
  const keys = [
    ...[...new Set(filter.roles)].map((role) => sql`('role', ${role}::text)`),
    sql`('user', ${filter.userId}::text)`,
  ];
  const decoded = filter.cursor ? decodeCursor(filter.cursor) : undefined;
  const after = decoded ? sql`AND (k.due_key, k.task_id) > (${decoded.due}::timestamptz, ${decoded.id})` : sql``;
  // the merged pages sort on the task's own due date: inbox_candidates.due_key is its copy
  const due = sql`coalesce(p.due_at, 'infinity'::timestamptz)`;
  const { rows } = await sql<InboxRow>`
    SELECT DISTINCT ON (${due}, p.id) p.*
    FROM (VALUES ${sql.join(keys)}) AS wanted (kind, name)
    CROSS JOIN LATERAL (
      SELECT r.* FROM inbox_candidates k CROSS JOIN LATERAL (${task}) AS r
      WHERE k.district = ${filter.district} AND k.kind = wanted.kind AND k.name = wanted.name ${after}
      ORDER BY k.due_key, k.task_id
      LIMIT ${filter.limit + 1}
    ) AS p
    ORDER BY ${due}, p.id
    LIMIT ${filter.limit + 1}`.execute(db);
  return rows;
}

/** The inbox's columns with the filters every scope shares (tasks t, cases c, versions v). */
function inboxRows(db: Db, filter: InboxFilter) {
  let q = db
    .selectFrom("tasks as t")
    .innerJoin("cases as c", "c.id", "t.case_id")
    .innerJoin("process_versions as v", "v.id", "c.process_version_id")
    .select([
      "t.id",
      "t.case_id",
      "c.case_number",
      "c.process_id",
      sql<string | null>`c.applicant->>'name'`.as("applicant_name"),
      "t.district",
      "t.element_id",
      "t.name",
      "t.roles",
      "t.assignee",
      "t.status",
      "t.form_id",
      "t.due_at",
      "t.follow_up_at",
      "t.created_at",
      "t.revision",
      "c.suspended_since",
      sql<unknown>`v.plan->'privacy'`.as("privacy"),
    ]);
  if (filter.status) q = q.where("t.status", "=", filter.status);
  if (filter.service) q = q.where("c.process_id", "=", filter.service);
  if (filter.overdue === true) q = q.where("t.due_at", "<", new Date());
  if (filter.overdue === false)
    q = q.where((eb) => eb.or([eb("t.due_at", "is", null), eb("t.due_at", ">=", new Date())]));
  if (filter.dueBefore) q = q.where("t.due_at", "<", new Date(filter.dueBefore));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    // A name restricted by the service's personal-data rules is no search key for roles that may
    // not see it: a match would tell them whose case it is.
    const nameRoles = sql`v.plan #> '{privacy,fields,name}'`;
    const mayReadName =
      filter.roles.length > 0
        ? sql<boolean>`(${nameRoles} IS NULL OR ${nameRoles} ?| array[${sql.join(filter.roles)}]::text[])`
        : sql<boolean>`${nameRoles} IS NULL`;
    q = q.where((eb) =>
      eb.or([
        eb("c.case_number", "ilike", pattern),
        eb.and([eb(sql<string>`c.applicant->>'name'`, "ilike", pattern), mayReadName]),
      ]),
    );
  }
  return q;
}
