/** The audit log: append-only (the table has triggers refusing UPDATE, DELETE and TRUNCATE). */
import { sql } from "kysely";
import type { Db } from "./db";

export interface AuditRecord {
  actorId: string | null;
  ip: string | null;
  action: string;
  outcome: "ok" | "denied";
  resourceType?: string | null;
  resourceId?: string | null;
  district?: string | null;
  before?: object | null;
  after?: object | null;
  details?: Record<string, unknown>;
}

function auditRow(record: AuditRecord) {
  return {
    actor_id: record.actorId,
    ip: record.ip,
    action: record.action,
    outcome: record.outcome,
    resource_type: record.resourceType ?? null,
    resource_id: record.resourceId ?? null,
    district: record.district ?? null,
    before: record.before ? JSON.stringify(record.before) : null,
    after: record.after ? JSON.stringify(record.after) : null,
    details: JSON.stringify(record.details ?? {}),
  };
}

/** Appends one entry. Pass a transaction so the entry commits with the change it records. */
export async function appendAudit(db: Db, record: AuditRecord): Promise<void> {
  await db.insertInto("audit_log").values(auditRow(record)).execute();
}

/** Appends several entries in one statement (none when the list is empty). */
export async function appendAudits(db: Db, records: readonly AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.insertInto("audit_log").values(records.map(auditRow)).execute();
}

/**
 * Newest first; `district` undefined means every district (super admin). Each entry about a case
 * (or one of its tasks) comes with that case's personal-data rules (`privacy`, the plan's) and
 * when its personal data was purged under retention, for the reader's redaction.
 */
export async function listAudit(
  db: Db,
  query: { district?: string | null; outcome?: "ok" | "denied"; actorId?: string; before?: number; limit: number },
) {
  const caseId = sql<string | null>`case a.resource_type when 'case' then a.resource_id when 'task' then t.case_id end`;
  let q = db
    .selectFrom("audit_log as a")
    .leftJoin("tasks as t", (j) => j.onRef("t.id", "=", "a.resource_id").on("a.resource_type", "=", "task"))
    .leftJoin("cases as c", (j) => j.on(sql<boolean>`c.id = ${caseId}`))
    .leftJoin("process_versions as v", "v.id", "c.process_version_id")
    .selectAll("a")
    .select([sql<unknown>`v.plan->'privacy'`.as("privacy"), "c.purged_at as case_purged_at"])
    .orderBy("a.id", "desc")
    .limit(query.limit);
  if (query.district !== undefined)
    q = query.district === null ? q.where("a.district", "is", null) : q.where("a.district", "=", query.district);
  if (query.outcome) q = q.where("a.outcome", "=", query.outcome);
  if (query.actorId) q = q.where("a.actor_id", "=", query.actorId);
  if (query.before) q = q.where("a.id", "<", query.before);
  return q.execute();
}
