/**
 * Public tracking: each case started from now on has a tracking code the applicant is given; only
 * its hash is kept. Failed lookups are counted per client address so the codes cannot be guessed.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // null for cases started before tracking existed (and for called child cases): they cannot be tracked
  await db.schema.alterTable("cases").addColumn("tracking_code_hash", "text").execute();
  await db.schema
    .createTable("tracking_attempts")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("success", "boolean", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("tracking_attempts_ip").on("tracking_attempts").columns(["ip", "at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("tracking_attempts").execute();
  await db.schema.alterTable("cases").dropColumn("tracking_code_hash").execute();
}
