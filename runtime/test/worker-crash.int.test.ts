/**
 * Durability on the real dev server: 200 cases run on two worker processes sharing one task
 * queue; one is killed with SIGKILL mid-way and a new one started. Every case completes, every
 * user task is created exactly once and none is lost.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { calendarFor } from "@alur/shared/calendar/districts";
import { Client, Connection } from "@temporalio/client";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Db } from "../src/store/db";
import { type BpmnProcessInput, caseWorkflowId, completeTaskUpdate, WORKFLOW_TYPE } from "../src/temporal/definitions";
import { insertCase } from "../src/testing/case-rows";
import { PlanBuilder } from "../src/testing/engine/plan-builder";
import { postgresDb, workflowBundle } from "../src/testing/servers";

const CASES = 200;
const TASK_QUEUE = `crash-${process.pid}`;
const WORKER = path.resolve(import.meta.dirname, "../src/testing/worker-process.ts");

let db: Db;
let client: Client;
const workers: ChildProcess[] = [];

function spawnWorker(identity: string): Promise<ChildProcess> {
  // node itself with tsx's loader, not the tsx launcher: the launcher runs the worker in a child
  // process of its own, so a SIGKILL would hit the launcher and leave the worker running
  const child = spawn(process.execPath, ["--import", "tsx", WORKER], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: inject("temporalAddress"),
      DATABASE_URL: inject("databaseUrl"),
      TASK_QUEUE,
      WORKFLOW_BUNDLE: workflowBundle().codePath,
      WORKER_IDENTITY: identity,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`worker ${identity} exited with ${code}`)));
  });
}

beforeAll(async () => {
  db = await postgresDb();
  const connection = await Connection.connect({ address: inject("temporalAddress") });
  client = new Client({ connection });
});

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
  await client?.connection.close();
  await db?.destroy();
});

it("200 cases survive a SIGKILLed worker: all complete, no task created twice or lost", async () => {
  // given two worker processes on one task queue and 200 cases of a two-step procedure
  const [w1] = await Promise.all([spawnWorker("worker-1"), spawnWorker("worker-2")]);
  const plan = new PlanBuilder("tahan-banting")
    .start("mulai")
    .userTask("periksa", { task: { roles: ["back-office"], documents: [], escalateTo: [] } })
    .userTask("setujui", { task: { roles: ["kepala-bidang"], documents: [], escalateTo: [] } })
    .end("selesai")
    .chain("mulai", "periksa", "setujui", "selesai")
    .build();
  const calendar = calendarFor("3216", [2026, 2027]);
  const caseIds: string[] = [];
  for (let i = 0; i < CASES; i++) caseIds.push(await insertCase(db, { plan, processVersionId: "pv-crash" }));
  const started = Date.now();
  await Promise.all(
    caseIds.map((caseId) => {
      const input: BpmnProcessInput = { caseId, district: "3216", plan, planHash: "crash", variables: {}, calendar };
      return client.workflow.start(WORKFLOW_TYPE, {
        workflowId: caseWorkflowId(caseId),
        taskQueue: TASK_QUEUE,
        args: [input],
      });
    }),
  );

  // when a driver completes the open tasks from the store, and worker-1 is killed half-way
  let completed = 0;
  let killed = false;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const open = await db
      .selectFrom("tasks")
      .select(["id", "case_id", "element_id"])
      .where("case_id", "in", caseIds)
      .where("status", "=", "open")
      .execute();
    const done = await db
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("id", "in", caseIds)
      .where("status", "=", "completed")
      .executeTakeFirstOrThrow();
    if (Number(done.n) === CASES) break;
    if (Date.now() > deadline) throw new Error(`only ${done.n} of ${CASES} cases completed`);
    await Promise.all(
      open.map(async (t) => {
        const role = t.element_id === "periksa" ? "back-office" : "kepala-bidang";
        try {
          await client.workflow.getHandle(caseWorkflowId(t.case_id)).executeUpdate(completeTaskUpdate, {
            args: [{ taskId: t.id, actor: { userId: "driver", roles: [role], district: "3216" }, data: {} }],
          });
          completed++;
        } catch {
          // already completed by an earlier round whose row update is still in flight: retried next round
        }
      }),
    );
    if (!killed && completed >= CASES / 2) {
      killed = true;
      const gone = new Promise((resolve) => w1.once("exit", (_code, signal) => resolve(signal)));
      w1.kill("SIGKILL");
      // the worker process itself died (not a launcher in front of it)
      expect(await gone).toBe("SIGKILL");
      await spawnWorker("worker-3");
    }
    if (open.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (Date.now() - started) / 1000;

  // then every case completed with exactly its two tasks, each created once and completed
  expect(killed).toBe(true);
  const tasks = await db
    .selectFrom("tasks")
    .select(["case_id", "element_id", "status"])
    .where("case_id", "in", caseIds)
    .execute();
  expect(tasks).toHaveLength(CASES * 2);
  expect(tasks.every((t) => t.status === "completed")).toBe(true);
  const perCase = new Map<string, string[]>();
  for (const t of tasks) perCase.set(t.case_id, [...(perCase.get(t.case_id) ?? []), t.element_id]);
  expect([...perCase.values()].every((els) => els.sort().join() === "periksa,setujui")).toBe(true);
  // and both original workers took work (the queue was shared)
  const identities = new Set<string>();
  for (const caseId of caseIds.slice(0, 40)) {
    const history = await client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory();
    for (const e of history.events ?? []) {
      const id = e.workflowTaskCompletedEventAttributes?.identity;
      if (id) identities.add(id);
    }
  }
  expect(identities.has("worker-1")).toBe(true);
  expect(identities.has("worker-2")).toBe(true);
  console.log(JSON.stringify({ cases: CASES, seconds, casesPerSecond: CASES / seconds, identities: [...identities] }));
}, 150_000);
