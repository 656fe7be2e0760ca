/**
 * Notifications people see and receive: each notification gets a kind, read state per reader
 * (a role-addressed notification is read by each holder on their own), per-user channel
 * preferences with the addresses they gave, and an outbox of deliveries (notification ×
 * recipient × channel) written in the same transaction as the notification and sent by a sweep.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // notice (the notify connector, SLA escalations), task-assigned, task-due-soon, task-overdue
  await db.schema
    .alterTable("notifications")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("notice"))
    .execute();
  await db.schema
    .createIndex("notifications_user_created")
    .on("notifications")
    .columns(["user_id", "created_at"])
    .execute();
  await db.schema
    .createTable("notification_reads")
    .addColumn("notification_id", "text", (c) => c.notNull().references("notifications.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("read_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("notification_reads_pk", ["user_id", "notification_id"])
    .execute();
  await db.schema
    .createTable("notification_preferences")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id"))
    .addColumn("email", "text")
    .addColumn("phone", "text")
    // { [kind]: ("in-app" | "email" | "whatsapp-sms")[] }; a kind not listed uses the defaults
    .addColumn("channels", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable("notification_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("notification_id", "text", (c) => c.notNull().references("notifications.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("channel", "text", (c) => c.notNull())
    // the address at the time of writing: a later change of preference does not redirect it
    .addColumn("address", "text", (c) => c.notNull())
    // the text named a restricted field of a sensitive case this recipient may not see
    .addColumn("withheld", "boolean", (c) => c.notNull().defaultTo(false))
    // pending → sending (taken, send under way) → sent | failed | unconfirmed (see delivery-sweeper)
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    // also the lease of a row being sent
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("provider_id", "text")
    .addColumn("sent_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("notification_deliveries_once", ["notification_id", "user_id", "channel"])
    .execute();
  await db.schema
    .createIndex("notification_deliveries_due")
    .on("notification_deliveries")
    .columns(["status", "next_attempt_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("notification_deliveries").execute();
  await db.schema.dropTable("notification_preferences").execute();
  await db.schema.dropTable("notification_reads").execute();
  await db.schema.dropIndex("notifications_user_created").execute();
  await db.schema.alterTable("notifications").dropColumn("kind").execute();
}
