/** Acting officials (Plt/Plh): a user holding a position's roles for a range of Jakarta dates. */
import { sql } from "kysely";
import type { Db } from "./db";

export interface ActingRow {
  id: string;
  user_id: string;
  display_name: string;
  district: string;
  kind: "plt" | "plh";
  position: string;
  roles: string[];
  starts_on: string;
  ends_on: string;
  reason: string;
  created_by: string | null;
  revoked_at: Date | null;
}

function selectActing(db: Db) {
  return db
    .selectFrom("acting_assignments as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .select([
      "a.id",
      "a.user_id",
      "u.display_name",
      "a.district",
      "a.kind",
      "a.position",
      "a.roles",
      sql<string>`a.starts_on::text`.as("starts_on"),
      sql<string>`a.ends_on::text`.as("ends_on"),
      "a.reason",
      "a.created_by",
      "a.revoked_at",
    ]);
}

/** Assignments of a district (or one user), newest first. */
export async function listActing(db: Db, filter: { district?: string | null; userId?: string }): Promise<ActingRow[]> {
  let q = selectActing(db).orderBy("a.starts_on", "desc").orderBy("a.created_at", "desc");
  if (filter.district) q = q.where("a.district", "=", filter.district);
  if (filter.userId) q = q.where("a.user_id", "=", filter.userId);
  return (await q.limit(500).execute()) as ActingRow[];
}

export async function findActing(db: Db, id: string): Promise<ActingRow | undefined> {
  return (await selectActing(db).where("a.id", "=", id).executeTakeFirst()) as ActingRow | undefined;
}

export async function insertActing(
  db: Db,
  row: {
    id: string;
    userId: string;
    district: string;
    kind: "plt" | "plh";
    position: string;
    roles: string[];
    from: string;
    to: string;
    reason: string;
    createdBy: string;
  },
): Promise<void> {
  await db
    .insertInto("acting_assignments")
    .values({
      id: row.id,
      user_id: row.userId,
      district: row.district,
      kind: row.kind,
      position: row.position,
      roles: JSON.stringify(row.roles),
      starts_on: row.from,
      ends_on: row.to,
      reason: row.reason,
      created_by: row.createdBy,
    })
    .execute();
}

/** Ends an assignment early; false when it was already revoked. */
export async function revokeActing(db: Db, id: string): Promise<boolean> {
  const row = await db
    .updateTable("acting_assignments")
    .set({ revoked_at: new Date() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** The roles a user holds as an acting official on `today` (YYYY-MM-DD) in `district`. */
export async function actingRolesOn(db: Db, userId: string, district: string, today: string): Promise<string[]> {
  const rows = await db
    .selectFrom("acting_assignments")
    .select("roles")
    .where("user_id", "=", userId)
    .where("district", "=", district)
    .where("revoked_at", "is", null)
    .where("starts_on", "<=", sql<string>`${today}::date`)
    .where("ends_on", ">=", sql<string>`${today}::date`)
    .execute();
  return [...new Set(rows.flatMap((r) => r.roles))];
}
