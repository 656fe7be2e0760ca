/** Who is calling: the user with roles and district, loaded per request from the database. */
import { actingRolesOn } from "../store/acting";
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
  /** Of `roles`, those held today as an acting official (Plt/Plh) only. */
  actingRoles: string[];
  mustChangePassword: boolean;
  sso: boolean;
}

const JAKARTA_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" });

/** The calendar date in Asia/Jakarta, YYYY-MM-DD (acting ranges are Jakarta dates). */
export function jakartaDate(now: Date = new Date()): string {
  return JAKARTA_DATE.format(now);
}

/** Loads an enabled user as a principal; undefined if unknown or disabled. */
export async function loadPrincipal(db: Db, userId: string, now?: Date): Promise<Principal | undefined> {
  const user = await db
    .selectFrom("users")
    .select([
      "id",
      "username",
      "display_name",
      "org_unit_id",
      "district",
      "disabled",
      "must_change_password",
      "oidc_subject",
    ])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user || user.disabled) return undefined;
  const roles = await db
    .selectFrom("user_roles")
    .innerJoin("roles", "roles.id", "user_roles.role_id")
    .select(["roles.id", "roles.is_head"])
    .where("user_roles.user_id", "=", userId)
    .execute();
  const own = new Set(roles.map((r) => r.id));
  // an acting official holds the position's roles only within the range, only in their district
  const acting = user.district ? await actingRolesOn(db, userId, user.district, jakartaDate(now)) : [];
  const actingOnly = acting.filter((r) => !own.has(r)).sort();
  const actingHead =
    actingOnly.length > 0 &&
    (await db
      .selectFrom("roles")
      .select("id")
      .where("id", "in", actingOnly)
      .where("is_head", "=", true)
      .executeTakeFirst()) !== undefined;
  const ids = [...own, ...actingOnly].sort();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    orgUnitId: user.org_unit_id,
    district: user.district,
    roles: ids,
    isSuperAdmin: ids.includes(SUPER_ADMIN),
    isDistrictAdmin: ids.includes(DISTRICT_ADMIN) && user.district !== null,
    isHead: (roles.some((r) => r.is_head) || actingHead) && user.district !== null,
    actingRoles: actingOnly,
    mustChangePassword: user.must_change_password,
    sso: user.oidc_subject !== null,
  };
}
