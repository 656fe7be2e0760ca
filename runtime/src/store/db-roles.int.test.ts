/**
 * The audit log's append-only rule binds the app on a real PostgreSQL: migrations run as an
 * owner role (DATABASE_OWNER_URL), the app runs as a role of its own (DATABASE_URL) that may
 * insert and read audit entries but neither change, delete nor truncate them, nor switch off
 * the trigger that refuses that. The app still works on that role: `alur serve --api` starts,
 * signs a user in and lists the audit log.
 */
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createAccounts } from "../auth/accounts";
import { ensureReferenceData } from "../auth/seed-demo";
import { api, loginToken, type ServeProcess, spawnServe, stopServe } from "../testing";
import { appendAudit, listAudit } from "./audit";
import { type Db, openDb } from "./db";

const suffix = `${process.pid}_${Date.now().toString(36)}`;
const dbName = `alur_roles_${suffix}`;
const ownerRole = `alur_owner_${suffix}`;
const appRole = `alur_app_${suffix}`;
let adminUrl: string;
let ownerUrl: string;
let appUrl: string;
let db: Db;
let server: ServeProcess | undefined;

async function asAdmin(statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const s of statements) await admin.query(s);
  } finally {
    await admin.end();
  }
}

/** Runs one statement as the app role on a connection of its own; resolves to the error, if any. */
async function asApp(statement: string): Promise<Error | null> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    await client.query(statement);
    return null;
  } catch (error) {
    return error as Error;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  adminUrl = inject("databaseUrl").replace(/\/[^/]*$/, "/postgres");
  await asAdmin([
    `CREATE ROLE ${ownerRole} LOGIN`,
    `CREATE ROLE ${appRole} LOGIN`,
    `CREATE DATABASE ${dbName} OWNER ${ownerRole}`,
  ]);
  const withUser = (role: string) => {
    const url = new URL(adminUrl.replace(/\/[^/]*$/, `/${dbName}`));
    url.username = role;
    return url.toString();
  };
  ownerUrl = withUser(ownerRole);
  appUrl = withUser(appRole);
  db = await openDb({ kind: "postgres", url: appUrl, ownerUrl });
});

afterAll(async () => {
  await stopServe(server);
  await db?.destroy();
  await asAdmin([
    `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`,
    `DROP ROLE IF EXISTS ${appRole}`,
    `DROP ROLE IF EXISTS ${ownerRole}`,
  ]);
}, 60_000);

describe("the app role on PostgreSQL with DATABASE_OWNER_URL", () => {
  it("does not own audit_log or its trigger function; the owner role does", async () => {
    const { rows } = await sql<{ table_owner: string; function_owner: string }>`
      SELECT (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log') AS table_owner,
             (SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'audit_log_append_only') AS function_owner`.execute(
      db,
    );
    expect(rows[0]).toEqual({ table_owner: ownerRole, function_owner: ownerRole });
  });

  it("may append and read audit entries", async () => {
    await appendAudit(db, { actorId: null, ip: "127.0.0.1", action: "test.roles", outcome: "ok" });
    const entries = await listAudit(db, { limit: 10 });
    expect(entries.map((e) => e.action)).toContain("test.roles");
  });

  it("can neither delete, update nor truncate audit entries, nor disable or drop the trigger", async () => {
    for (const statement of [
      "DELETE FROM audit_log",
      "UPDATE audit_log SET action = 'forged'",
      "TRUNCATE audit_log",
      "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete",
      "ALTER TABLE audit_log DISABLE TRIGGER ALL",
      "DROP TRIGGER audit_log_no_update_delete ON audit_log",
      "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$",
      "DROP TABLE audit_log",
    ]) {
      const error = await asApp(statement);
      expect(error, statement).not.toBeNull();
      expect(error!.message, statement).toMatch(/permission denied|must be owner/);
    }
    const { count } = await db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("action", "=", "test.roles")
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(1);
  });

  it("runs the app: `alur serve --api` on the app role starts, signs in and lists the audit log", async () => {
    await ensureReferenceData(db);
    const [admin] = await createAccounts(db, [
      { username: `roles${suffix}.admin`, orgUnitId: "3216", district: "3216", roles: ["district-admin"] },
    ]);
    server = await spawnServe({
      args: ["--api"],
      env: { DATABASE_URL: appUrl, DATABASE_OWNER_URL: ownerUrl, TEMPORAL_ADDRESS: inject("temporalAddress") },
    });
    const token = await loginToken(server.baseUrl, admin!.username, admin!.password);
    const audit = await api(server.baseUrl, token, "GET", "/audit?limit=5");
    expect(audit.status).toBe(200);
  });
});
