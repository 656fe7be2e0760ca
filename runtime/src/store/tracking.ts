/** Public tracking: the case a case number names (with its code's hash) and the attempt counter. */
import { sql } from "kysely";
import type { Db } from "./db";

/** The case with this number and what the tracking page shows of it; undefined if none. */
export async function findTrackableCase(db: Db, caseNumber: string) {
  return db
    .selectFrom("cases as c")
    .innerJoin("process_versions as v", "v.id", "c.process_version_id")
    .select([
      "c.id",
      "c.case_number",
      "c.district",
      "c.status",
      "c.started_at",
      "c.due_at",
      "c.ended_at",
      "c.paused_since",
      "c.tracking_code_hash",
      "c.workflow_id",
      "v.id as version_id",
      "v.name as service_name",
      "v.plan",
    ])
    .where("c.case_number", "=", caseNumber)
    .executeTakeFirst();
}

/** Replaces a case's tracking code hash (a new code makes the old one useless). */
export async function setTrackingCodeHash(db: Db, caseId: string, hash: string): Promise<void> {
  await db.updateTable("cases").set({ tracking_code_hash: hash }).where("id", "=", caseId).execute();
}

/** Failed lookups from this client address since `since`. */
export async function trackingFailuresSince(db: Db, ip: string, since: Date): Promise<number> {
  const { failures } = await db
    .selectFrom("tracking_attempts")
    .select(sql<number>`count(*)::int`.as("failures"))
    .where("ip", "=", ip)
    .where("success", "=", false)
    .where("at", ">", since)
    .executeTakeFirstOrThrow();
  return failures;
}

export async function recordTrackingAttempt(db: Db, ip: string, success: boolean): Promise<void> {
  await db.insertInto("tracking_attempts").values({ ip, success }).execute();
}

/** Clock stops and resumptions of a case, oldest first: the pauses the applicant is shown. */
export async function clockEventsOf(db: Db, caseId: string) {
  return db
    .selectFrom("case_events")
    .select(["type", "at", "element_id"])
    .where("case_id", "=", caseId)
    .where("type", "in", ["clockPaused", "clockResumed"])
    .orderBy("id")
    .execute();
}

/** Open tasks of a case (element and name only): where it stands. */
export async function openStepsOf(db: Db, caseId: string) {
  return db
    .selectFrom("tasks")
    .select(["element_id", "name"])
    .where("case_id", "=", caseId)
    .where("status", "in", ["open", "claimed"])
    .orderBy("created_at")
    .execute();
}

/** Open steps of a case the applicant does (candidate role `applicant`). */
export async function applicantStepsOf(db: Db, caseId: string) {
  return db
    .selectFrom("tasks")
    .select(["id", "element_id", "name", "element_instance_id"])
    .where("case_id", "=", caseId)
    .where("status", "in", ["open", "claimed"])
    .where(sql<boolean>`roles::jsonb @> '["applicant"]'::jsonb`)
    .orderBy("created_at")
    .execute();
}

/** The document a case generated last (its product, once the case completed); undefined if none. */
export async function lastGeneratedDocumentOf(db: Db, caseId: string) {
  return db
    .selectFrom("case_documents")
    .select(["id", "filename", "sha256", "content_type"])
    .where("case_id", "=", caseId)
    .where("uploaded_by", "is", null)
    .where("requirement_id", "is", null)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}
