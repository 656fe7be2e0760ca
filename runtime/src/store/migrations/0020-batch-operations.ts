/**
 * Batch operations over a case-list filter: a batch and its frozen item list (the cases the filter
 * matched when it was created), each item with its own outcome. The runner claims pending items of
 * running batches (`batch_items_todo`), so a restart of any API process carries on where it stopped.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("batches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("operation", "text", (c) =>
      c.notNull().check(sql`operation in ('cancel', 'retry-incidents', 'migrate')`),
    )
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("running").check(sql`status in ('running', 'paused', 'done', 'cancelled')`),
    )
    .addColumn("district", "text")
    .addColumn("filter", "jsonb", (c) => c.notNull())
    .addColumn("migration", "jsonb")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.notNull())
    // who asked, as the policy reads them: each item is authorized again when it runs
    .addColumn("requester", "jsonb", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .execute();
  await db.schema.createIndex("batches_district").on("batches").columns(["district", "created_at"]).execute();
  await db.schema
    .createTable("batch_items")
    .addColumn("batch_id", "text", (c) => c.notNull().references("batches.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("case_number", "text", (c) => c.notNull())
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`status in ('pending', 'running', 'succeeded', 'failed', 'skipped')`),
    )
    .addColumn("error", "jsonb")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    // the item's decision is in the audit log (written once, before it takes effect)
    .addColumn("audited", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("batch_items_pkey", ["batch_id", "seq"])
    .execute();
  await db.schema.createIndex("batch_items_status").on("batch_items").columns(["batch_id", "status", "seq"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("batch_items").execute();
  await db.schema.dropTable("batches").execute();
}
