/**
 * The outbox of notification deliveries (migration 0012): one row per notification, recipient and
 * external channel, written with the notification. Several API processes share the rows through a
 * lease on next_attempt_at taken with SKIP LOCKED. A row taken for sending is `sending` until the
 * outcome is recorded, so a process that dies in between leaves evidence that a send may have
 * happened (see notifications/delivery-sweeper.ts for what is done with it).
 */
import type { NotificationChannelName } from "@alur/shared/api";
import { sql } from "kysely";
import type { Db } from "./db";
import type { NotificationsTable } from "./notifications";

export interface DueDelivery {
  id: string;
  notificationId: string;
  /** null: an applicant (online application), known by address only. */
  userId: string | null;
  channel: NotificationChannelName;
  address: string;
  withheld: boolean;
  attempts: number;
  /** The row was `sending` when taken: an earlier attempt died before recording its outcome. */
  interrupted: boolean;
  title: string;
  body: string;
  caseId: string | null;
  data: Record<string, unknown>;
}

/** Delay before the next attempt after `attempts` failures: 10 s doubling, at most 30 minutes. */
function deliveryRetryDelaySeconds(attempts: number): number {
  return Math.min(1800, 10 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Takes due rows of the given channels under a lease of `leaseSeconds`, marks them `sending` and
 * counts the attempt, all in one committed statement: from here on a send may happen.
 */
export async function takeDueDeliveries(
  db: Db,
  options: { channels: NotificationChannelName[]; limit: number; leaseSeconds: number },
): Promise<DueDelivery[]> {
  if (options.channels.length === 0) return [];
  const due = db
    .selectFrom("notification_deliveries")
    .select("id")
    .where("status", "in", ["pending", "sending"])
    .where("channel", "in", options.channels)
    .where("next_attempt_at", "<=", sql<Date>`now()`)
    .orderBy("next_attempt_at")
    .limit(options.limit)
    .forUpdate()
    .skipLocked();
  const taken = await db
    .with("before", (qb) => qb.selectFrom("notification_deliveries").select(["id", "status"]).where("id", "in", due))
    .updateTable("notification_deliveries as d")
    .from("before as b")
    .whereRef("b.id", "=", "d.id")
    .set((eb) => ({
      status: "sending",
      attempts: eb("d.attempts", "+", 1),
      next_attempt_at: sql`now() + make_interval(secs => ${options.leaseSeconds})`,
    }))
    .returning(["d.id", "b.status as previous"])
    .execute();
  if (taken.length === 0) return [];
  const rows = await db
    .withTables<{ notifications: NotificationsTable }>()
    .selectFrom("notification_deliveries as d")
    .innerJoin("notifications as n", "n.id", "d.notification_id")
    .select([
      "d.id",
      "d.notification_id",
      "d.user_id",
      "d.channel",
      "d.address",
      "d.withheld",
      "d.attempts",
      "n.title",
      "n.body",
      "n.case_id",
      "n.data",
    ])
    .where(
      "d.id",
      "in",
      taken.map((t) => t.id),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    notificationId: r.notification_id,
    userId: r.user_id,
    channel: r.channel,
    address: r.address,
    withheld: r.withheld,
    attempts: r.attempts,
    interrupted: taken.find((t) => t.id === r.id)?.previous === "sending",
    title: r.title,
    body: r.body,
    caseId: r.case_id,
    data: r.data as Record<string, unknown>,
  }));
}

/** The channel accepted the message. */
export async function markDelivered(db: Db, id: string, providerId: string | null): Promise<void> {
  await db
    .updateTable("notification_deliveries")
    .set({ status: "sent", provider_id: providerId, sent_at: sql`now()`, last_error: null })
    .where("id", "=", id)
    .execute();
}

/** A failed attempt: retried after a back-off, or given up on after `maxAttempts`. */
export async function markDeliveryFailed(
  db: Db,
  id: string,
  attempts: number,
  error: string,
  maxAttempts: number,
): Promise<void> {
  await db
    .updateTable("notification_deliveries")
    .set({
      status: attempts >= maxAttempts ? "failed" : "pending",
      last_error: error.slice(0, 2000),
      next_attempt_at: sql`now() + make_interval(secs => ${deliveryRetryDelaySeconds(attempts)})`,
    })
    .where("id", "=", id)
    .execute();
}

/** An interrupted send on a channel that cannot recognise a repeat: never sent again. */
export async function markUnconfirmed(db: Db, id: string, note: string): Promise<void> {
  await db
    .updateTable("notification_deliveries")
    .set({ status: "unconfirmed", last_error: note })
    .where("id", "=", id)
    .execute();
}

/** Deliveries of a notification (for tests and the operator). */
export async function deliveriesOf(db: Db, notificationId: string) {
  return db
    .selectFrom("notification_deliveries")
    .selectAll()
    .where("notification_id", "=", notificationId)
    .orderBy("created_at")
    .execute();
}
