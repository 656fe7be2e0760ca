/** Connections to the servers global-setup started, for integration tests. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import pg from "pg";
import { inject } from "vitest";
import { ensureReferenceData } from "../auth/seed-demo";
import { createLogger } from "../logger";
import { type Db, openDb } from "../store/db";
import { createActivities } from "../temporal/activities";
import { createWorker } from "../temporal/worker";

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

/**
 * A PostgreSQL database of the test file's own on the run's server, migrated: for tests that seed
 * the demo cast (seeded once per database) or depend on the planner's statistics. `drop()` waits
 * for the pools' connections to close before dropping it (terminating a closing connection made
 * pg emit an unhandled 57P01 error in the test process).
 */
export async function ownPostgresDb(name: string): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: inject("databaseUrl") });
  await admin.connect();
  const dbName = `alur_${name}_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = inject("databaseUrl").replace(/\/[^/]*$/, `/${dbName}`);
  const db = await openDb({ kind: "postgres", url });
  return {
    db,
    url,
    async drop() {
      await db.destroy();
      for (let i = 0; i < 100; i++) {
        const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [
          dbName,
        ]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    },
  };
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
