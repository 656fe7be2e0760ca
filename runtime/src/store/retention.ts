/**
 * Retention of closed cases (the plan's `privacy.retention`): cases closed longer ago than their
 * service's period, and the purge of their documents and personal data, each with its audit entry,
 * in one transaction per case.
 */
import { PURGED_VALUE } from "@alur/shared/schemas";
import { sql } from "kysely";
import { appendAudit } from "./audit";
import type { CaseDocumentRow } from "./cases";
import type { Db } from "./db";
import type { NotificationsTable } from "./notifications";

const CLOSED = ["completed", "terminated", "cancelled"] as const;

export interface ExpiredCase {
  caseId: string;
  district: string;
  retention: string;
  endedAt: Date;
  /** The plan's `privacy` as stored. */
  privacy: unknown;
}

/** How the caller's privacy rules rewrite the personal data the case holds. */
export interface Scrub {
  /** The case row's applicant. */
  applicant(applicant: Record<string, unknown>): Record<string, unknown>;
  /** Any other JSON the case holds: event data, task results and drafts. */
  value<T>(value: T): T;
}

/** Closed cases past their service's retention period not yet purged (or with documents left), oldest first. */
export async function casesPastRetention(db: Db, now: Date, limit: number): Promise<ExpiredCase[]> {
  const retention = sql<string>`v.plan #>> '{privacy,retention}'`;
  const rows = await db
    .selectFrom("cases as c")
    .innerJoin("process_versions as v", "v.id", "c.process_version_id")
    .select([
      "c.id",
      "c.district",
      "c.ended_at",
      retention.as("retention"),
      sql<unknown>`v.plan->'privacy'`.as("privacy"),
    ])
    .where("c.status", "in", CLOSED)
    .where("c.ended_at", "is not", null)
    .where(sql<boolean>`${retention} IS NOT NULL`)
    // The period is an ISO 8601 duration (validated by the compiler), which PostgreSQL reads as an interval.
    .where(sql<boolean>`c.ended_at + (${retention})::interval <= ${now}`)
    .where(({ eb, exists, selectFrom, or }) =>
      or([
        eb("c.purged_at", "is", null),
        exists(selectFrom("case_documents as d").select("d.id").whereRef("d.case_id", "=", "c.id")),
      ]),
    )
    .orderBy("c.ended_at")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    caseId: r.id,
    district: r.district,
    retention: r.retention,
    endedAt: new Date(r.ended_at!),
    privacy: r.privacy,
  }));
}

/**
 * Purges an expired case: deletes its document rows and, the first time, replaces the personal
 * data in its row, events, task results and drafts (and drops a leftover workflow start, whose
 * input repeats the applicant), each recorded in the audit log, all together. Returns the document
 * rows deleted, the file hashes no row uses any more, and whether the data was purged now (false
 * when another process purged the case first).
 */
export async function purgeCase(
  db: Db,
  expired: ExpiredCase,
  scrub: Scrub,
): Promise<{ documents: CaseDocumentRow[]; unusedFiles: string[]; dataPurged: boolean }> {
  return db.transaction().execute(async (tx) => {
    // The lock orders two sweeping processes: the second sees the first one's purge.
    const row = await tx
      .selectFrom("cases")
      .select(["applicant", "purged_at"])
      .where("id", "=", expired.caseId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return { documents: [], unusedFiles: [], dataPurged: false };
    const documents = await tx
      .deleteFrom("case_documents")
      .where("case_id", "=", expired.caseId)
      .returningAll()
      .execute();
    if (documents.length > 0) {
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
    }
    const dataPurged = row.purged_at === null;
    if (dataPurged) await purgeCaseData(tx, expired, row.applicant, scrub);
    // Files are stored once per content: keep those another case's document still points to.
    const hashes = [...new Set(documents.map((d) => d.sha256))];
    if (hashes.length === 0) return { documents, unusedFiles: [], dataPurged };
    const used = await tx.selectFrom("case_documents").select("sha256").where("sha256", "in", hashes).execute();
    const stillUsed = new Set(used.map((u) => u.sha256));
    return { documents, unusedFiles: hashes.filter((h) => !stillUsed.has(h)), dataPurged };
  });
}

async function purgeCaseData(tx: Db, expired: ExpiredCase, applicant: Record<string, unknown>, scrub: Scrub) {
  let events = 0;
  for (const e of await tx
    .selectFrom("case_events")
    .select(["id", "data"])
    .where("case_id", "=", expired.caseId)
    .execute()) {
    const data = scrub.value(e.data);
    if (JSON.stringify(data) === JSON.stringify(e.data)) continue;
    await tx
      .updateTable("case_events")
      .set({ data: JSON.stringify(data) })
      .where("id", "=", e.id)
      .execute();
    events++;
  }
  let tasks = 0;
  const taskRows = await tx
    .selectFrom("tasks")
    .select(["id", "result", "draft"])
    .where("case_id", "=", expired.caseId)
    .execute();
  for (const t of taskRows) {
    const result = t.result === null ? null : scrub.value(t.result);
    if (JSON.stringify(result) === JSON.stringify(t.result) && t.draft === null) continue;
    await tx
      .updateTable("tasks")
      .set({ result: result === null ? null : JSON.stringify(result), draft: null })
      .where("id", "=", t.id)
      .execute();
    tasks++;
  }
  // A closed case's tasks are closed: their drafts are of no further use.
  const drafts =
    taskRows.length === 0
      ? 0
      : (
          await tx
            .deleteFrom("task_drafts")
            .where(
              "task_id",
              "in",
              taskRows.map((t) => t.id),
            )
            .executeTakeFirst()
        ).numDeletedRows;
  await tx.deleteFrom("workflow_starts").where("case_id", "=", expired.caseId).execute();
  // A replayable answer to the case's start is the case view, applicant included.
  await tx
    .deleteFrom("idempotency_keys")
    .where("scope", "=", "POST /cases")
    .where(sql<string>`response->>'id'`, "=", expired.caseId)
    .execute();
  // Notification texts are FEEL-made prose that may name the applicant: no key to scrub, so all of it.
  // Deliveries not sent yet would only carry the marker: they are dropped.
  const notes = tx.withTables<{ notifications: NotificationsTable }>();
  await notes
    .deleteFrom("notification_deliveries")
    .where("status", "in", ["pending", "sending"])
    .where(
      "notification_id",
      "in",
      notes.selectFrom("notifications").select("id").where("case_id", "=", expired.caseId),
    )
    .execute();
  let notifications = 0;
  for (const n of await notes
    .selectFrom("notifications")
    .select(["id", "data"])
    .where("case_id", "=", expired.caseId)
    .execute()) {
    await notes
      .updateTable("notifications")
      .set({ title: PURGED_VALUE, body: PURGED_VALUE, data: JSON.stringify(scrub.value(n.data)) })
      .where("id", "=", n.id)
      .execute();
    notifications++;
  }
  // An online applicant's phone, email, client address and receipt, and the addresses they were sent to.
  await notes
    .updateTable("notification_deliveries")
    .set({ address: PURGED_VALUE })
    .where("user_id", "is", null)
    .where(
      "notification_id",
      "in",
      notes.selectFrom("notifications").select("id").where("case_id", "=", expired.caseId),
    )
    .execute();
  await tx.deleteFrom("public_applications").where("case_id", "=", expired.caseId).execute();
  // complaints about the case keep their times (the response-time report) but not who said what
  await tx
    .updateTable("complaints")
    .set((eb) => ({
      name: null,
      phone: null,
      email: null,
      ip: null,
      text: PURGED_VALUE,
      answer: eb.case().when("answer", "is", null).then(null).else(PURGED_VALUE).end(),
    }))
    .where("case_id", "=", expired.caseId)
    .execute();
  await tx
    .updateTable("cases")
    .set({ applicant: JSON.stringify(scrub.applicant(applicant)), purged_at: new Date() })
    .where("id", "=", expired.caseId)
    .execute();
  await appendAudit(tx, {
    actorId: null,
    ip: null,
    action: "case.data-purged",
    outcome: "ok",
    resourceType: "case",
    resourceId: expired.caseId,
    district: expired.district,
    details: {
      retention: expired.retention,
      endedAt: expired.endedAt.toISOString(),
      applicantFields: Object.keys(applicant).sort(),
      events,
      tasks,
      drafts: Number(drafts),
      notifications,
    },
  });
}
