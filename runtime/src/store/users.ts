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
    .select([
      "u.id",
      "u.username",
      "u.display_name",
      "u.org_unit_id",
      "u.district",
      "u.disabled",
      "u.must_change_password",
      "u.oidc_subject",
    ]);
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
    mustChangePassword: u.must_change_password,
    sso: u.oidc_subject !== null,
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
    mustChangePassword?: boolean;
    oidc?: { issuer: string; subject: string };
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
      must_change_password: user.mustChangePassword ?? false,
      oidc_issuer: user.oidc?.issuer ?? null,
      oidc_subject: user.oidc?.subject ?? null,
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

/** Enables a disabled account again (its old sessions stay ended). */
export async function enableUser(db: Db, userId: string): Promise<void> {
  await db.updateTable("users").set({ disabled: false }).where("id", "=", userId).execute();
}

/** Changes name, unit/district and (replacing them) roles; pass a transaction to audit with it. */
export async function updateUser(
  db: Db,
  userId: string,
  change: { displayName?: string; orgUnitId?: string; district?: string | null; roles?: string[] },
): Promise<void> {
  const set = {
    ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
    ...(change.orgUnitId !== undefined ? { org_unit_id: change.orgUnitId, district: change.district ?? null } : {}),
  };
  if (Object.keys(set).length > 0) await db.updateTable("users").set(set).where("id", "=", userId).execute();
  if (change.roles) {
    await db.deleteFrom("user_roles").where("user_id", "=", userId).execute();
    if (change.roles.length > 0)
      await db
        .insertInto("user_roles")
        .values(change.roles.map((role_id) => ({ user_id: userId, role_id })))
        .execute();
  }
}

/** Replaces the password hash; ends the account's sessions unless `keepSession` is given. */
export async function setPassword(
  db: Db,
  userId: string,
  input: { passwordHash: string; mustChange: boolean; keepSession?: string },
): Promise<void> {
  await db
    .updateTable("users")
    .set({ password_hash: input.passwordHash, must_change_password: input.mustChange })
    .where("id", "=", userId)
    .execute();
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (input.keepSession) q = q.where("id", "!=", input.keepSession);
  await q.execute();
}

/** The stored password hash of an account (for checking the current password). */
export async function passwordHashOf(db: Db, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirst();
  return row?.password_hash;
}

/** Which of `usernames` are taken. */
export async function takenUsernames(db: Db, usernames: string[]): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const rows = await db.selectFrom("users").select("username").where("username", "in", usernames).execute();
  return new Set(rows.map((r) => r.username));
}

/** The account an OpenID Connect identity signed in as before. */
export async function findByOidcIdentity(db: Db, issuer: string, subject: string) {
  return db
    .selectFrom("users")
    .select(["id", "username", "disabled", "district", "org_unit_id", "display_name"])
    .where("oidc_issuer", "=", issuer)
    .where("oidc_subject", "=", subject)
    .executeTakeFirst();
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
