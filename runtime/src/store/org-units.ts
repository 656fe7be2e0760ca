/** Reading the organisation units (national, provinces, districts). */
import type { Db } from "./db";

export function listOrgUnits(db: Db) {
  return db.selectFrom("org_units").selectAll().orderBy("code").execute();
}

export function findOrgUnit(db: Db, id: string) {
  return db.selectFrom("org_units").selectAll().where("id", "=", id).executeTakeFirst();
}
