/** Database-backed sessions: the client holds a random token, the database its sha256. */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../store/db";

export const SESSION_COOKIE = "alur_session";
export const CSRF_COOKIE = "alur_csrf";
export const CSRF_HEADER = "x-csrf-token";
/** Sessions end 12 hours after sign-in (one working day with margin). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function sha256Hex(value: string | Uint8Array): string {
  return createHash("sha256").update(value).digest("hex");
}

function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Creates a session for the user; only the token's hash is stored. */
export async function createSession(
  db: Db,
  input: { userId: string; ip: string | null; userAgent: string | null; now?: Date },
): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date((input.now ?? new Date()).getTime() + SESSION_TTL_MS);
  await db
    .insertInto("sessions")
    .values({
      id: sha256Hex(token),
      user_id: input.userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The live session of a token, or undefined when unknown or expired. */
export async function findSession(db: Db, token: string) {
  const row = await db
    .selectFrom("sessions")
    .select(["id", "user_id", "csrf_token", "expires_at"])
    .where("id", "=", sha256Hex(token))
    .executeTakeFirst();
  if (!row || new Date(row.expires_at).getTime() <= Date.now()) return undefined;
  return row;
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}
