/**
 * Complaints (pengaduan): a store-backed record per complaint, not a workflow. Its one rule is the
 * 3 × 24-hour response clock in clock hours, kept as `due_at`; the due-warning sweep reads it. The
 * complainant's contact, the client address (for the abuse limits) and the tracking code's hash
 * (bound to the complaint id) are kept with it; a complaint may name the case it is about.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("complaints")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("complaint_number", "text", (c) => c.notNull().unique())
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ('online', 'phone', 'walk-in')`))
    .addColumn("process_id", "text")
    .addColumn("service_name", "text")
    .addColumn("case_id", "text", (c) => c.references("cases.id").onDelete("set null"))
    .addColumn("name", "text")
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("tracking_code_hash", "text", (c) => c.notNull())
    .addColumn("track_url", "text", (c) => c.notNull())
    .addColumn("received_by", "text")
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("answer", "text")
    .addColumn("responded_at", "timestamptz")
    .addColumn("responded_by", "text")
    .execute();
  await db.schema
    .createIndex("complaints_open_due")
    .on("complaints")
    .columns(["district", "due_at"])
    .where(sql.ref("responded_at"), "is", null)
    .execute();
  await db.schema.createIndex("complaints_received").on("complaints").columns(["district", "received_at"]).execute();
  await db.schema.createIndex("complaints_ip").on("complaints").columns(["ip", "received_at"]).execute();
  await db.schema.createIndex("complaints_phone").on("complaints").columns(["phone", "received_at"]).execute();
  await db.schema.createIndex("complaints_email").on("complaints").columns(["email", "received_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("complaints").execute();
}
