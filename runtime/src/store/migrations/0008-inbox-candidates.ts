/**
 * The unassigned inbox by index: one row per (free task, candidate role or user), kept in step with
 * the task row by a trigger. `tasks_inbox_due` has no roles column, so a `roles ?|` filter read every
 * open task of the district before it could answer "none of these are yours" (issue 18).
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // Rows exist exactly while the task is open and unassigned; due_key is the inbox's sort key.
  await db.schema
    .createTable("inbox_candidates")
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('role', 'user')`))
    // a role id (kind 'role') or a candidate user's id (kind 'user')
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("due_key", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("inbox_candidates_pk", ["task_id", "kind", "name"])
    .execute();
  await db.schema
    .createIndex("inbox_candidates_page")
    .on("inbox_candidates")
    .columns(["district", "kind", "name", "due_key", "task_id"])
    .execute();

  // Who a task names: its role ids and candidate user ids, the string elements `?|` and `?` match.
  await sql`
    CREATE FUNCTION inbox_candidate_names(roles jsonb, candidate_users jsonb)
    RETURNS TABLE (kind text, name text) LANGUAGE sql IMMUTABLE AS $$
      SELECT 'role', e #>> '{}'
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(roles) = 'array' THEN roles END) e
        WHERE jsonb_typeof(e) = 'string'
      UNION
      SELECT 'user', e #>> '{}'
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(candidate_users) = 'array' THEN candidate_users END) e
        WHERE jsonb_typeof(e) = 'string'
    $$`.execute(db);
  // A trigger, not the store's write paths: every write of a task row (activities, task actions,
  // tests and tools that write SQL) keeps the table in step, in the same transaction.
  await sql`
    CREATE FUNCTION inbox_candidates_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        DELETE FROM inbox_candidates WHERE task_id = OLD.id;
      END IF;
      IF NEW.status = 'open' AND NEW.assignee IS NULL THEN
        INSERT INTO inbox_candidates (task_id, district, kind, name, due_key)
        SELECT NEW.id, NEW.district, c.kind, c.name, coalesce(NEW.due_at, 'infinity'::timestamptz)
        FROM inbox_candidate_names(NEW.roles, NEW.candidate_users) c;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER inbox_candidates_insert AFTER INSERT ON tasks
    FOR EACH ROW EXECUTE FUNCTION inbox_candidates_sync()`.execute(db);
  await sql`
    CREATE TRIGGER inbox_candidates_update AFTER UPDATE ON tasks
    FOR EACH ROW WHEN (
      (OLD.status, OLD.assignee, OLD.district, OLD.due_at, OLD.roles, OLD.candidate_users)
      IS DISTINCT FROM (NEW.status, NEW.assignee, NEW.district, NEW.due_at, NEW.roles, NEW.candidate_users)
    ) EXECUTE FUNCTION inbox_candidates_sync()`.execute(db);

  // Backfill: every task that is in someone's unassigned inbox today.
  await sql`
    INSERT INTO inbox_candidates (task_id, district, kind, name, due_key)
    SELECT t.id, t.district, c.kind, c.name, coalesce(t.due_at, 'infinity'::timestamptz)
    FROM tasks t CROSS JOIN LATERAL inbox_candidate_names(t.roles, t.candidate_users) c
    WHERE t.status = 'open' AND t.assignee IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS inbox_candidates_update ON tasks`.execute(db);
  await sql`DROP TRIGGER IF EXISTS inbox_candidates_insert ON tasks`.execute(db);
  await sql`DROP FUNCTION IF EXISTS inbox_candidates_sync()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS inbox_candidate_names(jsonb, jsonb)`.execute(db);
  await db.schema.dropTable("inbox_candidates").execute();
}
