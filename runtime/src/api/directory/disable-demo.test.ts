import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccounts } from "../../auth/accounts";
import { assertNoDemoCredentialsInProduction, type DemoCredential, demoAccounts } from "../../auth/seed-demo";
import { type Db, openDb } from "../../store/db";
import { buildTestApp, call, type Session, signIn, type TestApp } from "../../testing/api-app";

let db: Db;
let app: TestApp;
let credentials: DemoCredential[];
const s: Record<string, Session> = {};

beforeAll(async () => {
  db = await openDb({ kind: "pglite", dataDir: null });
  ({ app, credentials } = await buildTestApp(db));
  for (const u of ["superadmin", "bks.admin", "bks.front-office"]) s[u] = await signIn(app, credentials, u);
}, 120_000);
afterAll(() => db.destroy());

describe("POST /users/disable-demo", () => {
  it("is refused to a district admin, and the refusal is audited", async () => {
    const res = await call(app, s["bks.admin"]!, "POST", "/users/disable-demo");
    expect(res.status).toBe(403);
    const last = await db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: "user.disable-demo", outcome: "denied", actor_id: s["bks.admin"]!.userId });
  });

  it("will not lock everyone out: without a real super admin it answers 409 and disables nothing", async () => {
    const res = await call(app, s.superadmin!, "POST", "/users/disable-demo");
    expect(res.status).toBe(409);
    const body = (await res.json()) as { code: string; message: { id: string; en: string } };
    expect(body.code).toBe("no-other-super-admin");
    expect(body.message.id).toMatch(/super admin/);
    expect(await demoAccounts(db)).toHaveLength(credentials.length);
  });

  it("disables every demo account at once, ends their sessions and lets production start", async () => {
    // given a real super admin
    await createAccounts(db, [{ username: "admin.pusat", orgUnitId: "ID", district: null, roles: ["super-admin"] }]);
    await expect(assertNoDemoCredentialsInProduction(db, "production")).rejects.toThrow(/disable-demo/);

    // when the demo super admin disables the demo accounts
    const res = await call(app, s.superadmin!, "POST", "/users/disable-demo");

    // then every one of them is disabled, with one audit entry each
    expect(res.status).toBe(200);
    const { disabled } = (await res.json()) as { disabled: { username: string }[] };
    expect(disabled.map((d) => d.username).sort()).toEqual(credentials.map((c) => c.username).sort());
    expect(await demoAccounts(db)).toEqual([]);
    const audited = await db
      .selectFrom("audit_log")
      .select("resource_id")
      .where("action", "=", "user.disable-demo")
      .where("outcome", "=", "ok")
      .execute();
    expect(audited).toHaveLength(credentials.length);
    // their sessions are gone and they cannot sign in again
    expect((await call(app, s["bks.front-office"]!, "GET", "/auth/me")).status).toBe(401);
    await expect(signIn(app, credentials, "bks.front-office")).rejects.toThrow(/401/);
    // and production mode no longer refuses to start
    await expect(assertNoDemoCredentialsInProduction(db, "production")).resolves.toBeUndefined();
  });
});
