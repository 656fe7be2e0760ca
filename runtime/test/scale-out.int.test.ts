/**
 * Scale-out on real processes: two `alur serve --api` and one `alur serve --worker` against the
 * run's PostgreSQL database and Temporal dev server. The API processes are used interchangeably:
 * a token from one works on the other, lock-out and idempotency keys are shared, and two users
 * completing the same task at once through different processes get exactly one 200 and one 409.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type CreatedAccount, createAccounts } from "../src/auth/accounts";
import { ensureReferenceData } from "../src/auth/seed-demo";
import { REPO_ROOT } from "../src/env";
import type { Db } from "../src/store/db";
import { api, eventually, loginToken, type ServeProcess, spawnServe, stopServe } from "../src/testing";
import { postgresDb } from "../src/testing/servers";

// Unique names: the run's database and dev server are shared with other test files.
const suffix = `${process.pid}${Date.now().toString(36)}`;
const PROCESS_ID = `scale-out-${suffix}`;
const TASK_QUEUE = `scale-out-${suffix}`;
const DISTRICT = "3216";
const BPMN = readFileSync(path.join(REPO_ROOT, "workflows/smoke/smoke.bpmn"), "utf8").replaceAll(
  '"smoke"',
  `"${PROCESS_ID}"`,
);

let db: Db;
let apiA: ServeProcess | undefined;
let apiB: ServeProcess | undefined;
let worker: ServeProcess | undefined;
const users: Record<string, CreatedAccount> = {};

beforeAll(async () => {
  db = await postgresDb();
  await ensureReferenceData(db);
  // Outside embedded mode the server seeds no accounts: create them through the store.
  const created = await createAccounts(db, [
    { username: `so${suffix}.admin`, orgUnitId: DISTRICT, district: DISTRICT, roles: ["district-admin"] },
    { username: `so${suffix}.fo1`, orgUnitId: DISTRICT, district: DISTRICT, roles: ["front-office"] },
    { username: `so${suffix}.fo2`, orgUnitId: DISTRICT, district: DISTRICT, roles: ["front-office"] },
    { username: `so${suffix}.locked`, orgUnitId: DISTRICT, district: DISTRICT, roles: ["front-office"] },
  ]);
  for (const u of created) users[u.username.split(".")[1]!] = u;

  const env = {
    DATABASE_URL: inject("databaseUrl"),
    TEMPORAL_ADDRESS: inject("temporalAddress"),
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
  };
  // Started one after another: three cold starts at once would fight over two cores.
  worker = await spawnServe({ args: ["--worker"], env });
  apiA = await spawnServe({ args: ["--api"], env });
  apiB = await spawnServe({ args: ["--api"], env });
}, 240_000);

afterAll(async () => {
  await Promise.all([stopServe(apiA), stopServe(apiB), stopServe(worker)]);
  await db?.destroy();
}, 60_000);

type InboxItem = { id: string; caseId: string; revision: number; elementId: string };

async function openTaskOf(baseUrl: string, token: string, caseId: string): Promise<InboxItem> {
  return eventually(async () => {
    const res = await api(baseUrl, token, "GET", `/tasks?scope=unassigned&limit=200`);
    return (res.body as { items: InboxItem[] }).items.find((t) => t.caseId === caseId);
  }, 30_000);
}

describe("two API processes and one worker process on one PostgreSQL and one Temporal", () => {
  it("shares sessions: a token from process A works on process B, and logout on B ends it on A", async () => {
    // given a session opened on A
    const token = await loginToken(apiA!.baseUrl, users.fo1!.username, users.fo1!.password);
    // when it is used on B
    const me = await api(apiB!.baseUrl, token, "GET", "/auth/me");
    // then B knows the user
    expect(me.status).toBe(200);
    expect(JSON.stringify(me.body)).toContain(users.fo1!.username);

    const other = await loginToken(apiB!.baseUrl, users.fo2!.username, users.fo2!.password);
    expect((await api(apiB!.baseUrl, other, "POST", "/auth/logout")).status).toBeLessThan(300);
    expect((await api(apiA!.baseUrl, other, "GET", "/auth/me")).status).toBe(401);
  });

  it("counts failed sign-ins across processes: the delay earned on A and B holds on both", async () => {
    const { username, password } = users.locked!;
    for (let i = 0; i < 5; i++) {
      const baseUrl = i % 2 === 0 ? apiA!.baseUrl : apiB!.baseUrl;
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password: `wrong-${i}`, mode: "token" }),
      });
      expect(res.status).toBe(401);
    }
    for (const baseUrl of [apiA!.baseUrl, apiB!.baseUrl]) {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password, mode: "token" }),
      });
      expect(res.status).toBe(429);
      expect(((await res.json()) as { code: string }).code).toBe("sign-in-delayed");
    }
  });

  it("runs a case across processes: deploy on A, idempotent start on A and B, one of two concurrent completions wins", async () => {
    // given a model deployed through A and front-office sessions opened on B and A
    const admin = await loginToken(apiA!.baseUrl, users.admin!.username, users.admin!.password);
    const deployed = await api(apiA!.baseUrl, admin, "POST", "/processes", {
      bpmnXml: BPMN,
      district: DISTRICT,
      publish: true,
    });
    expect(deployed.status).toBe(201);
    const fo1 = await loginToken(apiB!.baseUrl, users.fo1!.username, users.fo1!.password);
    const fo2 = await loginToken(apiA!.baseUrl, users.fo2!.username, users.fo2!.password);

    // when the same start request with one Idempotency-Key reaches B, then A
    const body = { processId: PROCESS_ID, district: DISTRICT, applicant: { name: "Siti Aminah" } };
    const key = { "idempotency-key": `start-${suffix}` };
    const first = await api(apiB!.baseUrl, fo1, "POST", "/cases", body, key);
    const replay = await api(apiA!.baseUrl, fo1, "POST", "/cases", body, key);
    // then one case exists, created by B and replayed by A
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    const caseId = (first.body as { id: string }).id;
    expect((replay.body as { id: string }).id).toBe(caseId);
    const rows = await db.selectFrom("cases").select("id").where("process_id", "=", PROCESS_ID).execute();
    expect(rows).toHaveLength(1);

    // when the worker process has opened the task, visible on both API processes
    const onA = await openTaskOf(apiA!.baseUrl, fo2, caseId);
    const onB = await openTaskOf(apiB!.baseUrl, fo1, caseId);
    expect(onA.id).toBe(onB.id);
    expect(onA.elementId).toBe("verify");

    // and two users complete it at the same moment, one through each process
    const [viaA, viaB] = await Promise.all([
      api(apiA!.baseUrl, fo2, "POST", `/tasks/${onA.id}/complete`, { data: {}, revision: onA.revision }),
      api(apiB!.baseUrl, fo1, "POST", `/tasks/${onB.id}/complete`, { data: {}, revision: onB.revision }),
    ]);
    // then exactly one succeeds and the other gets 409 with a message in both languages
    expect([viaA.status, viaB.status].sort()).toEqual([200, 409]);
    const loser = (viaA.status === 409 ? viaA : viaB).body as { code: string; message: { id: string; en: string } };
    expect(loser.message.id.length).toBeGreaterThan(0);
    expect(loser.message.en.length).toBeGreaterThan(0);

    // and the case completes, as seen from both processes
    for (const s of [
      { baseUrl: apiA!.baseUrl, token: fo2 },
      { baseUrl: apiB!.baseUrl, token: fo1 },
    ]) {
      const done = await eventually(async () => {
        const res = await api(s.baseUrl, s.token, "GET", `/cases/${caseId}`);
        const view = res.body as { status: string; currentSteps: unknown[] };
        return view.status === "completed" ? view : undefined;
      }, 30_000);
      expect(done.currentSteps).toEqual([]);
    }
    // and the task row is closed once, by the winner (the smoke task has no form: it sets nothing)
    const winner = viaA.status === 200 ? { user: users.fo2! } : { user: users.fo1! };
    const row = await db.selectFrom("tasks").selectAll().where("id", "=", onA.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("completed");
    expect(row.closed_by).toBe(winner.user.id);
    expect(row.result).toEqual({});
  });
});
