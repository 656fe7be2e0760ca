/**
 * Helpers for API tests: an app over a given database and Temporal client, signed-in users from
 * the demo seed, and fixture rows (a published version, a case, a task) written through the store.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ExecutionPlan, PLAN_VERSION } from "@alur/shared/plan";
import { Client, Connection } from "@temporalio/client";
import { createApp } from "../api/app";
import { type DemoCredential, seedDemo } from "../auth/seed-demo";
import { loadEnv } from "../env";
import { createLogger } from "../logger";
import type { Db } from "../store/db";
import { insertProcessVersion } from "../store/process-versions";
import { createTask, type TaskRow } from "../store/tasks";
import { caseWorkflowId } from "../temporal/definitions";

export type TestApp = ReturnType<typeof createApp>;

/**
 * A Temporal client that never connects unless used: for unit tests of routes that do not reach
 * the workflow (a real client, not a mock; a call would fail to connect).
 */
export function unconnectedClient(): Client {
  return new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) });
}

/**
 * An app over `db`. Seeds the demo users unless `credentials` from an earlier seed are given
 * (a second API instance over the same database).
 */
export async function buildTestApp(
  db: Db,
  options: {
    client?: Client;
    taskQueue?: string;
    credentials?: DemoCredential[];
    filesDir?: string;
    /** Extra settings (e.g. TRUSTED_PROXIES). */
    env?: Record<string, string>;
  } = {},
) {
  const credentials = options.credentials ?? (await seedDemo(db));
  const env = loadEnv({ NODE_ENV: "test", ...options.env });
  const filesDir = options.filesDir ?? mkdtempSync(path.join(tmpdir(), "alur-files-"));
  const app = createApp(
    {
      db,
      temporal: {
        client: options.client ?? unconnectedClient(),
        taskQueue: options.taskQueue ?? `test-${randomUUID()}`,
      },
      env,
      logger: createLogger({ level: "silent", pretty: false }),
      filesDir,
    },
    { basePath: "" },
  );
  return { app, credentials, filesDir };
}

export interface Session {
  username: string;
  userId: string;
  headers: Record<string, string>;
}

/**
 * The node-server bindings of a request from `address`, as `app.request`'s third argument: the
 * socket peer the API sees (X-Forwarded-For counts only from TRUSTED_PROXIES).
 */
export function fromPeer(address: string) {
  return { incoming: { socket: { remoteAddress: address } } };
}

/** Signs in with a bearer token (no CSRF needed). */
export async function signIn(app: TestApp, credentials: DemoCredential[], username: string): Promise<Session> {
  const cred = credentials.find((c) => c.username === username);
  if (!cred) throw new Error(`no demo user ${username}`);
  const res = await app.request(
    "/auth/login",
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: cred.password, mode: "token" }),
    },
    fromPeer(`10.0.0.${credentials.indexOf(cred) + 1}`),
  );
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string; user: { id: string } };
  return { username, userId: body.user.id, headers: { authorization: `Bearer ${body.token}` } };
}

/** JSON request helper. */
export function call(app: TestApp, session: Session | null, method: string, url: string, body?: unknown) {
  return app.request(url, {
    method,
    headers: { ...(session?.headers ?? {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A minimal plan: start → user task (roles) → end, with a completion time of 7 working days. */
export function fixturePlan(processId: string, roles: string[]): ExecutionPlan {
  return ExecutionPlan.parse({
    planVersion: PLAN_VERSION,
    processId,
    name: `Layanan ${processId}`,
    nodes: {
      start: { id: "start", type: "startEvent", scope: null, incoming: [], outgoing: ["f1"] },
      verify: {
        id: "verify",
        type: "userTask",
        name: "Verifikasi berkas",
        scope: null,
        incoming: ["f1"],
        outgoing: ["f2"],
        task: { roles },
      },
      end: { id: "end", type: "endEvent", scope: null, incoming: ["f2"], outgoing: [] },
    },
    flows: {
      f1: { id: "f1", source: "start", target: "verify" },
      f2: { id: "f2", source: "verify", target: "end" },
    },
    standard: {
      code: "TST",
      name: `Layanan ${processId}`,
      completionTime: { value: 7, unit: "workingDays" },
      requirements: [{ id: "ktp", name: "KTP", fileTypes: ["pdf", "jpg"] }],
    },
  });
}

/** A published version, a case and an open task, written directly (no workflow). */
export async function fixtureCase(
  db: Db,
  input: { district: string; roles: string[]; createdBy: string | null; processId?: string; applicantName?: string },
): Promise<{ caseId: string; task: TaskRow; versionId: string }> {
  const processId = input.processId ?? `fixture-${input.district}`;
  const existing = await db
    .selectFrom("process_versions")
    .select("id")
    .where("process_id", "=", processId)
    .where("district", "=", input.district)
    .executeTakeFirst();
  const versionId =
    existing?.id ??
    (
      await insertProcessVersion(db, {
        plan: fixturePlan(processId, input.roles),
        bpmnXml: "<definitions/>",
        district: input.district,
        publish: true,
        effectiveFrom: null,
        createdBy: null,
      })
    ).id;
  const caseId = randomUUID();
  await db
    .insertInto("cases")
    .values({
      id: caseId,
      case_number: `TST/${input.district}/2026/${caseId.slice(0, 6)}`,
      district: input.district,
      process_version_id: versionId,
      process_id: processId,
      workflow_id: caseWorkflowId(caseId),
      status: "active",
      applicant: JSON.stringify({ name: input.applicantName ?? "Siti Aminah" }),
      created_by: input.createdBy,
    })
    .execute();
  const task = await createTask(db, {
    id: randomUUID(),
    caseId,
    district: input.district,
    elementId: "verify",
    elementInstanceId: `verify-${caseId}`,
    name: "Verifikasi berkas",
    roles: input.roles,
    assignee: null,
    formId: null,
    documents: [],
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  return { caseId, task, versionId };
}
