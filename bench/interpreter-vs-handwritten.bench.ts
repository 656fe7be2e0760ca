/**
 * Benchmark: the same procedure (start → 3 user tasks completed by a driver → end) run as
 * (a) the bpmnProcess interpreter on a plan and (b) a hand-written Temporal workflow, on the same
 * dev server, worker, PostgreSQL store and run. Prints JSON: cases/s of each per round and the
 * median of the per-round ratios a/b (target ≥ 0.8). Rounds alternate which runs first, so neither
 * profits from the other's warm-up or suffers from the server's growing state.
 * The worker's memory with many waiting cases is bench/worker-memory.bench.ts.
 *
 *   npx tsx bench/interpreter-vs-handwritten.bench.ts [--cases 200] [--rounds 3] [--cache 500] [--profile]
 *
 * `--profile` adds where a case's time goes (bench/case-profile.ts): per workflow type, each
 * activity's calls, mean time and SQL statements per case, and from a sample of histories the
 * history events, workflow tasks, activity tasks and updates one case costs.
 */
import { mkdtempSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { calendarFor } from "@alur/shared/calendar/districts";
import { type ExecutionPlan, PLAN_VERSION } from "@alur/shared/plan";
import type { CaseStateView } from "@alur/shared/schemas";
import { type Client, Connection, Client as TemporalClient } from "@temporalio/client";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime, Worker } from "@temporalio/worker";
import pg from "pg";
import { ensureReferenceData } from "../runtime/src/auth/seed-demo";
import { createLogger } from "../runtime/src/logger";
import { openDb } from "../runtime/src/store/db";
import { createActivities } from "../runtime/src/temporal/activities";
import { locateTemporalCli } from "../runtime/src/temporal/binaries";
import { type BpmnProcessInput, caseWorkflowId, completeTaskUpdate } from "../runtime/src/temporal/definitions";
import { DEFAULT_MAX_CACHED_WORKFLOWS, WORKFLOW_BUNDLE_OPTIONS } from "../runtime/src/temporal/worker";
import { insertCase } from "../runtime/src/testing/case-rows";
import { CaseProfile, historyFigures } from "./case-profile";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}
const CASES = option("--cases", 200);
const ROUNDS = Math.max(1, option("--rounds", 3));
const TASK_QUEUE = "bench";
const PROFILE = process.argv.includes("--profile");
/** Histories read per workflow type for the profile: enough for a mean, cheap to fetch. */
const SAMPLED_HISTORIES = 10;
const ROLES: Record<string, string> = {
  periksa: "back-office",
  verifikasi: "pekerja-sosial",
  setujui: "kepala-bidang",
};

Runtime.install({
  logger: new DefaultLogger("ERROR", (e) => process.stderr.write(`${e.level} ${e.message}\n`)),
  telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: "ERROR" }) } },
});

function threeTaskPlan(): ExecutionPlan {
  const ids = ["mulai", "periksa", "verifikasi", "setujui", "selesai"];
  const flows = Object.fromEntries(
    ids.slice(1).map((target, i) => [`f${i}`, { id: `f${i}`, source: ids[i]!, target }]),
  );
  const node = (id: string, i: number) => ({
    id,
    scope: null,
    pausesClock: false,
    incoming: i > 0 ? [`f${i - 1}`] : [],
    outgoing: i < ids.length - 1 ? [`f${i}`] : [],
  });
  const nodes: Record<string, unknown> = {
    mulai: { ...node("mulai", 0), type: "startEvent", isInterrupting: true },
    selesai: { ...node("selesai", 4), type: "endEvent" },
  };
  for (const [i, id] of ids.entries()) {
    if (ROLES[id])
      nodes[id] = { ...node(id, i), type: "userTask", task: { roles: [ROLES[id]], documents: [], escalateTo: [] } };
  }
  return { planVersion: PLAN_VERSION, processId: "bench", nodes, flows, boundaries: {}, forms: {} } as ExecutionPlan;
}

async function runBatch(
  client: Client,
  db: Awaited<ReturnType<typeof openDb>>,
  workflowType: string,
  count: number,
  plan: ExecutionPlan,
) {
  const calendar = calendarFor("3216", [2026, 2027]);
  const caseIds: string[] = [];
  for (let i = 0; i < count; i++) caseIds.push(await insertCase(db, { plan, processVersionId: "pv-bench" }));
  const started = performance.now();
  let transientErrors = 0;
  /**
   * Runs `attempt` until it succeeds. A query or update can time out while the server and worker
   * are saturated by this very batch (2 cores, hundreds of cases): look again after a pause, up to
   * one failure per case in the batch.
   */
  async function underLoad<T>(attempt: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        transientErrors++;
        if (transientErrors > count) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
  await Promise.all(
    caseIds.map(async (caseId) => {
      const input: BpmnProcessInput = { caseId, district: "3216", plan, planHash: "bench", variables: {}, calendar };
      const handle = await client.workflow.start(workflowType, {
        workflowId: caseWorkflowId(caseId),
        taskQueue: TASK_QUEUE,
        args: [input],
      });
      let view = await pollOpen(handle, underLoad);
      while (view.openTasks.length > 0) {
        const task = view.openTasks[0]!;
        try {
          view = await handle.executeUpdate(completeTaskUpdate, {
            args: [
              {
                taskId: task.taskId,
                actor: { userId: "bench", roles: [ROLES[task.elementId]!], district: null },
                data: {},
              },
            ],
          });
        } catch (error) {
          // the update may have landed before its answer was lost: look at the case again
          transientErrors++;
          if (transientErrors > count) throw error;
          await new Promise((r) => setTimeout(r, 200));
          view = await underLoad(() => handle.query("caseState") as Promise<CaseStateView>);
        }
      }
      await handle.result();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    cases: count,
    seconds: round(seconds),
    casesPerSecond: round(count / seconds),
    transientErrors,
    sampleWorkflowIds: caseIds.slice(0, SAMPLED_HISTORIES).map(caseWorkflowId),
  };
}

/** Waits until the case shows its first open task; a query that fails under load is asked again. */
async function pollOpen(
  handle: ReturnType<Client["workflow"]["getHandle"]>,
  underLoad: <T>(attempt: () => Promise<T>) => Promise<T>,
): Promise<CaseStateView> {
  for (;;) {
    const view = await underLoad(() => handle.query("caseState") as Promise<CaseStateView>);
    if (view.openTasks.length > 0) return view;
    // a case that cannot open its task would be polled forever: a broken set-up, not load
    if (view.incidents.length > 0) throw new Error(`case ${view.caseId}: ${JSON.stringify(view.incidents[0])}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Batch = Awaited<ReturnType<typeof runBatch>>;

function withoutSample({ sampleWorkflowIds: _, ...batch }: Batch) {
  return batch;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

const cli = locateTemporalCli();
if (!cli) throw new Error("Temporal CLI not found: run `npx alur setup`");
const adminUrl = "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `alur_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const env = await TestWorkflowEnvironment.createLocal({
  server: {
    executable: { type: "existing-path", path: cli.path },
    ip: "127.0.0.1",
    extraArgs: ["--log-level", "error"],
  },
});
const db = await openDb({ kind: "postgres", url: adminUrl.replace(/\/[^/]*$/, `/${dbName}`) });
// createTask opens a task only for roles the directory has (else an assignment incident)
await ensureReferenceData(db);
const connection = await NativeConnection.connect({ address: env.address });
const clientConnection = await Connection.connect({ address: env.address });
const client = new TemporalClient({ connection: clientConnection });
const profile = new CaseProfile();
try {
  const activities = createActivities({
    db: PROFILE ? db.withPlugin(profile.sqlCounter) : db,
    logger: createLogger({ level: "silent", pretty: false }),
    env: { ALUR_DATA_DIR: mkdtempSync(path.join(tmpdir(), "alur-bench-")), HTTP_CONNECTOR_ALLOW: "" },
  });
  const worker = await Worker.create({
    connection,
    taskQueue: TASK_QUEUE,
    workflowsPath: path.resolve(import.meta.dirname, "workflows/index.ts"),
    bundlerOptions: WORKFLOW_BUNDLE_OPTIONS,
    activities: PROFILE ? profile.wrap(activities) : activities,
    maxConcurrentWorkflowTaskExecutions: 40,
    maxConcurrentActivityTaskExecutions: 100,
    maxCachedWorkflows: option("--cache", DEFAULT_MAX_CACHED_WORKFLOWS),
  });
  const result = await worker.runUntil(async () => {
    const plan = threeTaskPlan();
    // warm-up: both paths once, so neither pays the worker's first-use costs
    await runBatch(client, db, "bpmnProcess", 10, plan);
    await runBatch(client, db, "handwrittenThreeTasks", 10, plan);
    const rounds: { first: string; interpreter: Batch; handwritten: Batch; ratio: number }[] = [];
    const batch = (type: "bpmnProcess" | "handwrittenThreeTasks") => {
      profile.current = type;
      return runBatch(client, db, type, CASES, plan);
    };
    for (let r = 0; r < ROUNDS; r++) {
      const interpreterFirst = r % 2 === 0;
      const first = await batch(interpreterFirst ? "bpmnProcess" : "handwrittenThreeTasks");
      const second = await batch(interpreterFirst ? "handwrittenThreeTasks" : "bpmnProcess");
      const [interpreter, handwritten] = interpreterFirst ? [first, second] : [second, first];
      rounds.push({
        first: interpreterFirst ? "interpreter" : "handwritten",
        interpreter,
        handwritten,
        ratio: round(interpreter.casesPerSecond / handwritten.casesPerSecond),
      });
    }
    const measured = ROUNDS * CASES;
    const profileOf = async (type: string, pick: (r: (typeof rounds)[number]) => Batch) =>
      profile.report(type, measured, await historyFigures(client, pick(rounds[0]!).sampleWorkflowIds));
    return {
      rounds: rounds.map(({ interpreter, handwritten, ...r }) => ({
        ...r,
        interpreter: withoutSample(interpreter),
        handwritten: withoutSample(handwritten),
      })),
      ratio: median(rounds.map((r) => r.ratio)),
      ...(PROFILE && {
        profile: {
          interpreter: await profileOf("bpmnProcess", (r) => r.interpreter),
          handwritten: await profileOf("handwrittenThreeTasks", (r) => r.handwritten),
        },
      }),
    };
  });
  console.log(
    JSON.stringify(
      {
        benchmark: "interpreter-vs-handwritten",
        shape: "start → 3 user tasks (driver completes via update) → end",
        target: { ratio: 0.8 },
        ...result,
        meetsTarget: result.ratio >= 0.8,
        cpus: cpus().length,
        loadAverage: round(loadavg()[0] ?? 0),
        note: "worker, driver and PostgreSQL client in one process on the same machine as the dev server",
      },
      null,
      2,
    ),
  );
} catch (error) {
  console.error("benchmark failed:", error);
  process.exitCode = 1;
} finally {
  await clientConnection.close();
  await connection.close();
  await db.destroy();
  await env.teardown();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
