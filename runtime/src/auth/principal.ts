/** Who is calling: the user with roles and district, loaded per request from the database. */
import type { Db } from "../store/db";
import { DISTRICT_ADMIN, SUPER_ADMIN } from "./roles";

export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  orgUnitId: string;
  /** District code, or null for national/provincial users. */
  district: string | null;
  roles: string[];
  isSuperAdmin: boolean;
  isDistrictAdmin: boolean;
  /** Holds a head role (sees the whole district inbox). */
  isHead: boolean;
}

/** Loads an enabled user as a principal; undefined if unknown or disabled. */
export async function loadPrincipal(db: Db, userId: string): Promise<Principal | undefined> {
  const user = await db
    .selectFrom("users")
    .select(["id", "username", "display_name", "org_unit_id", "district", "disabled"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user || user.disabled) return undefined;
  const roles = await db
    .selectFrom("user_roles")
    .innerJoin("roles", "roles.id", "user_roles.role_id")
    .select(["roles.id", "roles.is_head"])
    .where("user_roles.user_id", "=", userId)
    .execute();
  const ids = roles.map((r) => r.id).sort();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    orgUnitId: user.org_unit_id,
    district: user.district,
    roles: ids,
    isSuperAdmin: ids.includes(SUPER_ADMIN),
    isDistrictAdmin: ids.includes(DISTRICT_ADMIN) && user.district !== null,
    isHead: roles.some((r) => r.is_head) && user.district !== null,
  };
}
