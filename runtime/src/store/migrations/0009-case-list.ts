/**
 * The case list (issue 15): search keys kept on the case row, the indexes its filters and sorts
 * use, the paused service clock, and saved filters per user.
 *
 * Name search is by prefix on a lower-cased column (text_pattern_ops), not pg_trgm: the embedded
 * PGlite loads pg_trgm only as a separately bundled extension, and one set of migrations serves both.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cases
    ADD COLUMN applicant_name_key text GENERATED ALWAYS AS (lower(applicant->>'name')) STORED,
    ADD COLUMN applicant_nik text GENERATED ALWAYS AS (applicant->>'nik') STORED,
    ADD COLUMN paused_since timestamptz`.execute(db);

  // Each sort key, within a district (what every staff member's list is bound to) and across all
  // districts (super admin); the id breaks ties for keyset paging.
  await sql`CREATE INDEX cases_list_received ON cases (district, started_at, id)`.execute(db);
  await sql`CREATE INDEX cases_list_closed ON cases (district, (coalesce(ended_at, 'infinity'::timestamptz)), id)`.execute(
    db,
  );
  await sql`CREATE INDEX cases_list_due ON cases (district, (coalesce(due_at, 'infinity'::timestamptz)), id)`.execute(
    db,
  );
  await sql`CREATE INDEX cases_list_number ON cases (district, case_number)`.execute(db);
  await sql`CREATE INDEX cases_all_received ON cases (started_at, id)`.execute(db);
  // Open cases are few beside the closed ones: their own indexes keep "open, newest first" and
  // "overdue, by due date" from scanning past years of closed cases.
  await sql`CREATE INDEX cases_open_received ON cases (district, started_at, id) WHERE status IN ('active', 'incident')`.execute(
    db,
  );
  await sql`CREATE INDEX cases_open_due ON cases (district, (coalesce(due_at, 'infinity'::timestamptz)), id)
    WHERE status IN ('active', 'incident')`.execute(db);
  await sql`CREATE INDEX cases_list_service ON cases (process_id, district, started_at, id)`.execute(db);
  // Search keys.
  await sql`CREATE INDEX cases_nik ON cases (applicant_nik) WHERE applicant_nik IS NOT NULL`.execute(db);
  await sql`CREATE INDEX cases_name_prefix ON cases (district, applicant_name_key text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX cases_all_name_prefix ON cases (applicant_name_key text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX cases_number_prefix ON cases ((upper(case_number)) text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX tasks_open_step ON tasks (element_id, case_id) WHERE status IN ('open', 'claimed')`.execute(
    db,
  );

  // The engine records when the service-standard clock stops (a step waiting on the applicant)
  // and when its last pause ends; the case row keeps the current state so the list can filter on
  // it without reading every case's events.
  await sql`CREATE FUNCTION cases_track_clock() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.type = 'clockPaused' THEN
        UPDATE cases SET paused_since = coalesce(paused_since, NEW.at) WHERE id = NEW.case_id;
      ELSE
        UPDATE cases SET paused_since = NULL WHERE id = NEW.case_id;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER case_events_clock AFTER INSERT ON case_events FOR EACH ROW
    WHEN (NEW.type IN ('clockPaused', 'clockResumed')) EXECUTE FUNCTION cases_track_clock()`.execute(db);
  await sql`UPDATE cases c SET paused_since = e.at
    FROM (SELECT DISTINCT ON (case_id) case_id, type, at FROM case_events
          WHERE type IN ('clockPaused', 'clockResumed') ORDER BY case_id, id DESC) e
    WHERE e.case_id = c.id AND e.type = 'clockPaused'`.execute(db);

  // Who has (had) a part in the case, as canSeeCase reads it from the case's tasks (candidate
  // roles; assignees, candidate users, closers), kept on the row by a trigger on tasks: the list
  // then checks visibility per row while it walks a sort index, instead of a semi-join over every
  // task of the district that the planner may choose to hash.
  await sql`ALTER TABLE cases
    ADD COLUMN viewer_roles text[] NOT NULL DEFAULT '{}',
    ADD COLUMN viewer_users text[] NOT NULL DEFAULT '{}'`.execute(db);
  await sql`CREATE FUNCTION cases_viewers_of(case_id text) RETURNS void LANGUAGE sql AS $$
    UPDATE cases c SET
      viewer_roles = coalesce((SELECT array_agg(DISTINCT r ORDER BY r) FROM tasks t,
        jsonb_array_elements_text(t.roles) r WHERE t.case_id = c.id), '{}'),
      viewer_users = coalesce((SELECT array_agg(DISTINCT u ORDER BY u) FROM tasks t,
        LATERAL (SELECT t.assignee UNION ALL SELECT t.closed_by
                 UNION ALL SELECT jsonb_array_elements_text(t.candidate_users)) AS x(u)
        WHERE t.case_id = c.id AND u IS NOT NULL), '{}')
    WHERE c.id = case_id
  $$`.execute(db);
  await sql`CREATE FUNCTION cases_track_viewers() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM cases_viewers_of(CASE WHEN TG_OP = 'DELETE' THEN OLD.case_id ELSE NEW.case_id END);
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER tasks_case_viewers AFTER INSERT OR DELETE OR UPDATE OF roles, assignee, candidate_users,
    closed_by ON tasks FOR EACH ROW EXECUTE FUNCTION cases_track_viewers()`.execute(db);
  await sql`SELECT cases_viewers_of(id) FROM cases WHERE EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = cases.id)`.execute(
    db,
  );

  await db.schema
    .createTable("case_filters")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("filter", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("case_filters_user_name", ["user_id", "name"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("case_filters").execute();
  await sql`DROP TRIGGER tasks_case_viewers ON tasks`.execute(db);
  await sql`DROP FUNCTION cases_track_viewers()`.execute(db);
  await sql`DROP FUNCTION cases_viewers_of(text)`.execute(db);
  await sql`ALTER TABLE cases DROP COLUMN viewer_roles, DROP COLUMN viewer_users`.execute(db);
  await sql`DROP TRIGGER case_events_clock ON case_events`.execute(db);
  await sql`DROP FUNCTION cases_track_clock()`.execute(db);
  for (const index of [
    "cases_list_received",
    "cases_list_closed",
    "cases_list_due",
    "cases_list_number",
    "cases_all_received",
    "cases_open_received",
    "cases_open_due",
    "cases_all_name_prefix",
    "cases_list_service",
    "cases_nik",
    "cases_name_prefix",
    "cases_number_prefix",
    "tasks_open_step",
  ]) {
    await sql`DROP INDEX ${sql.id(index)}`.execute(db);
  }
  await sql`ALTER TABLE cases DROP COLUMN applicant_name_key, DROP COLUMN applicant_nik, DROP COLUMN paused_since`.execute(
    db,
  );
}
