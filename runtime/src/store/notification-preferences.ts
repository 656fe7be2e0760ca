/** Per-user notification preferences (migration 0012): channels per kind and the addresses given. */
import { NotificationKind, type NotificationPreferences } from "@alur/shared/api";
import { sql } from "kysely";
import { type AuditRecord, appendAudit } from "./audit";
import type { Db } from "./db";
import { channelsFor } from "./notifications";

/** The user's preferences with every kind filled in (defaults for those never set). */
export async function preferencesOf(db: Db, userId: string): Promise<NotificationPreferences> {
  const row = await db
    .selectFrom("notification_preferences")
    .selectAll()
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return {
    email: row?.email ?? null,
    phone: row?.phone ?? null,
    channels: Object.fromEntries(
      NotificationKind.options.map((kind) => [kind, [...channelsFor(row?.channels, kind)]]),
    ) as NotificationPreferences["channels"],
  };
}

/** Replaces the user's preferences; with `audit`, its entry commits with the change. */
export async function savePreferences(
  db: Db,
  userId: string,
  prefs: NotificationPreferences,
  audit?: AuditRecord,
): Promise<void> {
  const values = { email: prefs.email, phone: prefs.phone, channels: JSON.stringify(prefs.channels) };
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("notification_preferences")
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ ...values, updated_at: sql`now()` }))
      .execute();
    if (audit) await appendAudit(tx, audit);
  });
}

/** Kinds the user turned off in the app (their bell leaves them out). */
export async function kindsHiddenInApp(db: Db, userId: string): Promise<NotificationKind[]> {
  const prefs = await preferencesOf(db, userId);
  return NotificationKind.options.filter((kind) => !prefs.channels[kind].includes("in-app"));
}
