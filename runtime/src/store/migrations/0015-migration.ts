/**
 * Suspension and migration of running cases (issue 15, items 2 and 3). The engine records when a
 * supervisor suspends a case and when it resumes; the case row keeps since when it is suspended
 * (kept by a trigger on case_events, as `paused_since` is), so the inbox, the case list and the
 * task API see it without reading the workflow.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cases ADD COLUMN suspended_since timestamptz`.execute(db);
  await sql`CREATE FUNCTION cases_track_suspension() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.type = 'caseSuspended' THEN
        UPDATE cases SET suspended_since = coalesce(suspended_since, NEW.at) WHERE id = NEW.case_id;
      ELSE
        UPDATE cases SET suspended_since = NULL WHERE id = NEW.case_id;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER case_events_suspension AFTER INSERT ON case_events FOR EACH ROW
    WHEN (NEW.type IN ('caseSuspended', 'caseResumed')) EXECUTE FUNCTION cases_track_suspension()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER case_events_suspension ON case_events`.execute(db);
  await sql`DROP FUNCTION cases_track_suspension()`.execute(db);
  await sql`ALTER TABLE cases DROP COLUMN suspended_since`.execute(db);
}
