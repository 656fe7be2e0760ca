/**
 * Password sign-in with throttling kept in the database (so every API process sees it): at most
 * IP_LIMIT failed attempts per IP per window, and an account locks for LOCK_MS after
 * ACCOUNT_LIMIT consecutive failures.
 */
import { sql } from "kysely";
import type { Db } from "../store/db";
import { dummyPasswordHash, verifyPassword } from "./password";

export const IP_LIMIT = 20;
export const IP_WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_LIMIT = 5;
export const LOCK_MS = 15 * 60 * 1000;

export type LoginOutcome =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "locked" | "rate-limited"; retryAfterSeconds?: number };

/** Checks a username and password, recording the attempt. */
export async function attemptLogin(
  db: Db,
  input: { username: string; password: string; ip: string },
): Promise<LoginOutcome> {
  const since = new Date(Date.now() - IP_WINDOW_MS);
  const { failures } = await db
    .selectFrom("login_attempts")
    .select(sql<number>`count(*)::int`.as("failures"))
    .where("ip", "=", input.ip)
    .where("success", "=", false)
    .where("at", ">", since)
    .executeTakeFirstOrThrow();
  if (failures >= IP_LIMIT) return { ok: false, reason: "rate-limited", retryAfterSeconds: IP_WINDOW_MS / 1000 };

  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "disabled", "locked_until"])
    .where("username", "=", input.username.toLowerCase())
    .executeTakeFirst();
  const record = (success: boolean) =>
    db
      .insertInto("login_attempts")
      .values({ username: input.username.slice(0, 100), ip: input.ip, success })
      .execute();

  if (user?.locked_until && new Date(user.locked_until).getTime() > Date.now()) {
    await record(false);
    const retryAfterSeconds = Math.ceil((new Date(user.locked_until).getTime() - Date.now()) / 1000);
    return { ok: false, reason: "locked", retryAfterSeconds };
  }
  const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || user.disabled || !valid) {
    await record(false);
    if (user && !user.disabled) {
      // One statement so that concurrent failures on two API processes cannot lose a count.
      await db
        .updateTable("users")
        .set((eb) => ({
          failed_logins: eb("failed_logins", "+", 1),
          locked_until: sql`CASE WHEN failed_logins + 1 >= ${ACCOUNT_LIMIT} THEN now() + make_interval(secs => ${LOCK_MS / 1000}) ELSE locked_until END`,
        }))
        .where("id", "=", user.id)
        .execute();
    }
    return { ok: false, reason: "invalid" };
  }
  await record(true);
  await db.updateTable("users").set({ failed_logins: 0, locked_until: null }).where("id", "=", user.id).execute();
  return { ok: true, userId: user.id };
}
