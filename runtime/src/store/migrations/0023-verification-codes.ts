/**
 * Verification codes of online applications (issue 16, item 2): where a district asks for one, the
 * applicant proves the phone number or email address before applying. Only a hash of the code is
 * kept; the code itself travels in the notification delivered to that address.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("verification_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("verification_codes_contact", sql`phone IS NOT NULL OR email IS NOT NULL`)
    .execute();
  await db.schema.createIndex("verification_codes_ip").on("verification_codes").columns(["ip", "created_at"]).execute();
  await db.schema
    .createIndex("verification_codes_contact")
    .on("verification_codes")
    .columns(["district", "email", "phone", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("verification_codes").execute();
}
