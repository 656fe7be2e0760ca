/**
 * Benchmark: the worker's memory with N interpreted cases waiting on a user task.
 * The worker runs in its own OS process (runtime/src/testing/worker-process.ts, production defaults of
 * createWorker: sticky cache of DEFAULT_MAX_CACHED_WORKFLOWS cases); this process is the driver.
 * The worker's peak RSS is the kernel's high-water mark (VmHWM of /proc/<pid>/status), so no
 * short spike between samples is missed. Prints one JSON object.
 *
 *   npx tsx bench/worker-memory.bench.ts [--waiting 10000] [--preload default|none]
 * --preload none bundles without the shared modules (to measure what preloading saves).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { calendarFor } from "@alur/shared/calendar/districts";
import { type ExecutionPlan, PLAN_VERSION } from "@alur/shared/plan";
import { Connection, Client as TemporalClient } from "@temporalio/client";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { bundleWorkflowCode } from "@temporalio/worker";
import pg from "pg";
import { openDb } from "../runtime/src/store/db";
import { locateTemporalCli } from "../runtime/src/temporal/binaries";
import { caseWorkflowId } from "../runtime/src/temporal/definitions";
import { DEFAULT_MAX_CACHED_WORKFLOWS, WORKFLOW_BUNDLE_OPTIONS, WORKFLOWS_PATH } from "../runtime/src/temporal/worker";
import { insertCase } from "../runtime/src/testing/case-rows";

const ROOT = path.resolve(import.meta.dirname, "..");
const TASK_QUEUE = "bench-memory";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const WAITING = Number(option("--waiting", "10000"));
const PRELOAD = option("--preload", "default");
/** V8 old-space limit of the worker process (MB); 0 leaves Node's default (a share of system memory). */
const HEAP_MB = Number(option("--worker-heap-mb", "0"));

/** start → one user task → end: every case waits on its task. */
function oneTaskPlan(): ExecutionPlan {
  return {
    planVersion: PLAN_VERSION,
    processId: "bench-memory",
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

function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+) kB`))?.[1] ?? 0);
  return { rssMb: Math.round(kb("VmRSS") / 1024), peakRssMb: Math.round(kb("VmHWM") / 1024) };
}

const cli = locateTemporalCli();
if (!cli) throw new Error("Temporal CLI not found: run `npx alur setup`");
const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `alur_bench_mem_${process.pid}`;
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
  const bundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: quiet,
    ...(PRELOAD === "none" ? {} : WORKFLOW_BUNDLE_OPTIONS),
  });
  const bundlePath = path.join(mkdtempSync(path.join(tmpdir(), "alur-bench-bundle-")), "workflows.js");
  writeFileSync(bundlePath, bundle.code);

  const heapFlag = HEAP_MB > 0 ? [`--max-old-space-size=${HEAP_MB}`] : [];
  worker = spawn(
    process.execPath,
    [...heapFlag, "--import", "tsx", path.join(ROOT, "runtime/src/testing/worker-process.ts")],
    {
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: env.address,
        DATABASE_URL: databaseUrl,
        TASK_QUEUE,
        WORKFLOW_BUNDLE: bundlePath,
        WORKER_IDENTITY: "bench-memory-worker",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    worker?.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve();
    });
    worker?.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
  const pid = worker.pid as number;
  const idle = memoryOf(pid);

  const plan = oneTaskPlan();
  const calendar = calendarFor("3216", [2026, 2027]);
  const started = performance.now();
  for (let i = 0; i < WAITING; i += 250) {
    const chunk = await Promise.all(
      Array.from({ length: Math.min(250, WAITING - i) }, () => insertCase(db, { plan, processVersionId: "pv-bench" })),
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
  let open = 0;
  for (;;) {
    const row = await db
      .selectFrom("tasks")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "open")
      .executeTakeFirstOrThrow();
    open = Number(row.n);
    if (open >= WAITING) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const seconds = (performance.now() - started) / 1000;
  const loaded = memoryOf(pid);
  console.log(
    JSON.stringify(
      {
        benchmark: "worker-memory",
        waitingCases: WAITING,
        openTasks: open,
        secondsToOpenAllTasks: Math.round(seconds * 10) / 10,
        casesPerSecond: Math.round((WAITING / seconds) * 10) / 10,
        maxCachedWorkflows: DEFAULT_MAX_CACHED_WORKFLOWS,
        workerHeapLimitMb: HEAP_MB > 0 ? HEAP_MB : "node default",
        preload: PRELOAD === "none" ? [] : (WORKFLOW_BUNDLE_OPTIONS.preloadModules ?? []),
        workerIdleRssMb: idle.rssMb,
        workerRssMb: loaded.rssMb,
        workerPeakRssMb: loaded.peakRssMb,
        loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
        note: "worker in its own process with createWorker's defaults; peak = VmHWM",
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
