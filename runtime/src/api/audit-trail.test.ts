/**
 * Who and from where an audit entry names come from the request, through `audit()`: a user's
 * session, a job worker's credential, or nobody (a failed sign-in). Checked on the entries the
 * API itself writes, read back from the append-only log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredential } from "../auth/seed-demo";
import { type Db, openDb } from "../store/db";
import { buildTestApp, call, fromPeer, type Session, signIn, type TestApp } from "../testing/api-app";

let db: Db;
let app: TestApp;
let credentials: DemoCredential[];
let admin: Session;

beforeAll(async () => {
  db = await openDb({ kind: "pglite", dataDir: null });
  ({ app, credentials } = await buildTestApp(db));
  const adminCred = credentials.find((c) => c.roles.includes("district-admin") && c.district === "3216")!;
  admin = await signIn(app, credentials, adminCred.username);
}, 120_000);
afterAll(() => db.destroy());

async function lastEntry(action: string) {
  return db
    .selectFrom("audit_log")
    .select(["actor_id", "ip", "outcome", "resource_id", "district"])
    .where("action", "=", action)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
}

function login(username: string, password: string, ip: string) {
  return app.request(
    "/auth/login",
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password, mode: "token" }),
    },
    fromPeer(ip),
  );
}

describe("audit()", () => {
  it("names nobody for a refused sign-in and the user for an accepted one, with the client's address", async () => {
    const cred = credentials.find((c) => c.username === admin.username)!;
    expect((await login(cred.username, "wrong password", "192.0.2.77")).status).toBe(401);
    expect(await lastEntry("auth.login")).toMatchObject({ actor_id: null, ip: "192.0.2.77", outcome: "denied" });
    expect((await login(cred.username, cred.password, "192.0.2.78")).status).toBe(200);
    expect(await lastEntry("auth.login")).toMatchObject({ actor_id: admin.userId, ip: "192.0.2.78", outcome: "ok" });
  });

  it("names the signed-in user for what they do, and the worker's credential (never a user) for a worker", async () => {
    const created = await call(app, admin, "POST", "/workers", { name: "bank", district: "3216", jobTypes: ["bayar"] });
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    expect(await lastEntry("worker.create")).toMatchObject({ actor_id: admin.userId, outcome: "ok" });
    const worker = { username: "worker", userId: "", headers: { authorization: `Bearer ${token}` } };
    const refused = await call(app, worker, "POST", "/jobs/activation", { type: "lain", worker: "w1", timeout: 1000 });
    expect(refused.status).toBe(403);
    expect(await lastEntry("job.activate")).toMatchObject({
      actor_id: `worker:${id}`,
      outcome: "denied",
      district: "3216",
    });
  });
});
