/**
 * Demo data for the embedded mode: the national level, West Java, and two districts (3216 Bekasi,
 * 3211 Sumedang) with one user per role. Passwords are random and returned once, on first seed.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { appendAudit } from "../store/audit";
import type { Db } from "../store/db";
import { hashPassword } from "./password";
import { BUILTIN_ROLES, DISTRICT_ADMIN, SUPER_ADMIN } from "./roles";

export interface DemoCredential {
  username: string;
  password: string;
  district: string | null;
  roles: string[];
}

const DEMO_DISTRICTS = [
  { id: "3216", code: "3216", name: "Kabupaten Bekasi", abbreviation: "BKS" },
  { id: "3211", code: "3211", name: "Kabupaten Sumedang", abbreviation: "SMD" },
] as const;

/** Org units and built-in roles; safe to run on every start. */
export async function ensureReferenceData(db: Db): Promise<void> {
  await db
    .insertInto("org_units")
    .values([
      {
        id: "ID",
        kind: "national",
        code: "ID",
        name: "Kementerian Sosial RI",
        abbreviation: "KEMENSOS",
        parent_id: null,
      },
      { id: "32", kind: "province", code: "32", name: "Provinsi Jawa Barat", abbreviation: "JABAR", parent_id: "ID" },
      ...DEMO_DISTRICTS.map((d) => ({ ...d, kind: "district" as const, parent_id: "32" })),
    ])
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await db
    .insertInto("roles")
    .values(
      BUILTIN_ROLES.map((r) => ({
        id: r.id,
        name_id: r.nameId,
        name_en: r.nameEn,
        kind: r.kind,
        is_head: r.isHead,
        created_by: null,
      })),
    )
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
}

/** Seeds the demo users once; returns their credentials, or [] when they already exist. */
export async function seedDemo(db: Db): Promise<DemoCredential[]> {
  await ensureReferenceData(db);
  const existing = await db.selectFrom("users").select("id").where("is_demo", "=", true).executeTakeFirst();
  if (existing) return [];
  const plan: { username: string; orgUnitId: string; district: string | null; role: string }[] = [
    { username: "superadmin", orgUnitId: "ID", district: null, role: SUPER_ADMIN },
  ];
  for (const d of DEMO_DISTRICTS) {
    const prefix = d.abbreviation.toLowerCase();
    plan.push({ username: `${prefix}.admin`, orgUnitId: d.id, district: d.code, role: DISTRICT_ADMIN });
    for (const role of BUILTIN_ROLES.filter((r) => r.kind === "staff")) {
      plan.push({ username: `${prefix}.${role.id}`, orgUnitId: d.id, district: d.code, role: role.id });
    }
  }
  const credentials: DemoCredential[] = [];
  // Hash in parallel: argon2 runs on libuv's thread pool.
  const passwords = plan.map(() => randomBytes(9).toString("base64url"));
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
  await db.transaction().execute(async (tx) => {
    for (const [i, entry] of plan.entries()) {
      const id = randomUUID();
      await tx
        .insertInto("users")
        .values({
          id,
          username: entry.username,
          display_name: `Demo ${entry.username}`,
          password_hash: hashes[i]!,
          org_unit_id: entry.orgUnitId,
          district: entry.district,
          is_demo: true,
        })
        .execute();
      await tx.insertInto("user_roles").values({ user_id: id, role_id: entry.role }).execute();
      credentials.push({
        username: entry.username,
        password: passwords[i]!,
        district: entry.district,
        roles: [entry.role],
      });
    }
  });
  return credentials;
}

/** Names of enabled demo accounts; production must not start while any exists. */
export async function demoAccounts(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .select("username")
    .where("is_demo", "=", true)
    .where("disabled", "=", false)
    .execute();
  return rows.map((r) => r.username);
}

/**
 * Disables every enabled demo account at once and ends their sessions, one audit entry per
 * account in the same transaction. Returns the accounts it disabled ([] when none was left).
 */
export async function disableDemoAccounts(
  db: Db,
  by: { actorId: string | null; ip: string | null },
): Promise<{ id: string; username: string }[]> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .updateTable("users")
      .set({ disabled: true })
      .where("is_demo", "=", true)
      .where("disabled", "=", false)
      .returning(["id", "username", "district"])
      .execute();
    if (rows.length === 0) return [];
    await tx
      .deleteFrom("sessions")
      .where(
        "user_id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    for (const r of rows) {
      await appendAudit(tx, {
        actorId: by.actorId,
        ip: by.ip,
        action: "user.disable-demo",
        outcome: "ok",
        resourceType: "user",
        resourceId: r.id,
        district: r.district,
        before: { username: r.username, disabled: false },
        after: { disabled: true },
      });
    }
    return rows.map((r) => ({ id: r.id, username: r.username }));
  });
}

/** Throws when NODE_ENV=production and demo credentials exist. */
export async function assertNoDemoCredentialsInProduction(db: Db, nodeEnv: string): Promise<void> {
  if (nodeEnv !== "production") return;
  const names = await demoAccounts(db);
  if (names.length > 0) {
    throw new Error(
      `Refusing to start in production: ${names.length} demo account(s) exist (${names.slice(0, 3).join(", ")}...). ` +
        "Disable them first: `alur users disable-demo --direct` with the same DATABASE_URL, " +
        "or `alur users disable-demo` as a super admin against a server not yet in production mode.",
    );
  }
}
