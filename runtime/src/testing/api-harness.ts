/**
 * One district office against the real servers, for API integration tests: the Temporal dev
 * server, PostgreSQL, a worker running bpmnProcess, the app, and the cast signed in. The cast gets
 * accounts of its own, so a test does not depend on which other file seeded the database.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { CaseView } from "@alur/shared/api";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { expect } from "vitest";
import { createAccounts } from "../auth/accounts";
import { ensureReferenceData } from "../auth/seed-demo";
import type { Db } from "../store/db";
import { buildTestApp, call, type Session, signIn, type TestApp } from "./api-app";
import { devServerEnv, postgresDb, startWorker } from "./servers";

export interface CastMember {
  /** The key of the member's session in `as`. */
  key: string;
  district: string;
  role: string;
}

export interface ApiHarness {
  env: TestWorkflowEnvironment;
  db: Db;
  app: TestApp;
  /** Where the worker's connectors store files (the document connector's PDFs). */
  workerFilesDir: string;
  /** Signed-in sessions by cast key. */
  as: Record<string, Session>;
  stop(): Promise<void>;
}

export async function startApiHarness(options: {
  taskQueue: string;
  /** Usernames are `<usernamePrefix>.<key>`. */
  usernamePrefix: string;
  cast: readonly CastMember[];
  /** Hosts the http connector may call. */
  httpAllow?: string;
  /** Data directory the worker and the app share, so the API serves the files the worker writes. */
  dataDir?: string;
}): Promise<ApiHarness> {
  const env = await devServerEnv();
  const db = await postgresDb();
  // The worker's own data directory unless the test shares one with the API (generated documents).
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "alur-worker-"));
  const worker = await startWorker(env, db, options.taskQueue, { dataDir, httpAllow: options.httpAllow });
  await ensureReferenceData(db);
  const username = (key: string) => `${options.usernamePrefix}.${key}`;
  const accounts = await createAccounts(
    db,
    options.cast.map((c) => ({
      username: username(c.key),
      orgUnitId: c.district,
      district: c.district,
      roles: [c.role],
    })),
  );
  const { app } = await buildTestApp(db, {
    client: env.client,
    taskQueue: options.taskQueue,
    credentials: accounts,
    ...(options.dataDir ? { filesDir: path.join(options.dataDir, "files") } : {}),
  });
  const as: Record<string, Session> = {};
  for (const c of options.cast) as[c.key] = await signIn(app, accounts, username(c.key));
  return {
    env,
    db,
    app,
    workerFilesDir: path.join(dataDir, "files"),
    as,
    stop: async () => {
      await worker.stop();
      await env.teardown();
      await db.destroy();
    },
  };
}

/** The case as `session` sees it (GET /cases/{id}, which must answer 200). */
export async function caseView(app: TestApp, session: Session, caseId: string): Promise<CaseView> {
  const res = await call(app, session, "GET", `/cases/${caseId}`);
  expect(res.status).toBe(200);
  return (await res.json()) as CaseView;
}

/** Asks for the case until `predicate` holds (30 s), as the engine moves it on in its own time. */
export async function waitForCase(
  app: TestApp,
  session: Session,
  caseId: string,
  predicate: (c: CaseView) => boolean,
  what: string,
): Promise<CaseView> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const view = await caseView(app, session, caseId);
    if (predicate(view)) return view;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(view)}`);
    await delay(100);
  }
}
