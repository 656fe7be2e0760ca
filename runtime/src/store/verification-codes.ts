/**
 * Verification codes of online applications (migration 0023). A code is issued for a district and
 * the contact the applicant gave (phone and/or email, as the application will name them), and is
 * delivered as an applicant notice through the same outbox as every other notice. An application
 * uses the newest live code of its contact: each wrong guess counts against it, and it is spent in
 * the transaction that records the application, so a code opens exactly one application.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "./db";
import type { NotificationsTable } from "./notifications";
import { APPLICANT_ROLE } from "./public-applications";

export interface VerificationContact {
  phone: string | null;
  email: string | null;
}

/** Records a code (its hash) and its notice with one delivery per address, together. */
export async function issueVerificationCode(
  db: Db,
  input: VerificationContact & {
    id: string;
    district: string;
    ip: string;
    codeHash: string;
    expiresAt: Date;
    title: string;
    body: string;
  },
): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const id = input.id;
    await tx
      .insertInto("verification_codes")
      .values({
        id,
        district: input.district,
        phone: input.phone,
        email: input.email,
        code_hash: input.codeHash,
        ip: input.ip,
        expires_at: input.expiresAt,
      })
      .execute();
    const notificationId = randomUUID();
    await tx
      .withTables<{ notifications: NotificationsTable }>()
      .insertInto("notifications")
      .values({
        id: notificationId,
        kind: "notice",
        case_id: null,
        district: input.district,
        element_id: null,
        roles: JSON.stringify([APPLICANT_ROLE]),
        user_id: null,
        title: input.title,
        body: input.body,
        data: JSON.stringify({ audience: "applicant", verificationCodeId: id }),
        dedupe_key: `verification:${id}`,
      })
      .execute();
    const rows = [
      ...(input.email ? [{ channel: "email" as const, address: input.email }] : []),
      ...(input.phone ? [{ channel: "whatsapp-sms" as const, address: input.phone }] : []),
    ].map((d) => ({ id: randomUUID(), notification_id: notificationId, user_id: null, ...d, withheld: false }));
    await tx.insertInto("notification_deliveries").values(rows).execute();
    return id;
  });
}

/** Codes issued since `since` to this client address, or to this phone or email. */
export async function verificationCodesSince(
  db: Db,
  by: { ip?: string; phone?: string | null; email?: string | null },
  since: Date,
): Promise<number> {
  const { n } = await db
    .selectFrom("verification_codes")
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

/** The newest unspent, unexpired code of exactly this contact in the district. */
export async function liveVerificationCode(db: Db, district: string, contact: VerificationContact, now: Date) {
  return db
    .selectFrom("verification_codes")
    .select(["id", "code_hash", "attempts", "expires_at"])
    .where("district", "=", district)
    .where(sql<boolean>`email IS NOT DISTINCT FROM ${contact.email}`)
    .where(sql<boolean>`phone IS NOT DISTINCT FROM ${contact.phone}`)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Counts a wrong guess; returns the attempts made so far. */
export async function countVerificationAttempt(db: Db, id: string): Promise<number> {
  const row = await db
    .updateTable("verification_codes")
    .set({ attempts: sql`attempts + 1` })
    .where("id", "=", id)
    .returning("attempts")
    .executeTakeFirst();
  return row?.attempts ?? 0;
}

/** Spends the code; false when another application spent it first. */
export async function spendVerificationCode(db: Db, id: string): Promise<boolean> {
  const row = await db
    .updateTable("verification_codes")
    .set({ used_at: new Date() })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}
