/**
 * Pending workflow starts (a transactional outbox): the case row and the input of its workflow are
 * written in one transaction, so a case whose workflow could not be started (Temporal down, a
 * timeout) is started later by a sweep instead of being lost or duplicated by a client's retry.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("workflow_starts")
    .addColumn("case_id", "text", (c) => c.primaryKey().references("cases.id"))
    .addColumn("workflow_id", "text", (c) => c.notNull())
    .addColumn("input", "jsonb", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    // also the lease: a process taking the row pushes this forward so others skip it meanwhile
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("workflow_starts_due").on("workflow_starts").column("next_attempt_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("workflow_starts").execute();
}
