/**
 * Password sign-in with throttling kept in the database (so every API process sees it): at most
 * IP_LIMIT failed attempts per client address per window, and after ACCOUNT_FREE_FAILURES
 * failures for one username from one client that client waits, twice as long after each further
 * failure. There is no account-wide lock: an attacker elsewhere cannot keep the owner out, and the
 * answer depends only on what this client sent, never on whether the name exists.
 */
import { sql } from "kysely";
import type { Db } from "../store/db";
import { dummyPasswordHash, verifyPassword } from "./password";

export const IP_LIMIT = 20;
const IP_WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_FREE_FAILURES = 5;
/** The wait after the first failure beyond the free ones; it doubles with each further one. */
const FIRST_DELAY_MS = 30 * 1000;
const MAX_DELAY_MS = 15 * 60 * 1000;
/** Failures older than this (or before the last success from the client) no longer count. */
const ACCOUNT_WINDOW_MS = 60 * 60 * 1000;

export type LoginOutcome =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "delayed" | "rate-limited"; retryAfterSeconds?: number };

/** How long a client must wait after `failures` failures for one username (0: not at all). */
function delayAfter(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - ACCOUNT_FREE_FAILURES));
}

/** Checks a username and password, recording the attempt. */
export async function attemptLogin(
  db: Db,
  input: { username: string; password: string; ip: string },
): Promise<LoginOutcome> {
  const now = Date.now();
  const username = input.username.toLowerCase().slice(0, 100);
  const { failures } = await db
    .selectFrom("login_attempts")
    .select(sql<number>`count(*)::int`.as("failures"))
    .where("ip", "=", input.ip)
    .where("success", "=", false)
    .where("at", ">", new Date(now - IP_WINDOW_MS))
    .executeTakeFirstOrThrow();
  if (failures >= IP_LIMIT) return { ok: false, reason: "rate-limited", retryAfterSeconds: IP_WINDOW_MS / 1000 };

  // Failures of this username from this client since its last success: the same query whether
  // or not the account exists, so the delay is no oracle either.
  const recent = await db
    .selectFrom("login_attempts")
    .select([sql<number>`count(*)::int`.as("failures"), sql<Date | null>`max(at)`.as("last")])
    .where("username", "=", username)
    .where("ip", "=", input.ip)
    .where("success", "=", false)
    .where("at", ">", new Date(now - ACCOUNT_WINDOW_MS))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("login_attempts as s")
            .select("s.id")
            .where("s.username", "=", username)
            .where("s.ip", "=", input.ip)
            .where("s.success", "=", true)
            .whereRef("s.at", ">=", "login_attempts.at"),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  const record = (success: boolean) =>
    db.insertInto("login_attempts").values({ username, ip: input.ip, success }).execute();

  if (recent.last) {
    const retryAt = new Date(recent.last).getTime() + delayAfter(recent.failures);
    // A refused attempt during the wait is not recorded (it checks nothing, so costs little) and
    // does not lengthen the wait, or one impatient owner would lock themselves out for good.
    if (retryAt > now) {
      return { ok: false, reason: "delayed", retryAfterSeconds: Math.ceil((retryAt - now) / 1000) };
    }
  }

  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "disabled"])
    .where("username", "=", username)
    .executeTakeFirst();
  // Unknown, disabled and wrong cost the same: one hash verification and one insert.
  const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || user.disabled || !valid) {
    await record(false);
    return { ok: false, reason: "invalid" };
  }
  await record(true);
  return { ok: true, userId: user.id };
}
