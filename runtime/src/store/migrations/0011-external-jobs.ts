/**
 * External jobs (Zeebe-style job workers): a job of a type no built-in connector runs waits here
 * for a worker to activate it over the job API, while its Temporal activity stays open (async
 * completion). Worker credentials are scoped to job types and a district; only a secret's hash is kept.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("worker_credentials")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    // null: every district (only a super admin creates such a credential)
    .addColumn("district", "text")
    .addColumn("job_types", "jsonb", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("revoked_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("external_jobs")
    // sha256 of case id and the engine's job id, 32 hex: one row per job, whatever the retries
    .addColumn("job_key", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("element_id", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("headers", "jsonb", (c) => c.notNull())
    .addColumn("variables", "jsonb", (c) => c.notNull())
    .addColumn("retries", "integer", (c) => c.notNull())
    // the activity's task token (base64): how the API completes or fails it on Temporal
    .addColumn("task_token", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().defaultTo("open")) // open | completed | failed | error | cancelled
    .addColumn("worker", "text")
    .addColumn("credential_id", "text")
    .addColumn("lock_token", "text")
    .addColumn("locked_until", "timestamptz")
    .addColumn("available_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("activations", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error_message", "text")
    // when the sweep last asked Temporal whether the activity still wants a result
    .addColumn("checked_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("ended_at", "timestamptz")
    .execute();
  await sql`CREATE INDEX external_jobs_open ON external_jobs (type, district, available_at) WHERE state = 'open'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("external_jobs").execute();
  await db.schema.dropTable("worker_credentials").execute();
}
