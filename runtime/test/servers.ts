/** Connections to the servers global-setup started, for integration tests. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { inject } from "vitest";
import { ensureReferenceData } from "../src/auth/seed-demo";
import { createLogger } from "../src/logger";
import { type Db, openDb } from "../src/store/db";
import { createActivities } from "../src/temporal/activities";
import { createWorker } from "../src/temporal/worker";

/** A test environment on the shared dev server (real time). */
export function devServerEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createFromExistingServer({ address: inject("temporalAddress") });
}

/** A time-skipping environment on the installed test server; tear it down in afterAll. */
export function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: "existing-path", path: inject("temporalTestServer") } },
  });
}

/** The run's fresh PostgreSQL database, migrated. */
export function postgresDb(): Promise<Db> {
  return openDb({ kind: "postgres", url: inject("databaseUrl") });
}

/** A fresh in-memory PGlite, migrated. */
export function pgliteDb(): Promise<Db> {
  return openDb({ kind: "pglite", dataDir: null });
}

/** The workflow bundle built once per run. */
export function workflowBundle(): { codePath: string } {
  const codePath = inject("workflowBundlePath");
  if (!codePath) throw new Error("No workflow bundle: runtime/src/temporal/workflows/index.ts is missing.");
  return { codePath };
}

/**
 * A bpmnProcess worker on `env` with the run's bundle and the real activities on `db`, running
 * until `stop()`. `dataDir` holds documents (default: a fresh temp dir); `httpAllow` is the http
 * connector's host allow-list (default: none).
 */
export async function startWorker(
  env: TestWorkflowEnvironment,
  db: Db,
  taskQueue: string,
  options: { dataDir?: string; httpAllow?: string } = {},
): Promise<{ stop: () => Promise<void> }> {
  // Tasks open only for roles the directory has: the built-in ones, as a server seeds them on start.
  await ensureReferenceData(db);
  const worker = await createWorker({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: workflowBundle(),
    activities: createActivities({
      db,
      logger: createLogger({ level: "silent", pretty: false }),
      env: {
        ALUR_DATA_DIR: options.dataDir ?? mkdtempSync(path.join(tmpdir(), "alur-worker-")),
        HTTP_CONNECTOR_ALLOW: options.httpAllow ?? "",
      },
    }),
  });
  const running = worker.run();
  return {
    stop: async () => {
      worker.shutdown();
      await running;
    },
  };
}
