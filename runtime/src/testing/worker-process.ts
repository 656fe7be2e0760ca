/**
 * A bpmnProcess worker in its own OS process, for tests that kill workers with SIGKILL.
 * Settings come from the environment: TEMPORAL_ADDRESS, DATABASE_URL, TASK_QUEUE,
 * WORKFLOW_BUNDLE (a prebuilt bundle), WORKER_IDENTITY. Prints "ready" when polling.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NativeConnection } from "@temporalio/worker";
import { ensureReferenceData } from "../auth/seed-demo";
import { createLogger } from "../logger";
import { openDb } from "../store/db";
import { createActivities } from "../temporal/activities";
import { createWorker } from "../temporal/worker";

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const db = await openDb({ kind: "postgres", url: need("DATABASE_URL") });
// Tasks open only for roles the directory has: the built-in ones, as a server seeds them on start.
await ensureReferenceData(db);
const connection = await NativeConnection.connect({ address: need("TEMPORAL_ADDRESS") });
const worker = await createWorker({
  connection,
  taskQueue: need("TASK_QUEUE"),
  identity: need("WORKER_IDENTITY"),
  workflowBundle: { codePath: need("WORKFLOW_BUNDLE") },
  activities: createActivities({
    db,
    logger: createLogger({ level: "silent", pretty: false }),
    env: { ALUR_DATA_DIR: mkdtempSync(path.join(tmpdir(), "alur-worker-")), HTTP_CONNECTOR_ALLOW: "" },
  }),
});
process.on("SIGTERM", () => worker.shutdown());
const running = worker.run();
console.log("ready");
await running;
await connection.close();
await db.destroy();
