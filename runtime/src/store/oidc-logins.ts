/** The state of an OpenID Connect sign-in between the redirect and the callback (ten minutes). */
import type { Db } from "./db";

export async function insertOidcLogin(
  db: Db,
  row: { id: string; codeVerifier: string; nonce: string; returnTo: string; expiresAt: Date },
): Promise<void> {
  // expired ones of abandoned sign-ins go with each new one
  await db.deleteFrom("oidc_logins").where("expires_at", "<", new Date()).execute();
  await db
    .insertInto("oidc_logins")
    .values({
      id: row.id,
      code_verifier: row.codeVerifier,
      nonce: row.nonce,
      return_to: row.returnTo,
      expires_at: row.expiresAt,
    })
    .execute();
}

/** Takes (reads and deletes) a live sign-in state: each can be used once. */
export async function takeOidcLogin(db: Db, id: string) {
  const row = await db.deleteFrom("oidc_logins").where("id", "=", id).returningAll().executeTakeFirst();
  if (!row || new Date(row.expires_at).getTime() <= Date.now()) return undefined;
  return row;
}
