/** The audit log: append-only (the table has triggers refusing UPDATE, DELETE and TRUNCATE). */
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

/** Appends one entry. Pass a transaction so the entry commits with the change it records. */
export async function appendAudit(db: Db, record: AuditRecord): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
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
    })
    .execute();
}

/** Newest first; `district` undefined means every district (super admin). */
export async function listAudit(
  db: Db,
  query: { district?: string | null; outcome?: "ok" | "denied"; actorId?: string; before?: number; limit: number },
) {
  let q = db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(query.limit);
  if (query.district !== undefined)
    q = query.district === null ? q.where("district", "is", null) : q.where("district", "=", query.district);
  if (query.outcome) q = q.where("outcome", "=", query.outcome);
  if (query.actorId) q = q.where("actor_id", "=", query.actorId);
  if (query.before) q = q.where("id", "<", query.before);
  return q.execute();
}
