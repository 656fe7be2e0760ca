/** Notifications written by the `notify` connector and SLA escalations, shown in the app. */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.references("cases.id"))
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("element_id", "text")
    // roles that should see it (e.g. ["kepala-bidang"]); empty with a user_id for one person
    .addColumn("roles", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("user_id", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    // "app" for the in-app list; email/SMS adapters record their own channel
    .addColumn("channel", "text", (c) => c.notNull().defaultTo("app"))
    .addColumn("data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("read_at", "timestamptz")
    // one notification per job even when Temporal retries the activity
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .execute();
  await db.schema
    .createIndex("notifications_district_created")
    .on("notifications")
    .columns(["district", "created_at"])
    .execute();
  await db.schema.createIndex("notifications_case").on("notifications").column("case_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("notifications").execute();
}
