/** Reading the organisation units (national, provinces, districts). */
import type { Db } from "./db";

export function listOrgUnits(db: Db) {
  return db.selectFrom("org_units").selectAll().orderBy("code").execute();
}

export function findOrgUnit(db: Db, id: string) {
  return db.selectFrom("org_units").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A district's unit by its code (e.g. 3216), for its abbreviation in case numbers. */
export function findDistrictUnit(db: Db, code: string) {
  return db.selectFrom("org_units").selectAll().where("code", "=", code).executeTakeFirst();
}
