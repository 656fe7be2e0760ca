/** Saved case-list filters, one set per user. */
import type { Selectable } from "kysely";
import type { Db } from "./db";
import type { CaseFiltersTable } from "./schema";

export type CaseFilterRow = Selectable<CaseFiltersTable>;

export async function listCaseFilters(db: Db, userId: string): Promise<CaseFilterRow[]> {
  return db.selectFrom("case_filters").selectAll().where("user_id", "=", userId).orderBy("name").execute();
}

export async function getCaseFilter(db: Db, userId: string, id: string): Promise<CaseFilterRow | undefined> {
  return db
    .selectFrom("case_filters")
    .selectAll()
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Adds a filter; undefined when the user already has one of that name. */
export async function insertCaseFilter(
  db: Db,
  row: { id: string; userId: string; name: string; filter: Record<string, unknown> },
): Promise<CaseFilterRow | undefined> {
  return db
    .insertInto("case_filters")
    .values({ id: row.id, user_id: row.userId, name: row.name, filter: JSON.stringify(row.filter) })
    .onConflict((oc) => oc.columns(["user_id", "name"]).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Renames or changes a filter of the user; "missing" or "name-taken" when it cannot. */
export async function updateCaseFilter(
  db: Db,
  row: { id: string; userId: string; name: string; filter: Record<string, unknown> },
): Promise<CaseFilterRow | "missing" | "name-taken"> {
  const clash = await db
    .selectFrom("case_filters")
    .select("id")
    .where("user_id", "=", row.userId)
    .where("name", "=", row.name)
    .where("id", "<>", row.id)
    .executeTakeFirst();
  if (clash) return "name-taken";
  const updated = await db
    .updateTable("case_filters")
    .set({ name: row.name, filter: JSON.stringify(row.filter), updated_at: new Date() })
    .where("user_id", "=", row.userId)
    .where("id", "=", row.id)
    .returningAll()
    .executeTakeFirst();
  return updated ?? "missing";
}

/** Deletes a filter of the user; the deleted row, or undefined if there was none. */
export async function deleteCaseFilter(db: Db, userId: string, id: string): Promise<CaseFilterRow | undefined> {
  return db
    .deleteFrom("case_filters")
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}
