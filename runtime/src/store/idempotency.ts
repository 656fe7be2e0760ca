/** Idempotency keys of writes a client may retry (case creation), kept in the database. */
import type { Db } from "./db";

export type IdempotencyClaim =
  | { kind: "claimed" }
  | { kind: "replay"; statusCode: number; response: object }
  | { kind: "in-progress" }
  | { kind: "mismatch" };

/** Claims a key for this request, or tells what an earlier request with the same key did. */
export async function claimIdempotencyKey(
  db: Db,
  input: { userId: string; key: string; scope: string; requestHash: string },
): Promise<IdempotencyClaim> {
  const inserted = await db
    .insertInto("idempotency_keys")
    .values({ user_id: input.userId, key: input.key, scope: input.scope, request_hash: input.requestHash })
    .onConflict((oc) => oc.columns(["user_id", "key"]).doNothing())
    .returning("key")
    .executeTakeFirst();
  if (inserted) return { kind: "claimed" };
  const row = await db
    .selectFrom("idempotency_keys")
    .selectAll()
    .where("user_id", "=", input.userId)
    .where("key", "=", input.key)
    .executeTakeFirstOrThrow();
  if (row.scope !== input.scope || row.request_hash !== input.requestHash) return { kind: "mismatch" };
  if (row.status_code === null || row.response === null) return { kind: "in-progress" };
  return { kind: "replay", statusCode: row.status_code, response: row.response };
}

/** Stores the response of a claimed key so a retry gets the same answer. */
export async function completeIdempotencyKey(
  db: Db,
  input: { userId: string; key: string; statusCode: number; response: object },
): Promise<void> {
  await db
    .updateTable("idempotency_keys")
    .set({ status_code: input.statusCode, response: JSON.stringify(input.response) })
    .where("user_id", "=", input.userId)
    .where("key", "=", input.key)
    .execute();
}

/** Frees a key whose request failed, so the client can retry it. */
export async function releaseIdempotencyKey(db: Db, input: { userId: string; key: string }): Promise<void> {
  await db
    .deleteFrom("idempotency_keys")
    .where("user_id", "=", input.userId)
    .where("key", "=", input.key)
    .where("status_code", "is", null)
    .execute();
}
