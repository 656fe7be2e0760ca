/**
 * Accounts, sessions, login throttling, the append-only audit log, idempotency keys, case-number
 * counters and uploaded documents: everything the HTTP API keeps in the database so that several
 * API processes can serve the same office.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("org_units")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull()) // national | province | district
    // BPS code for provinces and districts ("32", "3216"); "ID" for the national level
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    // short code used in case numbers ("BKS")
    .addColumn("abbreviation", "text", (c) => c.notNull())
    .addColumn("parent_id", "text", (c) => c.references("org_units.id"))
    .addColumn("time_zone", "text", (c) => c.notNull().defaultTo("Asia/Jakarta"))
    .execute();

  await db.schema
    .createTable("roles")
    .addColumn("id", "text", (c) => c.primaryKey()) // kebab key: "front-office"
    .addColumn("name_id", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    // admin | staff; heads see the whole district inbox
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("is_head", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_by", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("org_unit_id", "text", (c) => c.notNull().references("org_units.id"))
    // denormalised district code of the org unit (null above district level) for cheap checks
    .addColumn("district", "text")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("disabled", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("user_roles")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("role_id", "text", (c) => c.notNull().references("roles.id"))
    .addPrimaryKeyConstraint("user_roles_pk", ["user_id", "role_id"])
    .execute();

  await db.schema
    .createTable("sessions")
    // sha256 of the token: a leaked table does not leak live sessions
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("success", "boolean", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("login_attempts_ip").on("login_attempts").columns(["ip", "at"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_id", "text")
    .addColumn("ip", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull()) // ok | denied
    .addColumn("resource_type", "text")
    .addColumn("resource_id", "text")
    .addColumn("district", "text")
    .addColumn("before", "jsonb")
    .addColumn("after", "jsonb")
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex("audit_log_district").on("audit_log").columns(["district", "id"]).execute();
  // Append-only: the database itself refuses to change or remove history.
  await sql`
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);

  await db.schema
    .createTable("idempotency_keys")
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    // null while the first request is still running
    .addColumn("status_code", "integer")
    .addColumn("response", "jsonb")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("idempotency_keys_pk", ["user_id", "key"])
    .execute();

  await db.schema
    .createTable("case_counters")
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("service_code", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("value", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("case_counters_pk", ["district", "service_code", "year"])
    .execute();

  await db.schema
    .createTable("case_documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("requirement_id", "text")
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("uploaded_by", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("case_documents_case").on("case_documents").column("case_id").execute();

  // What a user typed into a task form, per user, so a rejected or conflicting completion loses nothing.
  await db.schema
    .createTable("task_drafts")
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("data", "jsonb", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("task_drafts_pk", ["task_id", "user_id"])
    .execute();

  // The inbox sorts by due date with tasks without a due date last, and pages by (due, id).
  await sql`CREATE INDEX tasks_inbox_due ON tasks (district, status, (coalesce(due_at, 'infinity'::timestamptz)), id)`.execute(
    db,
  );
  await sql`CREATE INDEX tasks_assignee ON tasks (assignee, status) WHERE assignee IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS tasks_assignee`.execute(db);
  await sql`DROP INDEX IF EXISTS tasks_inbox_due`.execute(db);
  for (const table of [
    "task_drafts",
    "case_documents",
    "case_counters",
    "idempotency_keys",
    "audit_log",
    "login_attempts",
    "sessions",
    "user_roles",
    "users",
    "roles",
    "org_units",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`DROP FUNCTION IF EXISTS audit_log_append_only()`.execute(db);
}
