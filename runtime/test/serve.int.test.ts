/**
 * The smoke slice on the real thing: `alur serve` as a new user runs it (its own Temporal dev
 * server with data/temporal.db, embedded PGlite), driven only through the HTTP API. The smoke
 * model is deployed, a case started, its task listed and completed, and the Temporal workflow is
 * observed completed. Then the server is stopped and started again on the same data directory:
 * everything is still there and a second case runs.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, Connection } from "@temporalio/client";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/env";
import { caseWorkflowId } from "../src/temporal/definitions";
import {
  api as apiCall,
  embeddedEnv,
  eventually,
  loginToken,
  type ServeProcess,
  spawnServe,
  stopServe,
} from "../src/testing";

const dataDir = mkdtempSync(path.join(tmpdir(), "alur-serve-"));
let server: (ServeProcess & { temporalPort: number }) | null = null;

afterAll(async () => {
  await stopServe(server);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("alur serve (embedded default)", () => {
  let caseId = "";
  let creds: Array<{ username: string; password: string }> = [];

  it("starts, seeds demo accounts and the catalogue, and answers health", async () => {
    server = await start();
    const health = await fetch(`${server.baseUrl}/api/health`).then((r) => r.json());
    expect(health).toEqual({ ok: true, database: "ok", temporal: "ok" });
    creds = JSON.parse(readFileSync(path.join(dataDir, "demo-credentials.json"), "utf8"));
    expect(creds.map((c) => c.username)).toContain("bks.front-office");
    const docs = await fetch(`${server.baseUrl}/api/docs`);
    expect(docs.status).toBe(200);
  });

  it("runs the smoke model end to end through the API", async () => {
    const s = server!;
    const admin = await login(s.baseUrl, creds, "bks.admin");
    const xml = readFileSync(path.join(REPO_ROOT, "workflows/smoke/smoke.bpmn"), "utf8");
    const deployed = await api(s.baseUrl, admin, "POST", "/processes", {
      bpmnXml: xml,
      district: "3216",
      publish: true,
    });
    expect(deployed.status).toBe(201);

    const front = await login(s.baseUrl, creds, "bks.front-office");
    const started = await api(s.baseUrl, front, "POST", "/cases", {
      processId: "smoke",
      district: "3216",
      applicant: { name: "Siti Aminah" },
    });
    expect(started.status).toBe(201);
    caseId = (started.body as { id: string }).id;

    const task = await eventually(async () => {
      const inbox = await api(s.baseUrl, front, "GET", "/tasks?scope=unassigned");
      const items = (
        inbox.body as { items: Array<{ id: string; caseId: string; elementId: string; revision: number }> }
      ).items;
      return items.find((t) => t.caseId === caseId);
    });
    expect(task.elementId).toBe("verify");

    const done = await api(s.baseUrl, front, "POST", `/tasks/${task.id}/complete`, {
      data: {},
      revision: task.revision,
    });
    expect(done.status).toBe(200);

    const result = await workflowResult(s.temporalPort, caseId);
    expect(result.status).toBe("COMPLETED");
    const view = await eventually(async () => {
      const res = await api(s.baseUrl, front, "GET", `/cases/${caseId}`);
      const body = res.body as { status: string };
      return body.status === "completed" ? body : undefined;
    });
    expect(view.status).toBe("completed");
  });

  it("keeps every case after a restart on the same data directory", async () => {
    await stopServe(server);
    server = await start();
    const s = server;
    // no second seed: the old credentials still work and no new file was written
    const front = await login(s.baseUrl, creds, "bks.front-office");
    const old = await api(s.baseUrl, front, "GET", `/cases/${caseId}`);
    expect(old.status).toBe(200);
    expect((old.body as { status: string }).status).toBe("completed");
    // the Temporal history survived too (data/temporal.db)
    expect((await workflowResult(s.temporalPort, caseId)).status).toBe("COMPLETED");
    const again = await api(s.baseUrl, front, "POST", "/cases", {
      processId: "smoke",
      district: "3216",
      applicant: { name: "Budi" },
    });
    expect(again.status).toBe(201);
  });
});

type Session = { token: string };

async function login(
  baseUrl: string,
  creds: Array<{ username: string; password: string }>,
  username: string,
): Promise<Session> {
  const cred = creds.find((c) => c.username === username);
  if (!cred) throw new Error(`no demo user ${username}`);
  return { token: await loginToken(baseUrl, username, cred.password) };
}

async function api(baseUrl: string, session: Session, method: string, url: string, body?: unknown) {
  const res = await apiCall(baseUrl, session.token, method, url, body);
  if (res.status >= 400) console.error(method, url, res.status, JSON.stringify(res.body).slice(0, 500));
  return res;
}

async function workflowResult(temporalPort: number, caseId: string) {
  const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
  try {
    const client = new Client({ connection });
    const handle = client.workflow.getHandle(caseWorkflowId(caseId));
    const description = await eventually(async () => {
      const d = await handle.describe();
      return d.status.name === "RUNNING" ? undefined : d;
    });
    return { status: description.status.name };
  } finally {
    await connection.close();
  }
}

async function start() {
  const env = await embeddedEnv(dataDir);
  const proc = await spawnServe({ env });
  return { ...proc, temporalPort: Number(env.TEMPORAL_DEV_PORT) };
}
