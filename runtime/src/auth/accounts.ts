/** Local accounts written straight to the store: for operators' scripts, tests and benchmarks. */
import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "../store/db";
import { hashPassword } from "./password";

export interface NewAccount {
  username: string;
  /** Random when omitted; returned either way. */
  password?: string;
  displayName?: string;
  orgUnitId: string;
  district: string | null;
  roles: string[];
}

export interface CreatedAccount {
  id: string;
  username: string;
  password: string;
  district: string | null;
  roles: string[];
}

/**
 * Creates accounts with their roles in one transaction (org units and roles must exist:
 * see ensureReferenceData). Hashing runs in parallel on libuv's thread pool.
 */
export async function createAccounts(db: Db, accounts: NewAccount[]): Promise<CreatedAccount[]> {
  const passwords = accounts.map((a) => a.password ?? randomBytes(9).toString("base64url"));
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
  const created = accounts.map((a, i) => ({
    id: randomUUID(),
    username: a.username,
    password: passwords[i]!,
    district: a.district,
    roles: a.roles,
  }));
  await db.transaction().execute(async (tx) => {
    for (const [i, a] of accounts.entries()) {
      const id = created[i]!.id;
      await tx
        .insertInto("users")
        .values({
          id,
          username: a.username,
          display_name: a.displayName ?? a.username,
          password_hash: hashes[i]!,
          org_unit_id: a.orgUnitId,
          district: a.district,
        })
        .execute();
      if (a.roles.length > 0)
        await tx
          .insertInto("user_roles")
          .values(a.roles.map((role_id) => ({ user_id: id, role_id })))
          .execute();
    }
  });
  return created;
}
