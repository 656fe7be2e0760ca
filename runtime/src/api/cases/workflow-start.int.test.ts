/**
 * A case whose workflow cannot be started (Temporal unreachable) is kept, answered with 201 and
 * `workflowPending`, replayed by its Idempotency-Key instead of duplicated, and started later:
 * when read once the retry is due, or by the sweep. Real PGlite and the run's Temporal dev server.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredential } from "../../auth/seed-demo";
import { loadEnv } from "../../env";
import { createLogger } from "../../logger";
import { type Db, openDb } from "../../store/db";
import { caseWorkflowId } from "../../temporal/definitions";
import { buildTestApp, call, type Session, signIn, type TestApp, unconnectedClient } from "../../testing/api-app";
import { devServerEnv } from "../../testing/servers";
import type { AppDeps } from "../context";
import { retryPendingStarts } from "./workflow-start";

const BPMN = readFileSync(path.join(import.meta.dirname, "../fixtures/layanan-uji.bpmn"), "utf8");
// No worker polls this queue: the test only needs Temporal to accept the start.
const TASK_QUEUE = `pending-starts-${randomUUID()}`;

let db: Db;
let env: TestWorkflowEnvironment;
let down: TestApp;
let up: TestApp;
let credentials: DemoCredential[];
let deps: AppDeps;
const started: string[] = [];
const s: Record<string, Session> = {};

beforeAll(async () => {
  db = await openDb({ kind: "pglite", dataDir: null });
  env = await devServerEnv();
  const filesDir = mkdtempSync(path.join(tmpdir(), "alur-files-"));
  // the same database behind an API whose Temporal is unreachable, and one whose Temporal answers
  ({ app: down, credentials } = await buildTestApp(db, { client: unconnectedClient(), filesDir }));
  ({ app: up } = await buildTestApp(db, { client: env.client, taskQueue: TASK_QUEUE, credentials, filesDir }));
  deps = {
    db,
    temporal: { client: env.client, taskQueue: TASK_QUEUE },
    env: loadEnv({ NODE_ENV: "test" }),
    logger: createLogger({ level: "silent", pretty: false }),
    filesDir,
  };
  s.admin = await signIn(up, credentials, "bks.admin");
  s.front = await signIn(up, credentials, "bks.front-office");
  const deployed = await call(up, s.admin, "POST", "/processes", { bpmnXml: BPMN, district: "3216", publish: true });
  expect(deployed.status).toBe(201);
}, 120_000);

afterAll(async () => {
  for (const id of started) {
    // (a case of the first test may or may not have been swept up meanwhile)
    await env.client.workflow
      .getHandle(caseWorkflowId(id))
      .terminate("test done")
      .catch(() => undefined);
  }
  await env?.teardown();
  await db?.destroy();
});

async function startWhileDown(key: string) {
  const res = await down.request("/cases", {
    method: "POST",
    headers: { ...s.front!.headers, "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify({ processId: "layanan-uji", district: "3216", applicant: { name: `Pemohon ${key}` } }),
  });
  return { status: res.status, body: (await res.json()) as { id: string; workflowPending?: boolean } };
}

const makeDue = (caseId: string) =>
  sql`UPDATE workflow_starts SET next_attempt_at = now() WHERE case_id = ${caseId}`.execute(db);

async function timelineTypes(caseId: string): Promise<string[]> {
  const res = await call(up, s.front!, "GET", `/cases/${caseId}/timeline`);
  return ((await res.json()) as { items: { type: string }[] }).items.map((e) => e.type);
}

describe("a workflow start that fails", () => {
  it("keeps the case, answers 201 with workflowPending, and replays the same case for the same key", async () => {
    // when Temporal is unreachable at the start
    const first = await startWhileDown("pending-1");
    started.push(first.body.id);
    // then the case exists and says its workflow is pending, with the failure on its timeline
    expect(first.status).toBe(201);
    expect(first.body.workflowPending).toBe(true);
    expect(await timelineTypes(first.body.id)).toEqual(["case.created", "case.start-deferred"]);
    const row = await db
      .selectFrom("workflow_starts")
      .selectAll()
      .where("case_id", "=", first.body.id)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBeTruthy();
    expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now());

    // and the client's retry with the same key gets the same case, not a second one
    const retry = await startWhileDown("pending-1");
    expect(retry.body.id).toBe(first.body.id);
    const count = await db
      .selectFrom("cases")
      .select(sql<number>`count(*)::int`.as("n"))
      .where(sql<boolean>`applicant->>'name' = 'Pemohon pending-1'`)
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  }, 60_000);

  it("is started when the case is read after the retry is due", async () => {
    // given a case whose start failed, and its retry due
    const { body } = await startWhileDown("pending-2");
    await makeDue(body.id);
    // when someone reads it through an API whose Temporal answers
    const res = await call(up, s.front!, "GET", `/cases/${body.id}`);
    started.push(body.id);
    // then the workflow runs and the case no longer says pending
    expect(res.status).toBe(200);
    expect(((await res.json()) as { workflowPending?: boolean }).workflowPending).toBeUndefined();
    const description = await env.client.workflow.getHandle(caseWorkflowId(body.id)).describe();
    expect(description.status.name).toBe("RUNNING");
    expect(await timelineTypes(body.id)).toEqual(["case.created", "case.start-deferred", "case.workflow-started"]);
    expect(await db.selectFrom("workflow_starts").select("case_id").where("case_id", "=", body.id).execute()).toEqual(
      [],
    );
  }, 60_000);

  it("is started by the sweep, once, and not before it is due", async () => {
    const { body } = await startWhileDown("pending-3");
    // not due yet (backoff): the sweep leaves it
    expect((await retryPendingStarts(deps, { caseId: body.id })).due).toBe(0);
    await makeDue(body.id);
    // when two sweeps run at once (two API processes), the row is taken by one of them
    const sweeps = await Promise.all([retryPendingStarts(deps), retryPendingStarts(deps)]);
    started.push(body.id);
    expect(sweeps.reduce((n, r) => n + r.started, 0)).toBeGreaterThanOrEqual(1);
    const types = await timelineTypes(body.id);
    expect(types.filter((t) => t === "case.workflow-started")).toHaveLength(1);
    const description = await env.client.workflow.getHandle(caseWorkflowId(body.id)).describe();
    expect(description.status.name).toBe("RUNNING");
    const view = (await (await call(up, s.front!, "GET", `/cases/${body.id}`)).json()) as { workflowPending?: boolean };
    expect(view.workflowPending).toBeUndefined();
  }, 60_000);
});
