/** Connections to the servers global-setup started, for integration tests. */
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { inject } from "vitest";
import { type Db, openDb } from "../src/store/db";

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
