/**
 * Online applications: each case an applicant started from the public page keeps how the
 * applicant is told (phone and/or email), the client address (for the abuse limits) and the
 * receipt it was given (for its PDF). Deliveries to an applicant have no user: user_id may be null.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("public_applications")
    .addColumn("case_id", "text", (c) => c.primaryKey().references("cases.id").onDelete("cascade"))
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("ip", "text", (c) => c.notNull())
    // the tracking page's address as the applicant reached the office, for the notices' link
    .addColumn("track_url", "text", (c) => c.notNull())
    // the tanda terima as shown (without the tracking code, which is kept hashed on the case)
    .addColumn("receipt", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("public_applications_ip")
    .on("public_applications")
    .columns(["ip", "created_at"])
    .execute();
  await db.schema
    .createIndex("public_applications_phone")
    .on("public_applications")
    .columns(["phone", "created_at"])
    .execute();
  await db.schema
    .createIndex("public_applications_email")
    .on("public_applications")
    .columns(["email", "created_at"])
    .execute();
  await db.schema
    .alterTable("notification_deliveries")
    .alterColumn("user_id", (c) => c.dropNotNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db
    .deleteFrom("notification_deliveries" as never)
    .where("user_id" as never, "is", null)
    .execute();
  await db.schema
    .alterTable("notification_deliveries")
    .alterColumn("user_id", (c) => c.setNotNull())
    .execute();
  await db.schema.dropTable("public_applications").execute();
}
