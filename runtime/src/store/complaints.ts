/**
 * Complaints (migration 0018): filing, the team's list, the answer (once), what the abuse limits
 * and the response-time report read, and notices to the complainant. A notice to a complainant is
 * a notification no staff member holds (role `applicant`, as an online applicant's), with one
 * delivery per address they gave, written in the answer's transaction.
 */
import { randomUUID } from "node:crypto";
import { COMPLAINT_ROLE } from "@alur/shared/complaints";
import { sql } from "kysely";
import type { Db } from "./db";
import { escapeLike } from "./like";
import type { NotificationsTable } from "./notifications";
import { APPLICANT_ROLE } from "./public-applications";

export interface NewComplaint {
  id: string;
  district: string;
  districtAbbreviation: string;
  channel: "online" | "phone" | "walk-in";
  processId: string | null;
  serviceName: string | null;
  caseId: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  category: string;
  text: string;
  ip: string | null;
  trackingCodeHash: string;
  trackUrl: string;
  receivedBy: string | null;
  receivedAt: Date;
  dueAt: Date;
}

/** Stores a complaint under the next number `ADU/<DIST>/<YEAR>/000123` (one counter per district and year). */
export async function insertComplaint(db: Db, c: NewComplaint): Promise<string> {
  const year = Number(
    new Intl.DateTimeFormat("en", { timeZone: "Asia/Jakarta", year: "numeric" }).format(c.receivedAt),
  );
  const prefix = `ADU/${c.districtAbbreviation.toUpperCase()}/${year}`;
  const work = async (tx: Db) => {
    const { value } = await tx
      .insertInto("case_number_counters")
      .values({ prefix, value: 1 })
      .onConflict((oc) =>
        oc.column("prefix").doUpdateSet((eb) => ({ value: eb("case_number_counters.value", "+", 1) })),
      )
      .returning("value")
      .executeTakeFirstOrThrow();
    const complaintNumber = `${prefix}/${String(value).padStart(6, "0")}`;
    await tx
      .insertInto("complaints")
      .values({
        id: c.id,
        complaint_number: complaintNumber,
        district: c.district,
        channel: c.channel,
        process_id: c.processId,
        service_name: c.serviceName,
        case_id: c.caseId,
        name: c.name,
        phone: c.phone,
        email: c.email,
        category: c.category,
        text: c.text,
        ip: c.ip,
        tracking_code_hash: c.trackingCodeHash,
        track_url: c.trackUrl,
        received_by: c.receivedBy,
        received_at: c.receivedAt,
        due_at: c.dueAt,
      })
      .execute();
    return complaintNumber;
  };
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Online complaints since `since` from this client address, or naming this phone or email. */
export async function complaintsSince(
  db: Db,
  by: { ip?: string; phone?: string | null; email?: string | null },
  since: Date,
): Promise<number> {
  const { n } = await db
    .selectFrom("complaints")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("channel", "=", "online")
    .where("received_at", ">", since)
    .where((eb) =>
      eb.or([
        ...(by.ip ? [eb("ip", "=", by.ip)] : []),
        ...(by.phone ? [eb("phone", "=", by.phone)] : []),
        ...(by.email ? [eb("email", "=", by.email)] : []),
        ...(!by.ip && !by.phone && !by.email ? [sql<boolean>`false`] : []),
      ]),
    )
    .executeTakeFirstOrThrow();
  return n;
}

function withCaseNumber(db: Db) {
  return db
    .selectFrom("complaints as k")
    .leftJoin("cases as c", "c.id", "k.case_id")
    .selectAll("k")
    .select("c.case_number");
}

export type ComplaintRow = Awaited<ReturnType<typeof complaintByNumber>> & object;

/** The complaint with this number (any district), for the complainant's tracking door. */
export async function complaintByNumber(db: Db, complaintNumber: string) {
  return withCaseNumber(db).where("k.complaint_number", "=", complaintNumber).executeTakeFirst();
}

export async function complaintById(db: Db, id: string) {
  return withCaseNumber(db).where("k.id", "=", id).executeTakeFirst();
}

/**
 * One page of the district's complaints, open ones by due time first, answered ones newest first,
 * and how many match. `search` finds a part of the complaint or case number, the complainant's
 * name, the service or the text (case-insensitive).
 */
export async function listComplaints(
  db: Db,
  q: { district: string; status: "open" | "answered" | "all"; search?: string; limit: number; offset: number },
) {
  let query = withCaseNumber(db).where("k.district", "=", q.district);
  if (q.status === "open") query = query.where("k.responded_at", "is", null);
  else if (q.status === "answered") query = query.where("k.responded_at", "is not", null);
  if (q.search) {
    const pattern = `%${escapeLike(q.search)}%`;
    query = query.where((eb) =>
      eb.or(
        (["k.complaint_number", "c.case_number", "k.name", "k.service_name", "k.text"] as const).map((column) =>
          eb(column, "ilike", pattern),
        ),
      ),
    );
  }
  const ordered =
    q.status === "open"
      ? query.orderBy("k.due_at").orderBy("k.id")
      : q.status === "answered"
        ? query.orderBy("k.responded_at", "desc").orderBy("k.id")
        : query.orderBy(sql`k.responded_at is not null`).orderBy("k.due_at").orderBy("k.id");
  const [rows, count] = await Promise.all([
    ordered.limit(q.limit).offset(q.offset).execute(),
    query.clearSelect().select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/**
 * Records the answer once (undefined when it was already answered) and writes the notice to the
 * complainant with one delivery per address they gave, in one transaction.
 */
export async function answerComplaint(
  db: Db,
  a: { id: string; answer: string; by: string; at: Date; notice: { title: string; body: string } },
) {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable("complaints")
      .set({ answer: a.answer, responded_at: a.at, responded_by: a.by })
      .where("id", "=", a.id)
      .where("responded_at", "is", null)
      .returningAll()
      .executeTakeFirst();
    if (!row) return undefined;
    const deliveries = [
      ...(row.email ? [{ channel: "email" as const, address: row.email }] : []),
      ...(row.phone ? [{ channel: "whatsapp-sms" as const, address: row.phone }] : []),
    ];
    if (deliveries.length > 0) {
      const notificationId = randomUUID();
      await tx
        .withTables<{ notifications: NotificationsTable }>()
        .insertInto("notifications")
        .values({
          id: notificationId,
          kind: "notice",
          case_id: row.case_id,
          district: row.district,
          element_id: null,
          roles: JSON.stringify([APPLICANT_ROLE]),
          user_id: null,
          title: a.notice.title,
          body: a.notice.body.replaceAll("{link}", row.track_url),
          data: JSON.stringify({ audience: "complainant", complaintId: row.id }),
          dedupe_key: `complaint:${row.id}:answered`,
        })
        .execute();
      await tx
        .insertInto("notification_deliveries")
        .values(deliveries.map((d) => ({ id: randomUUID(), notification_id: notificationId, user_id: null, ...d })))
        .execute();
    }
    return row;
  });
}

/** Complaints received in the period (inclusive start, exclusive end), for the response-time report and export. */
export async function complaintsReceivedIn(db: Db, p: { district: string; from: Date; until: Date }) {
  return withCaseNumber(db)
    .where("k.district", "=", p.district)
    .where("k.received_at", ">=", p.from)
    .where("k.received_at", "<", p.until)
    .orderBy("k.received_at")
    .execute();
}

/** Open complaints due before `horizon` and not yet warned of as overdue, for the due-warning sweep. */
export async function complaintsToWarn(db: Db, o: { horizon: Date; limit: number }) {
  const warned = (kind: string) =>
    sql<boolean>`exists (select 1 from notifications n where n.dedupe_key = 'complaint:' || k.id || ':' || ${kind})`;
  return db
    .selectFrom("complaints as k")
    .select([
      "k.id",
      "k.district",
      "k.complaint_number",
      "k.case_id",
      "k.due_at",
      warned("due-soon").as("warned_due_soon"),
      warned("overdue").as("warned_overdue"),
    ])
    .where("k.responded_at", "is", null)
    .where("k.due_at", "<", o.horizon)
    .where(sql<boolean>`not ${warned("overdue")}`)
    .orderBy("k.due_at")
    .limit(o.limit)
    .execute();
}

export { COMPLAINT_ROLE };
