/**
 * Retention of case documents (the plan's `privacy.retention`): documents of cases closed longer
 * ago than their service's period, and their purge with its audit entry in one transaction.
 */
import { sql } from "kysely";
import { appendAudit } from "./audit";
import type { CaseDocumentRow } from "./cases";
import type { Db } from "./db";

const CLOSED = ["completed", "terminated", "cancelled"] as const;

export interface ExpiredCase {
  caseId: string;
  district: string;
  retention: string;
  endedAt: Date;
}

/** Closed cases past their service's retention period that still have documents, oldest first. */
export async function casesPastRetention(db: Db, now: Date, limit: number): Promise<ExpiredCase[]> {
  const retention = sql<string>`v.plan #>> '{privacy,retention}'`;
  const rows = await db
    .selectFrom("cases as c")
    .innerJoin("process_versions as v", "v.id", "c.process_version_id")
    .select(["c.id", "c.district", "c.ended_at", retention.as("retention")])
    .where("c.status", "in", CLOSED)
    .where("c.ended_at", "is not", null)
    .where(sql<boolean>`${retention} IS NOT NULL`)
    // The period is an ISO 8601 duration (validated by the compiler), which PostgreSQL reads as an interval.
    .where(sql<boolean>`c.ended_at + (${retention})::interval <= ${now}`)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom("case_documents as d").select("d.id").whereRef("d.case_id", "=", "c.id")),
    )
    .orderBy("c.ended_at")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    caseId: r.id,
    district: r.district,
    retention: r.retention,
    endedAt: new Date(r.ended_at!),
  }));
}

/**
 * Deletes the case's document rows and records the purge in the audit log, together; returns the
 * rows deleted (none when another process purged them first) and the file hashes no row uses any more.
 */
export async function purgeCaseDocuments(
  db: Db,
  expired: ExpiredCase,
): Promise<{ documents: CaseDocumentRow[]; unusedFiles: string[] }> {
  return db.transaction().execute(async (tx) => {
    const documents = await tx
      .deleteFrom("case_documents")
      .where("case_id", "=", expired.caseId)
      .returningAll()
      .execute();
    if (documents.length === 0) return { documents, unusedFiles: [] };
    await appendAudit(tx, {
      actorId: null,
      ip: null,
      action: "case.documents-purged",
      outcome: "ok",
      resourceType: "case",
      resourceId: expired.caseId,
      district: expired.district,
      details: {
        retention: expired.retention,
        endedAt: expired.endedAt.toISOString(),
        documents: documents.map((d) => ({
          id: d.id,
          requirementId: d.requirement_id,
          sha256: d.sha256,
          size: d.size,
        })),
      },
    });
    // Files are stored once per content: keep those another case's document still points to.
    const hashes = [...new Set(documents.map((d) => d.sha256))];
    const used = await tx.selectFrom("case_documents").select("sha256").where("sha256", "in", hashes).execute();
    const stillUsed = new Set(used.map((u) => u.sha256));
    return { documents, unusedFiles: hashes.filter((h) => !stillUsed.has(h)) };
  });
}
