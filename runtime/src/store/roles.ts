/** Reading the roles of the directory. */
import type { Db } from "./db";

/** Indonesian role names by role id, for documents that name who does a step. */
export async function roleNames(db: Db): Promise<Record<string, string>> {
  const rows = await db.selectFrom("roles").select(["id", "name_id"]).execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.name_id]));
}
