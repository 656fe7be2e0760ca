/** The notifications table (migration 0002): written by the notify connector, read by the app. */
import type { ColumnType, Selectable } from "kysely";
import type { Db } from "../store/db";

export interface NotificationsTable {
  id: string;
  case_id: string | null;
  district: string;
  element_id: string | null;
  roles: ColumnType<string[], string | undefined, string>;
  user_id: string | null;
  title: string;
  body: string;
  channel: ColumnType<string, string | undefined, string>;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  dedupe_key: string | null;
}

export type NotificationRow = Selectable<NotificationsTable>;

function table(db: Db) {
  return db.withTables<{ notifications: NotificationsTable }>();
}

export interface NewNotification {
  id: string;
  caseId: string | null;
  district: string;
  elementId: string | null;
  roles: string[];
  userId?: string | null;
  title: string;
  body: string;
  data?: Record<string, unknown>;
  dedupeKey: string;
}

/** Stores a notification once per dedupe key; returns the stored row (the first one on retries). */
export async function insertNotification(db: Db, n: NewNotification): Promise<NotificationRow> {
  await table(db)
    .insertInto("notifications")
    .values({
      id: n.id,
      case_id: n.caseId,
      district: n.district,
      element_id: n.elementId,
      roles: JSON.stringify(n.roles),
      user_id: n.userId ?? null,
      title: n.title,
      body: n.body,
      data: JSON.stringify(n.data ?? {}),
      dedupe_key: n.dedupeKey,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .execute();
  return table(db)
    .selectFrom("notifications")
    .selectAll()
    .where("dedupe_key", "=", n.dedupeKey)
    .executeTakeFirstOrThrow();
}

/** Notifications of a district for any of the given roles, newest first. */
export async function listNotifications(
  db: Db,
  filter: { district: string; roles?: string[]; caseId?: string; limit?: number },
): Promise<NotificationRow[]> {
  let q = table(db).selectFrom("notifications").selectAll().where("district", "=", filter.district);
  if (filter.caseId) q = q.where("case_id", "=", filter.caseId);
  const rows = await q
    .orderBy("created_at", "desc")
    .limit(filter.limit ?? 100)
    .execute();
  const roles = filter.roles;
  return roles ? rows.filter((r) => r.roles.length === 0 || r.roles.some((role) => roles.includes(role))) : rows;
}
