/**
 * Retention of personal data: a closed case past its service's retention period is marked when its
 * personal data is purged. The lock-out columns of users go: sign-in limits became a progressive
 * delay over `login_attempts`, and nothing reads them.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("cases").addColumn("purged_at", "timestamptz").execute();
  await db.schema.alterTable("users").dropColumn("failed_logins").dropColumn("locked_until").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "timestamptz")
    .execute();
  await db.schema.alterTable("cases").dropColumn("purged_at").execute();
}
