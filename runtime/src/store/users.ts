/** Reading accounts with their roles, for the directory and for delegation. */
import type { Db } from "./db";

export interface UserFilter {
  /** A district code, or null for national/provincial accounts. */
  district?: string | null;
  /** Accounts holding at least one of these roles. */
  roles?: string[];
  ids?: string[];
  excludeIds?: string[];
  enabledOnly?: boolean;
  /** Default: username; by display name for lists people pick from. */
  orderBy?: "username" | "displayName";
}

/** Display names by user id, for naming authors; unknown ids are absent. */
export async function displayNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(["id", "display_name"]).where("id", "in", unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Accounts matching `filter`, each with its sorted role ids. */
export async function findUsers(db: Db, filter: UserFilter) {
  let q = db
    .selectFrom("users as u")
    .select(["u.id", "u.username", "u.display_name", "u.org_unit_id", "u.district", "u.disabled"]);
  if (filter.orderBy === "displayName") q = q.orderBy("u.display_name");
  q = q.orderBy("u.username");
  if (filter.district !== undefined)
    q = filter.district === null ? q.where("u.district", "is", null) : q.where("u.district", "=", filter.district);
  if (filter.ids) q = q.where("u.id", "in", filter.ids);
  if (filter.excludeIds?.length) q = q.where("u.id", "not in", filter.excludeIds);
  if (filter.enabledOnly) q = q.where("u.disabled", "=", false);
  const roles = filter.roles;
  if (roles) {
    if (roles.length === 0) return [];
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_roles as ur")
          .select("ur.user_id")
          .whereRef("ur.user_id", "=", "u.id")
          .where("ur.role_id", "in", roles),
      ),
    );
  }
  const users = await q.execute();
  if (users.length === 0) return [];
  const held = await db
    .selectFrom("user_roles")
    .select(["user_id", "role_id"])
    .where(
      "user_id",
      "in",
      users.map((u) => u.id),
    )
    .execute();
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    orgUnitId: u.org_unit_id,
    district: u.district,
    roles: held
      .filter((r) => r.user_id === u.id)
      .map((r) => r.role_id)
      .sort(),
    disabled: u.disabled,
  }));
}

/** Creates a local account with its roles; false if the username is taken (nothing written). */
export async function insertUser(
  db: Db,
  user: {
    id: string;
    username: string;
    displayName: string;
    passwordHash: string;
    orgUnitId: string;
    district: string | null;
    roles: string[];
  },
): Promise<boolean> {
  const row = await db
    .insertInto("users")
    .values({
      id: user.id,
      username: user.username,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      org_unit_id: user.orgUnitId,
      district: user.district,
    })
    .onConflict((oc) => oc.column("username").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) return false;
  if (user.roles.length > 0) {
    await db
      .insertInto("user_roles")
      .values(user.roles.map((role_id) => ({ user_id: user.id, role_id })))
      .execute();
  }
  return true;
}

/** Disables an account and ends its sessions (pass a transaction to audit with it). */
export async function disableUser(db: Db, userId: string): Promise<void> {
  await db.updateTable("users").set({ disabled: true }).where("id", "=", userId).execute();
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

/** Whether an enabled super admin exists that is not a demo account. */
export async function hasRealSuperAdmin(db: Db, superAdminRole: string): Promise<boolean> {
  const keeper = await db
    .selectFrom("users as u")
    .innerJoin("user_roles as r", "r.user_id", "u.id")
    .select("u.id")
    .where("r.role_id", "=", superAdminRole)
    .where("u.is_demo", "=", false)
    .where("u.disabled", "=", false)
    .executeTakeFirst();
  return keeper !== undefined;
}

/** An enabled account of the district that may take a task: holds one of its roles or is one of its candidate users. */
export async function findDelegateCandidate(
  db: Db,
  query: { userId: string; district: string; roles: string[]; candidateUsers: string[] },
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom("users as u")
    .select("u.id")
    .where("u.id", "=", query.userId)
    .where("u.disabled", "=", false)
    .where("u.district", "=", query.district)
    .where((eb) =>
      eb.or([
        eb("u.id", "in", query.candidateUsers.length > 0 ? query.candidateUsers : ["-"]),
        eb.exists(
          eb
            .selectFrom("user_roles as ur")
            .select("ur.user_id")
            .whereRef("ur.user_id", "=", "u.id")
            .where("ur.role_id", "in", query.roles.length > 0 ? query.roles : ["-"]),
        ),
      ]),
    )
    .executeTakeFirst();
}
