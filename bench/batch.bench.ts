/**
 * Benchmark: a batch cancel over N running cases (real Temporal dev server, real PostgreSQL, the
 * worker in its own OS process). The cases are the cheapest real ones: start → one user task → end,
 * each a running bpmnProcess workflow with its row in the store. The batch is made as the API makes
 * it (the case-list filter resolved by the store to a frozen item list) and worked off by the real
 * runner (runBatches, the API process's batch runner, with its production chunk and lanes), so each
 * item is authorized, audited once and cancelled through the single cancel's code path. Reports
 * items/s of the runner, the total, the time until the worker has closed every case, and the
 * load average. Prints one JSON object.
 *
 *   npx tsx bench/batch.bench.ts [--cases 10000] [--lanes 4] [--chunk 20]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { calendarFor } from "@alur/shared/calendar/districts";
import { type ExecutionPlan, PLAN_VERSION } from "@alur/shared/plan";
import { Connection, Client as TemporalClient } from "@temporalio/client";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { bundleWorkflowCode } from "@temporalio/worker";
import pg from "pg";
import { runBatches } from "../runtime/src/api/batches/batch-runner";
import { createLogger } from "../runtime/src/logger";
import { insertBatch } from "../runtime/src/store/batches";
import { queryCaseList } from "../runtime/src/store/case-list";
import { openDb } from "../runtime/src/store/db";
import { locateTemporalCli } from "../runtime/src/temporal/binaries";
import { caseWorkflowId } from "../runtime/src/temporal/definitions";
import { WORKFLOW_BUNDLE_OPTIONS, WORKFLOWS_PATH } from "../runtime/src/temporal/worker";
import { insertCase } from "../runtime/src/testing/case-rows";

const ROOT = path.resolve(import.meta.dirname, "..");
const TASK_QUEUE = "bench-batch";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const CASES = Number(option("--cases", "10000"));
const LANES = Number(option("--lanes", "4"));
const CHUNK = Number(option("--chunk", "20"));

const PROCESS_ID = "bench-batch";
/** start → one user task → end. */
function oneTaskPlan(): ExecutionPlan {
  return {
    planVersion: PLAN_VERSION,
    processId: PROCESS_ID,
    nodes: {
      mulai: {
        id: "mulai",
        type: "startEvent",
        isInterrupting: true,
        scope: null,
        pausesClock: false,
        incoming: [],
        outgoing: ["f0"],
      },
      periksa: {
        id: "periksa",
        type: "userTask",
        scope: null,
        pausesClock: false,
        incoming: ["f0"],
        outgoing: ["f1"],
        task: { roles: ["back-office"], documents: [], escalateTo: [] },
      },
      selesai: { id: "selesai", type: "endEvent", scope: null, pausesClock: false, incoming: ["f1"], outgoing: [] },
    },
    flows: {
      f0: { id: "f0", source: "mulai", target: "periksa" },
      f1: { id: "f1", source: "periksa", target: "selesai" },
    },
    boundaries: {},
    forms: {},
  } as unknown as ExecutionPlan;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const load = () => loadavg().map((l) => round(l, 2));

const cli = locateTemporalCli();
if (!cli) throw new Error("Temporal CLI not found: run `npx alur setup`");
const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `alur_bench_batch_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
const env = await TestWorkflowEnvironment.createLocal({
  server: {
    executable: { type: "existing-path", path: cli.path },
    ip: "127.0.0.1",
    extraArgs: ["--log-level", "error"],
  },
});
const db = await openDb({ kind: "postgres", url: databaseUrl });
const clientConnection = await Connection.connect({ address: env.address });
const client = new TemporalClient({ connection: clientConnection });
let worker: ChildProcess | null = null;
try {
  const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quiet, ...WORKFLOW_BUNDLE_OPTIONS });
  const bundlePath = path.join(mkdtempSync(path.join(tmpdir(), "alur-bench-bundle-")), "workflows.js");
  writeFileSync(bundlePath, bundle.code);
  worker = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "runtime/src/testing/worker-process.ts")], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: env.address,
      DATABASE_URL: databaseUrl,
      TASK_QUEUE,
      WORKFLOW_BUNDLE: bundlePath,
      WORKER_IDENTITY: "bench-batch-worker",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    worker?.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve();
    });
    worker?.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });

  // N running cases
  const plan = oneTaskPlan();
  const calendar = calendarFor("3216", [2026, 2027]);
  const seedStarted = performance.now();
  for (let i = 0; i < CASES; i += 250) {
    const chunk = await Promise.all(
      Array.from({ length: Math.min(250, CASES - i) }, () => insertCase(db, { plan, processVersionId: "pv-bench" })),
    );
    await Promise.all(
      chunk.map((caseId) =>
        client.workflow.start("bpmnProcess", {
          workflowId: caseWorkflowId(caseId),
          taskQueue: TASK_QUEUE,
          args: [{ caseId, district: "3216", plan, planHash: "bench", variables: {}, calendar }],
        }),
      ),
    );
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const loadBefore = load();

  // the batch as POST /batches makes it: the district head's filter resolved to a frozen list
  const requester = {
    userId: "bench-head",
    displayName: "Kepala Bidang (bench)",
    district: "3216",
    roles: ["kepala-bidang"],
    isSuperAdmin: false,
    isDistrictAdmin: false,
    isHead: true,
  };
  const createStarted = performance.now();
  const items: { caseId: string; caseNumber: string; district: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryCaseList(
      db,
      {
        userId: requester.userId,
        district: "3216",
        roles: requester.roles,
        seesAllDistricts: false,
        seesWholeDistrict: true,
      },
      {
        service: PROCESS_ID,
        statuses: ["active"],
        sla: [],
        sort: "received",
        order: "asc",
        limit: 1000,
        cursor,
        now: new Date(),
      },
    );
    for (const r of page.rows) items.push({ caseId: r.id, caseNumber: r.case_number, district: r.district });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const batchId = `bench-${process.pid}`;
  await db.transaction().execute((tx) =>
    insertBatch(
      tx,
      {
        id: batchId,
        operation: "cancel",
        district: "3216",
        filter: { service: PROCESS_ID, status: "active" },
        migration: null,
        reason: "Benchmark: pembatalan massal",
        requested_by: requester.userId,
        requester,
        ip: null,
      },
      items,
    ),
  );
  const createSeconds = (performance.now() - createStarted) / 1000;

  // the runner works it off
  const deps = {
    db,
    temporal: { client, taskQueue: TASK_QUEUE },
    logger: createLogger({ level: "silent", pretty: false }),
  };
  const runStarted = performance.now();
  let ran = 0;
  const loadSamples: number[] = [];
  for (;;) {
    const n = await runBatches(deps, { chunk: CHUNK, lanes: LANES, budgetMs: 5_000 });
    ran += n;
    loadSamples.push(loadavg()[0] ?? 0);
    const batch = await db.selectFrom("batches").select("status").where("id", "=", batchId).executeTakeFirstOrThrow();
    if (batch.status === "done") break;
    if (n === 0) await new Promise((r) => setTimeout(r, 250));
  }
  const runSeconds = (performance.now() - runStarted) / 1000;
  const counts = await db
    .selectFrom("batch_items")
    .select(["status", (eb) => eb.fn.countAll<string>().as("n")])
    .where("batch_id", "=", batchId)
    .groupBy("status")
    .execute();
  const audited = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("action", "=", "case.cancel")
    .executeTakeFirstOrThrow();

  // the worker closes the cases in its own time
  let closed = 0;
  const closeDeadline = Date.now() + 5 * 60_000;
  for (;;) {
    const row = await db
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("status", "=", "cancelled")
      .executeTakeFirstOrThrow();
    closed = Number(row.n);
    if (closed >= items.length || Date.now() > closeDeadline) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const closeSeconds = (performance.now() - runStarted) / 1000;
  console.log(
    JSON.stringify(
      {
        benchmark: "batch-cancel",
        cases: CASES,
        items: items.length,
        lanes: LANES,
        chunk: CHUNK,
        outcomes: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
        auditedCancels: Number(audited.n),
        seedSeconds: round(seedSeconds),
        createBatchSeconds: round(createSeconds, 2),
        runSeconds: round(runSeconds),
        itemsPerSecond: round(ran / runSeconds),
        totalSeconds: round(createSeconds + runSeconds),
        casesClosedByWorker: closed,
        secondsUntilAllClosed: round(closeSeconds),
        loadAverageBefore: loadBefore,
        loadAverageDuringRunMax: round(Math.max(...loadSamples), 2),
        loadAverageAfter: load(),
        cores: cpus().length,
        note: "runner in this process (as in an API process), worker in its own process, shared 2-core machine",
      },
      null,
      2,
    ),
  );
} finally {
  worker?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  worker?.kill("SIGKILL");
  await clientConnection.close();
  await db.destroy();
  await env.teardown();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
