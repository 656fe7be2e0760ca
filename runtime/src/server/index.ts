/**
 * One Alur process: the HTTP API and the built web app on one port, the Temporal worker running
 * the interpreter, and (embedded default) a local Temporal dev server and PGlite under data/.
 * Roles can be split for scale-out: `--api` or `--worker` alone against shared servers.
 */
import type { AddressInfo } from "node:net";
import path from "node:path";
import { serve } from "@hono/node-server";
import { Client, Connection } from "@temporalio/client";
import { NativeConnection } from "@temporalio/worker";
import { Hono } from "hono";
import { createApp } from "../api/app";
import { startBatchRunner } from "../api/batches/batch-runner";
import { startRetentionSweeper } from "../api/cases/retention";
import { startWorkflowStartSweeper } from "../api/cases/workflow-start";
import { startJobSweeper } from "../api/jobs/job-sweeper";
import type { Env } from "../env";
import { createLogger, type Logger } from "../logger";
import { channelsFromEnv, startDeliverySweeper } from "../notifications/delivery-sweeper";
import { startDueWarningSweeper } from "../notifications/task-notices";
import { type Db, dbTarget, openDb, reportPoolErrors } from "../store/db";
import { createActivities } from "../temporal/activities";
import { connectionOptions } from "../temporal/client";
import { createWorker } from "../temporal/worker";
import { firstStart } from "./first-start";
import { healthChecks } from "./health";
import { requestIds, requestLog } from "./request-log";
import { securityHeaders } from "./security-headers";
import { mountDesigner } from "./static-designer";
import { type DevServer, startTemporalDevServer } from "./temporal-dev-server";

export interface ServerOptions {
  env: Env;
  api: boolean;
  worker: boolean;
  dev?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  temporalAddress: string;
  temporalUiUrl: string | null;
  db: Db;
  logger: Logger;
  stop(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { env } = options;
  const logger = createLogger({ level: env.LOG_LEVEL, pretty: env.LOG_PRETTY });
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((error) => logger.error({ err: error }, "shutdown step failed"));
  };
  try {
    // Lost connections are re-opened by the pool on the next query; say so once per loss.
    reportPoolErrors((error) => logger.warn({ err: error }, "database connection lost; reconnecting on next use"));
    const db = await openDb(
      dbTarget({ databaseUrl: env.DATABASE_URL, databaseOwnerUrl: env.DATABASE_OWNER_URL, dataDir: env.ALUR_DATA_DIR }),
    );
    stops.push(() => db.destroy());

    let devServer: DevServer | null = null;
    if (!env.TEMPORAL_ADDRESS) {
      devServer = await startTemporalDevServer({
        dataDir: env.ALUR_DATA_DIR,
        port: env.TEMPORAL_DEV_PORT,
        uiPort: env.TEMPORAL_UI_PORT,
        cliPath: env.TEMPORAL_CLI,
        logger,
      });
      stops.push(() => devServer!.stop());
    }
    const temporalAddress = env.TEMPORAL_ADDRESS ?? devServer!.address;
    const connOptions = connectionOptions(env, temporalAddress);

    if (options.worker) {
      const nativeConnection = await NativeConnection.connect(connOptions);
      const worker = await createWorker({
        connection: nativeConnection,
        namespace: env.TEMPORAL_NAMESPACE,
        taskQueue: env.TEMPORAL_TASK_QUEUE,
        activities: createActivities({ db, logger, env, filesDir: path.join(env.ALUR_DATA_DIR, "files") }),
      });
      const running = worker.run();
      stops.push(async () => {
        // Ctrl-C reaches the Temporal runtime too, which may already be draining the worker
        if (worker.getState() === "RUNNING") worker.shutdown();
        await running;
        await nativeConnection.close();
      });
      logger.info({ taskQueue: env.TEMPORAL_TASK_QUEUE }, "worker started");
    }

    let port = env.PORT;
    if (options.api) {
      const connection = await Connection.connect(connOptions);
      stops.push(() => connection.close());
      const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
      const filesDir = path.join(env.ALUR_DATA_DIR, "files");
      await firstStart({ db, env, logger });
      const root = new Hono();
      root.use("*", requestIds(), requestLog(logger), securityHeaders());
      root.get("/api/health", async (c) => {
        const checks = await healthChecks(db, client);
        return c.json(checks, checks.ok ? 200 : 503);
      });
      const appDeps = { db, temporal: { client, taskQueue: env.TEMPORAL_TASK_QUEUE }, env, logger, filesDir };
      root.route("/api", createApp(appDeps));
      // cases whose workflow could not be started are retried from the database (any API process)
      const sweeper = startWorkflowStartSweeper(appDeps);
      stops.push(() => sweeper.stop());
      // batch operations over a filter carry on from the store, whichever API process took them
      const batches = startBatchRunner(appDeps);
      stops.push(() => batches.stop());
      // documents of closed cases past their service's retention period are purged (audited)
      const retention = startRetentionSweeper(appDeps);
      stops.push(() => retention.stop());
      // external jobs no worker serves become incidents; jobs whose case moved on stop being offered
      const jobs = startJobSweeper(appDeps);
      stops.push(() => jobs.stop());
      // notification emails and WhatsApp/SMS messages from the outbox (channels the settings turn on)
      const deliveries = startDeliverySweeper({ db, logger, channels: channelsFromEnv(env) });
      stops.push(() => deliveries.stop());
      // open tasks due within a working day, or past due, warn their holders once
      const dueWarnings = startDueWarningSweeper({ db, logger });
      stops.push(() => dueWarnings.stop());
      if (!mountDesigner(root)) logger.warn("designer/dist not found: run `npm run build` to serve the web app");
      const server = serve({ fetch: root.fetch, port: env.PORT, hostname: env.HOST });
      await new Promise<void>((resolve) => server.once("listening", () => resolve()));
      port = (server.address() as AddressInfo).port;
      stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    }

    return {
      url: `http://localhost:${port}`,
      port,
      temporalAddress,
      temporalUiUrl: devServer?.uiUrl ?? null,
      db,
      logger,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
