import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_FREE_FAILURES } from "../../auth/login";
import type { DemoCredential } from "../../auth/seed-demo";
import { assertNoDemoCredentialsInProduction } from "../../auth/seed-demo";
import { type Db, openDb } from "../../store/db";
import { buildTestApp, fromPeer, type TestApp } from "../../testing/api-app";

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
  return app.request(
    "/auth/login",
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: pass, mode }),
    },
    fromPeer(ip),
  );
}

async function answer(res: Response) {
  return { status: res.status, body: await res.json() };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Moves the recorded attempts of a client back in time, as if `ms` had passed. */
async function age(ip: string, ms: number) {
  await db
    .updateTable("login_attempts")
    .set((eb) => ({ at: sql<Date>`${eb.ref("at")} - make_interval(secs => ${ms / 1000})` }))
    .where("ip", "=", ip)
    .execute();
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

  it("keeps the right password working for the owner from their client while another client fails", async () => {
    // given an attacker who fails ten times from one client
    for (let i = 0; i < 10; i++) {
      const res = await login("smd.back-office", "wrong-password", "192.0.2.2");
      expect([401, 429]).toContain(res.status);
    }
    // then the attacker's client waits, even with the right password
    const attacker = await login("smd.back-office", password("smd.back-office"), "192.0.2.2");
    expect(attacker.status).toBe(429);
    expect(((await attacker.json()) as { code: string }).code).toBe("sign-in-delayed");
    expect(Number(attacker.headers.get("retry-after"))).toBeGreaterThan(0);
    // but the owner signs in from their own client at once
    const owner = await login("smd.back-office", password("smd.back-office"), "192.0.2.3");
    expect(owner.status).toBe(200);
    // every refusal is audited
    const denied = await db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "auth.login")
      .where("outcome", "=", "denied")
      .where("resource_id", "=", "smd.back-office")
      .execute();
    expect(denied.length).toBe(11);
  });

  it("delays a client progressively after failures and forgets them once the right password is given", async () => {
    // given the free failures from one client
    const ip = "192.0.2.4";
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
      expect((await login("smd.front-office", "wrong", ip)).status).toBe(401);
    }
    const first = await login("smd.front-office", "wrong", ip);
    expect(first.status).toBe(429);
    const firstDelay = Number(first.headers.get("retry-after"));
    // when the delay has passed, one more failure doubles it
    await age(ip, firstDelay * 1000);
    expect((await login("smd.front-office", "wrong", ip)).status).toBe(401);
    const second = await login("smd.front-office", "wrong", ip);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(firstDelay * 1.5);
    // when that delay has passed too, the right password works and the count starts again
    await age(ip, 2 * firstDelay * 1000 + 1000);
    expect((await login("smd.front-office", password("smd.front-office"), ip)).status).toBe(200);
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
      expect((await login("smd.front-office", "wrong", ip)).status).toBe(401);
    }
  });

  it("answers an unknown name, a wrong password and an attacked account alike", async () => {
    // given an account attacked from elsewhere
    for (let i = 0; i < 8; i++) await login("smd.pekerja-sosial", "wrong", "192.0.2.5");
    // then from a fresh client the three answers are the same
    const unknown = await answer(await login("no-such-user", "wrong", "192.0.2.6"));
    const wrong = await answer(await login("smd.sekretaris", "wrong", "192.0.2.7"));
    const attacked = await answer(await login("smd.pekerja-sosial", "wrong", "192.0.2.8"));
    expect(unknown).toEqual({ status: 401, body: expect.objectContaining({ code: "invalid-credentials" }) });
    expect(wrong).toEqual(unknown);
    expect(attacked).toEqual(unknown);

    // and a client delayed on an unknown name is told exactly what a client delayed on a real one is
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
      await login("smd.ketua-tim", "wrong", "192.0.2.9");
      await login("no-such-user-2", "wrong", "192.0.2.10");
    }
    const delayedKnown = await login("smd.ketua-tim", "wrong", "192.0.2.9");
    const delayedUnknown = await login("no-such-user-2", "wrong", "192.0.2.10");
    expect(await answer(delayedKnown)).toEqual(await answer(delayedUnknown));
    expect(delayedKnown.headers.get("retry-after")).toBeTruthy();
    expect(delayedUnknown.headers.get("retry-after")).toBeTruthy();
  });

  it("takes as long for an unknown name as for a wrong password or an attacked account", async () => {
    // given an account attacked from elsewhere, and the dummy hash computed
    for (let i = 0; i < 8; i++) await login("smd.kepala-bidang", "wrong", "192.0.2.11");
    await login("no-such-user", "wrong", "198.51.100.250");
    // when each kind is timed, interleaved so that load on the machine hits all three alike,
    // each attempt from its own client so that no delay or limit applies
    const times = { unknown: [] as number[], wrong: [] as number[], attacked: [] as number[] };
    const kinds = [
      ["unknown", "no-such-user"],
      ["wrong", "smd.kepala-dinas"],
      ["attacked", "smd.kepala-bidang"],
    ] as const;
    for (let round = 0; round < 11; round++) {
      for (const [kind, username] of kinds) {
        const started = performance.now();
        const res = await login(username, "wrong", `198.51.100.${round * 3 + kinds.findIndex(([k]) => k === kind)}`);
        await res.arrayBuffer();
        times[kind].push(performance.now() - started);
      }
    }
    // then the medians agree within a factor of two (a skipped password check is ten times faster)
    const medians = Object.values(times).map(median);
    console.log(
      JSON.stringify({ metric: "login-median-ms", unknown: medians[0], wrong: medians[1], attacked: medians[2] }),
    );
    expect(Math.max(...medians) / Math.min(...medians), JSON.stringify(medians)).toBeLessThan(2);
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
