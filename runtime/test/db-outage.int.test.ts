/**
 * Losing PostgreSQL connections under load, on real processes: one `alur serve --api` and one
 * `alur serve --worker` on a database of their own, whose backends are terminated again and
 * again (pg_terminate_backend, as a failover or an admin would) while staff complete tasks.
 * Both processes stay up, requests caught by an outage answer 503 with a retryable bilingual
 * error, a retried completion that already took effect answers 200, and every completion ends
 * with its result on the task row and exactly one `task.complete` audit row.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type CreatedAccount, createAccounts } from "../src/auth/accounts";
import { ensureReferenceData } from "../src/auth/seed-demo";
import { REPO_ROOT } from "../src/env";
import { type Db, openDb } from "../src/store/db";
import { api, eventually, loginToken, type ServeProcess, spawnServe, stopServe } from "../src/testing";

const suffix = `${process.pid}${Date.now().toString(36)}`;
const PROCESS_ID = `outage-${suffix}`;
const DISTRICT = "3216";
const CASES = 16;
const APP_NAME = "alur-outage-app";
// The smoke service with a form on its task: a completion may set only a form's fields.
const BPMN = readFileSync(path.join(REPO_ROOT, "workflows/smoke/smoke.bpmn"), "utf8")
  .replaceAll('"smoke"', `"${PROCESS_ID}"`)
  .replace(
    '<zeebe:assignmentDefinition candidateGroups="front-office" />',
    '<zeebe:assignmentDefinition candidateGroups="front-office" /><zeebe:formDefinition formId="f-catatan" />',
  );
const FORMS = { "f-catatan": { components: [{ type: "textfield", key: "note", label: "Catatan" }] } };

const dbName = `alur_outage_${suffix}`.toLowerCase();
let adminUrl: string;
let appUrl: string;
let db: Db;
let apiProc: ServeProcess | undefined;
let worker: ServeProcess | undefined;
const users: Record<string, CreatedAccount> = {};

/** Ends every connection the two Alur processes hold (not the test's own); returns how many. */
async function terminateAppBackends(): Promise<number> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const res = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2",
      [dbName, APP_NAME],
    );
    return res.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

beforeAll(async () => {
  adminUrl = inject("databaseUrl").replace(/\/[^/]*$/, "/postgres");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const dbUrl = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
  appUrl = `${dbUrl}?application_name=${APP_NAME}`;
  db = await openDb({ kind: "postgres", url: dbUrl });
  await ensureReferenceData(db);
  const created = await createAccounts(db, [
    { username: `out${suffix}.admin`, orgUnitId: DISTRICT, district: DISTRICT, roles: ["district-admin"] },
    { username: `out${suffix}.fo`, orgUnitId: DISTRICT, district: DISTRICT, roles: ["front-office"] },
  ]);
  for (const u of created) users[u.username.split(".")[1]!] = u;
  const env = {
    DATABASE_URL: appUrl,
    TEMPORAL_ADDRESS: inject("temporalAddress"),
    TEMPORAL_TASK_QUEUE: `outage-${suffix}`,
  };
  worker = await spawnServe({ args: ["--worker"], env });
  apiProc = await spawnServe({ args: ["--api"], env });
}, 240_000);

afterAll(async () => {
  await Promise.all([stopServe(apiProc), stopServe(worker)]);
  await db?.destroy();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}, 60_000);

type InboxItem = { id: string; caseId: string; revision: number; status: string };

describe("PostgreSQL connections terminated under load", () => {
  it("keeps both processes up, answers 503 while the database is gone and loses or leaves unaudited no completion", async () => {
    // given a published model and CASES cases, each with its task open
    const base = apiProc!.baseUrl;
    const admin = await loginToken(base, users.admin!.username, users.admin!.password);
    const deployed = await api(base, admin, "POST", "/processes", {
      bpmnXml: BPMN,
      forms: FORMS,
      district: DISTRICT,
      publish: true,
    });
    expect(deployed.status).toBe(201);
    const fo = await loginToken(base, users.fo!.username, users.fo!.password);
    const caseIds: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const res = await api(base, fo, "POST", "/cases", {
        processId: PROCESS_ID,
        district: DISTRICT,
        applicant: { name: `Pemohon ${i}` },
      });
      expect(res.status).toBe(201);
      caseIds.push((res.body as { id: string }).id);
    }
    const tasks = await eventually(async () => {
      const res = await api(base, fo, "GET", "/tasks?scope=unassigned&limit=200");
      const mine = ((res.body as { items?: InboxItem[] }).items ?? []).filter((t) => caseIds.includes(t.caseId));
      return mine.length === CASES ? mine : undefined;
    }, 60_000);

    // when the app's connections are terminated every 300 ms while every task is completed
    const running = () => apiProc!.child.exitCode === null && worker!.child.exitCode === null;
    let terminated = 0;
    let chaos = true;
    const chaosLoop = (async () => {
      while (chaos && running()) {
        terminated += await terminateAppBackends();
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    const figures = { requests: 0, status503: 0, retryable503: 0, otherFailures: [] as string[], lost: 0 };
    const completeOne = async (task: InboxItem, note: string) => {
      let revision = task.revision;
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && running()) {
        figures.requests++;
        const res = await api(base, fo, "POST", `/tasks/${task.id}/complete`, { data: { note }, revision }).catch(
          (error: unknown) => ({ status: 0, body: String(error) }),
        );
        if (res.status === 200) return true;
        const body = res.body as { code?: string; message?: { id?: string; en?: string }; details?: unknown };
        if (res.status === 503) {
          figures.status503++;
          if ((body.details as { retryable?: boolean } | undefined)?.retryable && body.message?.id && body.message.en)
            figures.retryable503++;
        } else if (res.status === 409 && body.code === "task-revision-conflict") {
          // a reservation of an attempt that then failed moved the revision: reload as a user would
          const current = await api(base, fo, "GET", `/tasks/${task.id}`);
          if (current.status === 200) revision = (current.body as { revision: number }).revision;
        } else {
          figures.otherFailures.push(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      figures.lost++;
      return false;
    };
    // four at a time, as a small office would
    const queue = tasks.map((t, i) => ({ task: t, note: `catatan ${i}` }));
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await completeOne(next.task, next.note);
      }),
    );
    chaos = false;
    await chaosLoop;
    if (!running())
      console.log(`a process exited:\n${apiProc!.log.join("").slice(-1500)}\n${worker!.log.join("").slice(-1500)}`);
    console.log(
      `db outage: ${terminated} backends terminated; ${figures.requests} completion requests, ` +
        `${figures.status503} answered 503 (${figures.retryable503} retryable) and were retried, ` +
        `${figures.otherFailures.length} other failures, ${figures.lost} lost`,
    );

    // then both processes are still running
    expect(apiProc!.child.exitCode).toBeNull();
    expect(worker!.child.exitCode).toBeNull();
    expect(apiProc!.log.join("")).not.toContain("Unhandled 'error' event");
    // and no request failed other than with a retryable 503, and none was lost
    expect(figures.otherFailures).toEqual([]);
    expect(figures.retryable503).toBe(figures.status503);
    expect(figures.lost).toBe(0);
    // and every case completes, each task holding its result, closed once by the user, audited once
    await eventually(async () => {
      const rows = await db.selectFrom("cases").select("status").where("id", "in", caseIds).execute();
      return rows.every((r) => r.status === "completed") ? true : undefined;
    }, 60_000);
    const rows = await db
      .selectFrom("tasks")
      .selectAll()
      .where(
        "id",
        "in",
        tasks.map((t) => t.id),
      )
      .execute();
    expect(rows).toHaveLength(CASES);
    for (const row of rows) {
      const i = tasks.findIndex((t) => t.id === row.id);
      expect(row.status).toBe("completed");
      expect(row.closed_by).toBe(users.fo!.id);
      expect(row.result).toEqual({ note: `catatan ${i}` });
    }
    const audit = await db
      .selectFrom("audit_log")
      .select(["resource_id", "actor_id"])
      .where("action", "=", "task.complete")
      .where(
        "resource_id",
        "in",
        tasks.map((t) => t.id),
      )
      .execute();
    expect(audit.map((a) => a.resource_id).sort()).toEqual(tasks.map((t) => t.id).sort());
    expect(new Set(audit.map((a) => a.actor_id))).toEqual(new Set([users.fo!.id]));
  }, 300_000);

  it("answers a retry of a completion that already took effect with 200, and a different one with 409 and the result", async () => {
    // given a task completed once, its answer lost (the client retries with what it sent)
    const base = apiProc!.baseUrl;
    const fo = await loginToken(base, users.fo!.username, users.fo!.password);
    const created = await api(base, fo, "POST", "/cases", {
      processId: PROCESS_ID,
      district: DISTRICT,
      applicant: { name: "Pemohon ulang" },
    });
    expect(created.status).toBe(201);
    const caseId = (created.body as { id: string }).id;
    const task = await eventually(async () => {
      const res = await api(base, fo, "GET", "/tasks?scope=unassigned&limit=200");
      return ((res.body as { items?: InboxItem[] }).items ?? []).find((t) => t.caseId === caseId);
    }, 60_000);
    const request = { data: { note: "sekali" }, revision: task.revision };
    const first = await api(base, fo, "POST", `/tasks/${task.id}/complete`, request);
    expect(first.status).toBe(200);

    // when the same request arrives again
    const retry = await api(base, fo, "POST", `/tasks/${task.id}/complete`, request);
    // then it succeeds with the same task, and nothing is recorded twice
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ id: task.id, status: "completed", result: { note: "sekali" } });
    const audit = await db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "task.complete")
      .where("resource_id", "=", task.id)
      .execute();
    expect(audit).toHaveLength(1);

    // and a "retry" with other data is a conflict that shows what was recorded
    const other = await api(base, fo, "POST", `/tasks/${task.id}/complete`, { ...request, data: { note: "lain" } });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: "task-closed", details: { result: { note: "sekali" } } });
  }, 120_000);
});
