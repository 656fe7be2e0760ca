/**
 * The notifications table (migration 0002, kind and per-reader read state from 0012): written by
 * the notify connector, task assignment and due-date warnings, read in the app's notification
 * centre. Writing a notification also writes its deliveries (the outbox the delivery sweeper
 * sends) in the same transaction, so a notification is never stored without them or sent without
 * being stored.
 */
import type { NotificationChannelName, NotificationKind } from "@alur/shared/api";
import { DEFAULT_CHANNELS } from "@alur/shared/api";
import { type ColumnType, type Selectable, sql } from "kysely";
import { hiddenFields, parsePrivacy } from "../auth/privacy";
import type { Db } from "./db";

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
  kind: ColumnType<NotificationKind, NotificationKind | undefined, NotificationKind>;
}

export type NotificationRow = Selectable<NotificationsTable>;

function table(db: Db) {
  return db.withTables<{ notifications: NotificationsTable }>();
}

export interface NewNotification {
  id: string;
  kind?: NotificationKind;
  caseId: string | null;
  district: string;
  elementId: string | null;
  roles: string[];
  userId?: string | null;
  title: string;
  body: string;
  /**
   * `fields`: the case variables the title and body were filled from, so a reader (or recipient)
   * who may not see one of them gets the text withheld; `taskId`: the task it is about.
   */
  data?: Record<string, unknown> & { fields?: string[]; taskId?: string };
  dedupeKey: string;
}

/**
 * Stores a notification once per dedupe key, with one delivery per recipient and external channel
 * they chose (email/WhatsApp-SMS, when they gave the address); returns the stored row (the first
 * one on retries, whose deliveries were written with it).
 */
export async function insertNotification(db: Db, n: NewNotification): Promise<NotificationRow> {
  const kind = n.kind ?? "notice";
  // inside a caller's transaction (a reassignment), the notification commits with its change
  const inTransaction = <T>(work: (tx: Db) => Promise<T>) =>
    db.isTransaction ? work(db) : db.transaction().execute(work);
  return inTransaction(async (tx) => {
    const inserted = await table(tx)
      .insertInto("notifications")
      .values({
        id: n.id,
        kind,
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
      .returningAll()
      .executeTakeFirst();
    if (inserted) {
      await writeDeliveries(tx, inserted, n.data?.fields ?? []);
      return inserted;
    }
    return table(tx)
      .selectFrom("notifications")
      .selectAll()
      .where("dedupe_key", "=", n.dedupeKey)
      .executeTakeFirstOrThrow();
  });
}

/**
 * The users a notification is addressed to: the one person, or the role holders of its district,
 * with those who hold one of its roles today as acting officials (Plt/Plh, dates in Asia/Jakarta);
 * each with the roles they read it under (their own and their acting ones).
 */
async function recipients(db: Db, n: NotificationRow): Promise<{ id: string; roles: string[] }[]> {
  const acting = sql<string[]>`coalesce((
      SELECT array_agg(DISTINCT r) FROM acting_assignments a, jsonb_array_elements_text(a.roles) AS r
      WHERE a.user_id = u.id AND a.district = ${n.district}
        AND (now() AT TIME ZONE 'Asia/Jakarta')::date BETWEEN a.starts_on AND a.ends_on
    ), '{}')`;
  let q = db
    .selectFrom("users as u")
    .leftJoin("user_roles as ur", "ur.user_id", "u.id")
    .select([
      "u.id",
      sql<string[]>`coalesce(array_agg(ur.role_id) filter (where ur.role_id is not null), '{}')`.as("roles"),
      acting.as("acting_roles"),
    ])
    .where("u.disabled", "=", false)
    .groupBy("u.id");
  if (n.user_id) q = q.where("u.id", "=", n.user_id);
  else {
    const holds =
      n.roles.length > 0
        ? sql<boolean>`EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role_id IN (${sql.join(n.roles)}))`
        : sql<boolean>`true`;
    const actsAs =
      n.roles.length > 0
        ? sql<boolean>`${acting} && array[${sql.join(n.roles)}]::text[]`
        : sql<boolean>`cardinality(${acting}) > 0`;
    q = q.where(sql<boolean>`((u.district = ${n.district} AND ${holds}) OR ${actsAs})`);
  }
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, roles: [...new Set([...r.roles, ...r.acting_roles])] }));
}

async function writeDeliveries(db: Db, n: NotificationRow, fields: string[]): Promise<void> {
  const people = await recipients(db, n);
  if (people.length === 0) return;
  const prefs = await db
    .selectFrom("notification_preferences")
    .selectAll()
    .where(
      "user_id",
      "in",
      people.map((p) => p.id),
    )
    .execute();
  const privacy = n.case_id ? await casePrivacy(db, n.case_id) : undefined;
  const rows = people.flatMap((person) => {
    const pref = prefs.find((p) => p.user_id === person.id);
    const channels = channelsFor(pref?.channels, n.kind);
    const withheld = textWithheld(fields, hiddenFields(privacy, person));
    const out: { channel: NotificationChannelName; address: string }[] = [];
    if (channels.includes("email") && pref?.email) out.push({ channel: "email", address: pref.email });
    if (channels.includes("whatsapp-sms") && pref?.phone) out.push({ channel: "whatsapp-sms", address: pref.phone });
    return out.map((o) => ({
      id: crypto.randomUUID(),
      notification_id: n.id,
      user_id: person.id,
      channel: o.channel,
      address: o.address,
      withheld,
    }));
  });
  if (rows.length > 0) await db.insertInto("notification_deliveries").values(rows).execute();
}

/** The channels a user chose for a kind, or the defaults. */
export function channelsFor(
  chosen: Partial<Record<NotificationKind, NotificationChannelName[]>> | undefined,
  kind: NotificationKind,
): readonly NotificationChannelName[] {
  return chosen?.[kind] ?? DEFAULT_CHANNELS;
}

/** True when the text was filled from a field the reader may not see (any part of its path). */
export function textWithheld(fields: readonly string[], hidden: ReadonlySet<string>): boolean {
  return hidden.size > 0 && fields.some((f) => f.split(".").some((part) => hidden.has(part)));
}

/** The personal-data rules of a case's service (undefined when it has none). */
async function casePrivacy(db: Db, caseId: string) {
  const row = await db
    .selectFrom("cases as c")
    .innerJoin("process_versions as v", "v.id", "c.process_version_id")
    .select(sql<unknown>`v.plan->'privacy'`.as("privacy"))
    .where("c.id", "=", caseId)
    .executeTakeFirst();
  return parsePrivacy(row?.privacy);
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

/** Who is reading: a user, their district and roles. */
export interface Reader {
  userId: string;
  district: string | null;
  roles: string[];
}

/**
 * Notifications addressed to the reader: to them personally, or (without a person) to one of
 * their roles in their district (no roles: the whole district). Kinds they turned off in-app are
 * left out.
 */
function visibleTo(db: Db, reader: Reader, hiddenKinds: NotificationKind[]) {
  let q = table(db)
    .selectFrom("notifications as n")
    .leftJoin("notification_reads as r", (j) =>
      j.onRef("r.notification_id", "=", "n.id").on("r.user_id", "=", reader.userId),
    )
    .where((eb) =>
      eb.or([
        eb("n.user_id", "=", reader.userId),
        ...(reader.district === null
          ? []
          : [
              eb.and([
                eb("n.user_id", "is", null),
                eb("n.district", "=", reader.district),
                eb.or([
                  eb(sql`n.roles`, "=", sql`'[]'::jsonb`),
                  ...(reader.roles.length > 0
                    ? [eb(sql<boolean>`n.roles ?| ${sql.val(reader.roles)}::text[]`, "=", true)]
                    : []),
                ]),
              ]),
            ]),
      ]),
    );
  if (hiddenKinds.length > 0) q = q.where("n.kind", "not in", hiddenKinds);
  return q;
}

export interface NotificationView {
  row: NotificationRow;
  readAt: Date | null;
  privacy: unknown;
  /** The page's position of this row, for the next page's cursor. */
  position: string;
}

/** One page of the reader's notifications, newest first; `after` is the previous page's last position. */
export async function listForReader(
  db: Db,
  reader: Reader,
  options: { unreadOnly: boolean; limit: number; after?: { at: string; id: string }; hiddenKinds: NotificationKind[] },
): Promise<NotificationView[]> {
  let q = visibleTo(db, reader, options.hiddenKinds)
    .leftJoin("cases as c", "c.id", "n.case_id")
    .leftJoin("process_versions as v", "v.id", "c.process_version_id")
    .selectAll("n")
    .select([
      "r.read_at as reader_read_at",
      sql<unknown>`v.plan->'privacy'`.as("privacy"),
      // microseconds kept: a millisecond cursor would skip or repeat rows written in the same ms
      sql<string>`to_char(n.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as("position_at"),
    ])
    .orderBy("n.created_at", "desc")
    .orderBy("n.id", "desc")
    .limit(options.limit);
  if (options.unreadOnly) q = q.where("r.notification_id", "is", null);
  const after = options.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb("n.created_at", "<", sql<Date>`${after.at}::timestamptz`),
        eb.and([eb("n.created_at", "=", sql<Date>`${after.at}::timestamptz`), eb("n.id", "<", after.id)]),
      ]),
    );
  const rows = await q.execute();
  return rows.map(({ reader_read_at, privacy, position_at, ...row }) => ({
    row: row as NotificationRow,
    readAt: reader_read_at ? new Date(reader_read_at) : null,
    privacy,
    position: `${position_at}|${row.id}`,
  }));
}

/** How many of the reader's notifications they have not read. */
export async function unreadCount(db: Db, reader: Reader, hiddenKinds: NotificationKind[]): Promise<number> {
  const row = await visibleTo(db, reader, hiddenKinds)
    .where("r.notification_id", "is", null)
    .select(sql<string>`count(*)`.as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one notification read for the reader; false when it is not addressed to them. */
export async function markRead(db: Db, reader: Reader, id: string): Promise<boolean> {
  const visible = await visibleTo(db, reader, []).select("n.id").where("n.id", "=", id).executeTakeFirst();
  if (!visible) return false;
  await db
    .insertInto("notification_reads")
    .values({ notification_id: id, user_id: reader.userId })
    .onConflict((oc) => oc.columns(["user_id", "notification_id"]).doNothing())
    .execute();
  return true;
}

/** Marks every unread notification of the reader read; returns how many. */
export async function markAllRead(db: Db, reader: Reader): Promise<number> {
  const unread = visibleTo(db, reader, []).where("r.notification_id", "is", null).select("n.id");
  const result = await db
    .insertInto("notification_reads")
    .columns(["notification_id", "user_id"])
    .expression(unread.select(sql<string>`${reader.userId}`.as("user_id")))
    .onConflict((oc) => oc.columns(["user_id", "notification_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/**
 * Open tasks due before now + `horizonDays` that still lack a due-soon or overdue warning, with
 * which of the two they already have.
 */
export async function tasksToWarn(db: Db, options: { now: Date; horizonDays: number; limit: number }) {
  const warned = (kind: string) =>
    sql<boolean>`exists (select 1 from notifications n where n.dedupe_key = 'task:' || t.id || ':' || ${kind})`;
  return (
    db
      .selectFrom("tasks as t")
      .innerJoin("cases as c", "c.id", "t.case_id")
      .select([
        "t.id",
        "t.case_id",
        "t.district",
        "t.element_id",
        "t.name",
        "t.roles",
        "t.assignee",
        "t.due_at",
        "c.case_number",
        warned("task-due-soon").as("warned_due_soon"),
        warned("task-overdue").as("warned_overdue"),
      ])
      .where("t.status", "in", ["open", "claimed"])
      .where("t.due_at", "is not", null)
      .where(
        "t.due_at",
        "<",
        sql<Date>`${options.now.toISOString()}::timestamptz + make_interval(days => ${options.horizonDays})`,
      )
      // overdue warned means done with this task; due-soon warned ones stay until they are overdue
      .where(sql<boolean>`not ${warned("task-overdue")}`)
      .orderBy("t.due_at")
      .limit(options.limit)
      .execute()
  );
}
