/** The roles of the directory. */
import type { Db } from "./db";

/** Indonesian role names by role id, for documents that name who does a step. */
export async function roleNames(db: Db): Promise<Record<string, string>> {
  const rows = await db.selectFrom("roles").select(["id", "name_id"]).execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.name_id]));
}

export function listRoles(db: Db) {
  return db.selectFrom("roles").selectAll().orderBy("id").execute();
}

/** Of `ids`, those that name a role. */
export async function knownRoleIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("roles").select("id").where("id", "in", ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Adds a staff role; false if a role with its id exists. */
export async function insertRole(
  db: Db,
  role: { id: string; nameId: string; nameEn: string; isHead: boolean; createdBy: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto("roles")
    .values({
      id: role.id,
      name_id: role.nameId,
      name_en: role.nameEn,
      kind: "staff",
      is_head: role.isHead,
      created_by: role.createdBy,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}
