/**
 * Online applications (migration 0016): the applicant's contact and receipt per case, the counts
 * the abuse limits read, and notices to the applicant. An applicant notice is a notification no
 * staff member holds (role `applicant`), with one delivery per address the applicant gave, written
 * in the same transaction and once per dedupe key, so the delivery sweeper sends each once.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "./db";
import type { NotificationsTable } from "./notifications";

/** The pseudo-role of applicant notices: no user holds it, so no staff bell or delivery shows them. */
export const APPLICANT_ROLE = "applicant";

export interface NewPublicApplication {
  caseId: string;
  district: string;
  phone: string | null;
  email: string | null;
  ip: string;
  trackUrl: string;
  receipt: Record<string, unknown>;
}

export async function insertPublicApplication(db: Db, a: NewPublicApplication): Promise<void> {
  await db
    .insertInto("public_applications")
    .values({
      case_id: a.caseId,
      district: a.district,
      phone: a.phone,
      email: a.email,
      ip: a.ip,
      track_url: a.trackUrl,
      receipt: JSON.stringify(a.receipt),
    })
    .execute();
}

/** Applications since `since` from this client address, or naming this phone or email. */
export async function applicationsSince(
  db: Db,
  by: { ip?: string; phone?: string | null; email?: string | null },
  since: Date,
): Promise<number> {
  const { n } = await db
    .selectFrom("public_applications")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("created_at", ">", since)
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

/** The online application of a case, or undefined for a case the front office started. */
export async function publicApplicationOf(db: Db, caseId: string) {
  return db.selectFrom("public_applications").selectAll().where("case_id", "=", caseId).executeTakeFirst();
}

/**
 * A notice to the applicant of an online application, once per `dedupeKey`: nothing for a case
 * without one. `{link}` in the body becomes the tracking page's address.
 */
export async function noticeApplicant(
  db: Db,
  n: { caseId: string; title: string; body: string; dedupeKey: string },
): Promise<boolean> {
  const work = async (tx: Db) => {
    const app = await publicApplicationOf(tx, n.caseId);
    if (!app) return false;
    const inserted = await tx
      .withTables<{ notifications: NotificationsTable }>()
      .insertInto("notifications")
      .values({
        id: randomUUID(),
        kind: "notice",
        case_id: n.caseId,
        district: app.district,
        element_id: null,
        roles: JSON.stringify([APPLICANT_ROLE]),
        user_id: null,
        title: n.title,
        body: n.body.replaceAll("{link}", app.track_url),
        data: JSON.stringify({ audience: "applicant" }),
        dedupe_key: n.dedupeKey,
      })
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return false;
    const rows = [
      ...(app.email ? [{ channel: "email" as const, address: app.email }] : []),
      ...(app.phone ? [{ channel: "whatsapp-sms" as const, address: app.phone }] : []),
    ].map((d) => ({ id: randomUUID(), notification_id: inserted.id, user_id: null, ...d, withheld: false }));
    if (rows.length > 0) await tx.insertInto("notification_deliveries").values(rows).execute();
    return true;
  };
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
