/**
 * Integration-test servers, started once per run: a real Temporal dev server, a fresh database
 * on the real PostgreSQL server, and the workflow bundle. Tests reach them through `inject()`.
 * A missing prerequisite fails the run with what to install; nothing is skipped or faked.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { bundleWorkflowCode } from "@temporalio/worker";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { locateTemporalCli, locateTestServer, missingBinaryMessage } from "../temporal/binaries";
import { WORKFLOW_BUNDLE_OPTIONS, WORKFLOWS_PATH } from "../temporal/worker";

declare module "vitest" {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalTestServer: string;
    databaseUrl: string;
    workflowBundlePath: string;
  }
}

export default async function setup(project: TestProject) {
  const cli = locateTemporalCli();
  if (!cli) throw new Error(missingBinaryMessage("temporal"));
  const testServer = locateTestServer();
  if (!testServer) throw new Error(missingBinaryMessage("temporal-test-server"));

  const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = `alur_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not answer at ${adminUrl} (${String(error)}).\n` +
        "Start one (apt-get install postgresql; pg_ctlcluster <version> main start) or set TEST_POSTGRES_URL.",
    );
  }
  await admin.query(`CREATE DATABASE ${dbName}`);
  const databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);

  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: "existing-path", path: cli.path },
      ip: "127.0.0.1",
      extraArgs: ["--log-level", "error"],
    },
  });

  let workflowBundlePath = "";
  if (existsSync(WORKFLOWS_PATH)) {
    const bundle = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      logger: quietLogger,
      ...WORKFLOW_BUNDLE_OPTIONS,
    });
    workflowBundlePath = path.join(mkdtempSync(path.join(tmpdir(), "alur-bundle-")), "workflows.js");
    writeFileSync(workflowBundlePath, bundle.code);
  }

  project.provide("temporalAddress", env.address);
  project.provide("temporalTestServer", testServer.path);
  project.provide("databaseUrl", databaseUrl);
  project.provide("workflowBundlePath", workflowBundlePath);

  return async () => {
    await env.teardown();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  };
}

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
