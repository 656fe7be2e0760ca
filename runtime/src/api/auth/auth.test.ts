import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_LIMIT } from "../../auth/login";
import type { DemoCredential } from "../../auth/seed-demo";
import { assertNoDemoCredentialsInProduction } from "../../auth/seed-demo";
import { type Db, openDb } from "../../store/db";
import { buildTestApp, type TestApp } from "../test-support";

let db: Db;
let app: TestApp;
let credentials: DemoCredential[];

beforeAll(async () => {
  db = await openDb({ kind: "pglite", dataDir: null });
  ({ app, credentials } = await buildTestApp(db));
}, 120_000);
afterAll(() => db.destroy());

function password(username: string): string {
  return credentials.find((c) => c.username === username)!.password;
}

function login(username: string, pass: string, ip = "192.0.2.1", mode: "cookie" | "token" = "cookie") {
  return app.request("/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ username, password: pass, mode }),
  });
}

function cookiesOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const [k, v] = pair!.split("=");
    out[k!] = v!;
  }
  return out;
}

describe("accounts and sessions", () => {
  it("seeds demo users for two districts with argon2id hashes", async () => {
    // then
    expect(credentials.map((c) => c.username)).toEqual(
      expect.arrayContaining(["superadmin", "bks.admin", "bks.front-office", "smd.kepala-dinas"]),
    );
    const row = await db
      .selectFrom("users")
      .select("password_hash")
      .where("username", "=", "bks.admin")
      .executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith("$argon2id$")).toBe(true);
  });

  it("signs in with an httpOnly SameSite=Lax cookie and requires the CSRF header on writes", async () => {
    // given
    const res = await login("bks.back-office", password("bks.back-office"));
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/alur_session=[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const { alur_session: session } = cookiesOf(res);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = `alur_session=${session}`;

    // when / then: reads need no token
    const me = await app.request("/auth/me", { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { roles: string[] } }).user.roles).toEqual(["back-office"]);

    // a write without the header is refused with the one error shape
    const noCsrf = await app.request("/tasks/x/comments", {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ text: "hi" }),
    });
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toMatchObject({
      code: "csrf-invalid",
      message: { id: expect.any(String), en: expect.any(String) },
    });

    // with the header it passes authentication (and reaches the handler: unknown task)
    const withCsrf = await app.request("/tasks/x/comments", {
      method: "POST",
      headers: { cookie, "content-type": "application/json", "x-csrf-token": csrfToken },
      body: JSON.stringify({ text: "hi" }),
    });
    expect(withCsrf.status).toBe(404);

    // logout ends the session
    const out = await app.request("/auth/logout", { method: "POST", headers: { cookie, "x-csrf-token": csrfToken } });
    expect(out.status).toBe(200);
    expect((await app.request("/auth/me", { headers: { cookie } })).status).toBe(401);
  });

  it("expires sessions", async () => {
    // given
    const res = await login("bks.sekretaris", password("bks.sekretaris"), "192.0.2.9", "token");
    const { token } = (await res.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    expect((await app.request("/auth/me", { headers })).status).toBe(200);
    // when the session's time is up
    await db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    // then
    expect((await app.request("/auth/me", { headers })).status).toBe(401);
  });

  it("rejects a wrong password with 401 and locks the account after repeated failures", async () => {
    for (let i = 0; i < ACCOUNT_LIMIT; i++) {
      const res = await login("smd.back-office", "wrong-password", "192.0.2.2");
      expect(res.status).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe("invalid-credentials");
    }
    // even the right password is refused while locked
    const locked = await login("smd.back-office", password("smd.back-office"), "192.0.2.3");
    expect(locked.status).toBe(423);
    expect(locked.headers.get("retry-after")).toBeTruthy();
    const denied = await db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "auth.login")
      .where("outcome", "=", "denied")
      .where("resource_id", "=", "smd.back-office")
      .execute();
    expect(denied.length).toBe(ACCOUNT_LIMIT + 1);
  });

  it("rate-limits sign-in attempts per address (kept in the database)", async () => {
    let last = 0;
    for (let i = 0; i < 21; i++) last = (await login(`nobody-${i}`, "x", "192.0.2.77")).status;
    expect(last).toBe(429);
    // another address is unaffected
    expect((await login("bks.admin", password("bks.admin"), "192.0.2.78")).status).toBe(200);
  });

  it("answers validation errors and unknown routes in the one error shape", async () => {
    const bad = await app.request("/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "" }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: "validation-failed", details: { issues: expect.any(Array) } });
    const missing = await app.request("/nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "not-found" });
  });

  it("serves the OpenAPI 3.1 document and the reference page", async () => {
    const doc = (await (await app.request("/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/cases", "/tasks", "/tasks/{taskId}/complete", "/audit"]),
    );
    const docs = await app.request("/docs");
    expect(docs.status).toBe(200);
    const page = await docs.text();
    // the page's own scripts and styles, from the installed swagger-ui-dist, never a CDN
    for (const asset of ["/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js", "/docs/start.js"]) {
      expect(page).toContain(asset);
      expect((await app.request(asset)).status).toBe(200);
    }
    expect(page).not.toMatch(/https?:\/\//);
    expect(await (await app.request("/docs/start.js")).text()).toContain('"/openapi.json"');
  });

  it("refuses production start while demo accounts exist", async () => {
    await expect(assertNoDemoCredentialsInProduction(db, "production")).rejects.toThrow(/demo account/);
    await expect(assertNoDemoCredentialsInProduction(db, "development")).resolves.toBeUndefined();
  });
});
