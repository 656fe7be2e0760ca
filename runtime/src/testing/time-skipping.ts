/**
 * The runtime on the Temporal time-skipping server, for tests that run whole cases in seconds: the
 * bpmnProcess workflow (a prebuilt bundle, or bundled here once) with the real activities and
 * connectors writing to an in-memory PGlite store.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@temporalio/client";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { bundleWorkflowCode, Worker } from "@temporalio/worker";
import pino from "pino";
import { ensureReferenceData } from "../auth/seed-demo";
import { type Db, openDb } from "../store/db";
import { createActivities } from "../temporal/activities";
import { locateTestServer, missingBinaryMessage } from "../temporal/binaries";
import { WORKFLOW_BUNDLE_OPTIONS, WORKFLOWS_PATH } from "../temporal/worker";

export interface TimeSkippingRuntime {
  env: TestWorkflowEnvironment;
  /** A client that does not unlock time skipping (reading a result through it leaves the clock be). */
  plain: Client;
  db: Db;
  taskQueue: string;
  stop(): Promise<void>;
}

/** Bundles the workflow code into a file (what the integration global setup does once per run). */
async function bundleWorkflowsToFile(): Promise<string> {
  const bundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error },
    ...WORKFLOW_BUNDLE_OPTIONS,
  });
  const file = path.join(mkdtempSync(path.join(tmpdir(), "alur-bundle-")), "workflows.js");
  writeFileSync(file, bundle.code);
  return file;
}

/** Starts the time-skipping server, a fresh in-memory store and a worker on `taskQueue`. */
export async function startTimeSkippingRuntime(
  options: { testServerPath?: string; workflowBundlePath?: string; taskQueue?: string } = {},
): Promise<TimeSkippingRuntime> {
  const testServerPath = options.testServerPath ?? locateTestServer()?.path;
  if (!testServerPath) throw new Error(missingBinaryMessage("temporal-test-server"));
  const taskQueue = options.taskQueue ?? "time-skipping";
  const codePath = options.workflowBundlePath ?? (await bundleWorkflowsToFile());
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: "existing-path", path: testServerPath } },
  });
  const db = await openDb({ kind: "pglite", dataDir: null });
  // Tasks open only for roles the directory has: the built-in ones, as a server seeds them on start.
  await ensureReferenceData(db);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath },
    activities: createActivities({
      db,
      logger: pino({ level: "silent" }),
      env: { ALUR_DATA_DIR: mkdtempSync(path.join(tmpdir(), "alur-time-skipping-")), HTTP_CONNECTOR_ALLOW: "" },
    }),
  });
  const running = worker.run();
  return {
    env,
    plain: new Client({ connection: env.connection }),
    db,
    taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await db.destroy();
    },
  };
}
