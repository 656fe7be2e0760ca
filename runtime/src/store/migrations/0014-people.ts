/**
 * People: temporary passwords that must be changed, accounts signed in through OpenID Connect
 * (matched by issuer and subject), acting officials (Plt/Plh) holding a position's roles for a
 * date range, and the short-lived state of an OIDC sign-in in flight.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("must_change_password", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("oidc_issuer", "text")
    .addColumn("oidc_subject", "text")
    .execute();
  await db.schema
    .createIndex("users_oidc_identity")
    .on("users")
    .columns(["oidc_issuer", "oidc_subject"])
    .unique()
    .execute();
  await db.schema
    .createTable("acting_assignments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('plt', 'plh')`))
    .addColumn("position", "text", (c) => c.notNull())
    .addColumn("roles", "jsonb", (c) => c.notNull())
    // inclusive calendar dates in Asia/Jakarta
    .addColumn("starts_on", "date", (c) => c.notNull())
    .addColumn("ends_on", "date", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("revoked_at", "timestamptz")
    .addCheckConstraint("acting_assignments_range", sql`starts_on <= ends_on`)
    .execute();
  await db.schema
    .createIndex("acting_assignments_user")
    .on("acting_assignments")
    .columns(["user_id", "starts_on", "ends_on"])
    .execute();
  await db.schema
    .createTable("oidc_logins")
    // sha256 of the `state` parameter
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("return_to", "text", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("oidc_logins").execute();
  await db.schema.dropTable("acting_assignments").execute();
  await db.schema.dropIndex("users_oidc_identity").execute();
  await db.schema
    .alterTable("users")
    .dropColumn("oidc_subject")
    .dropColumn("oidc_issuer")
    .dropColumn("must_change_password")
    .execute();
}
