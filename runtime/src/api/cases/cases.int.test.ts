/**
 * A case end to end through the HTTP API on the real servers: PostgreSQL, the Temporal dev server
 * and a worker running bpmnProcess. Two API app instances, each with its own database pool, are
 * used interchangeably (scale-out: no state in process memory).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredential } from "../../auth/seed-demo";
import type { Db } from "../../store/db";
import { buildTestApp, call, type Session, signIn, type TestApp } from "../../testing/api-app";
import { devServerEnv, postgresDb, startWorker } from "../../testing/servers";

const TASK_QUEUE = "api-cases";
const BPMN = readFileSync(path.join(import.meta.dirname, "../fixtures/layanan-uji.bpmn"), "utf8");
const FORMS = { verifikasi: { components: [{ type: "textfield", key: "hasil", validate: { required: true } }] } };
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

let env: TestWorkflowEnvironment;
let dbA: Db;
let dbB: Db;
let worker: { stop: () => Promise<void> };
let appA: TestApp;
let appB: TestApp;
let credentials: DemoCredential[];
const onA: Record<string, Session> = {};
const onB: Record<string, Session> = {};

beforeAll(async () => {
  env = await devServerEnv();
  dbA = await postgresDb();
  dbB = await postgresDb();
  const filesDir = mkdtempSync(path.join(tmpdir(), "alur-files-"));
  worker = await startWorker(env, dbA, TASK_QUEUE, { dataDir: filesDir });
  ({ app: appA, credentials } = await buildTestApp(dbA, { client: env.client, taskQueue: TASK_QUEUE, filesDir }));
  ({ app: appB } = await buildTestApp(dbB, { client: env.client, taskQueue: TASK_QUEUE, credentials, filesDir }));
  for (const u of ["bks.admin", "bks.front-office", "bks.back-office", "bks.kepala-bidang"]) {
    onA[u] = await signIn(appA, credentials, u);
    onB[u] = await signIn(appB, credentials, u);
  }
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await dbA?.destroy();
  await dbB?.destroy();
});

function startForm(data: unknown, files: { field: string; name: string; bytes: Uint8Array }[]) {
  const form = new FormData();
  form.set("data", JSON.stringify(data));
  for (const f of files) form.append(f.field, new File([f.bytes], f.name));
  return form;
}

async function waitForTask(app: TestApp, s: Session, query: string, caseId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const page = (await (await call(app, s, "GET", `/tasks?${query}`)).json()) as {
      items: { id: string; caseId: string; revision: number; elementId: string }[];
    };
    const task = page.items.find((t) => t.caseId === caseId);
    if (task) return task;
    if (Date.now() > deadline) throw new Error(`no task for case ${caseId} in ${query}`);
    await delay(20);
  }
}

describe("a case through the API", () => {
  it("deploys, starts with documents (idempotent), completes concurrently (one wins), reaches the next step", async () => {
    // given a published model for Bekasi, deployed through instance A
    const deploy = await call(appA, onA["bks.admin"]!, "POST", "/processes", {
      bpmnXml: BPMN,
      district: "3216",
      publish: true,
      forms: FORMS,
    });
    expect(deploy.status).toBe(201);
    expect(await deploy.json()).toMatchObject({
      version: { processId: "layanan-uji", version: 1, status: "published" },
    });

    // when the front office starts a case through instance B, twice with the same Idempotency-Key
    const data = {
      processId: "layanan-uji",
      district: "3216",
      applicant: { name: "Budi Santoso (uji idempotensi)", nik: "3216010101900001" },
    };
    const headers = { ...onB["bks.front-office"]!.headers, "idempotency-key": "start-budi-0001" };
    const form = () => startForm(data, [{ field: "document:ktp", name: "ktp.pdf", bytes: PDF }]);
    const first = await appB.request("/cases", { method: "POST", headers, body: form() });
    if (first.status !== 201) console.log(await first.clone().text());
    expect(first.status).toBe(201);
    const started = (await first.json()) as { id: string; caseNumber: string; documents: unknown[]; dueAt: string };
    const again = await appA.request("/cases", {
      method: "POST",
      headers: { ...onA["bks.front-office"]!.headers, "idempotency-key": "start-budi-0001" },
      body: form(),
    });
    // (a different session of the same user on the other instance replays the stored answer)
    expect(again.status).toBe(201);
    expect(((await again.json()) as { id: string }).id).toBe(started.id);
    const count = await dbA
      .selectFrom("cases")
      .select("id")
      .where(sql<boolean>`applicant->>'name' = 'Budi Santoso (uji idempotensi)'`)
      .execute();
    expect(count).toHaveLength(1);

    // then it has a district case number, its document and a due date 7 working days out
    // (other files of the run share the database and may have numbered cases of this service before)
    expect(started.caseNumber).toMatch(/^UJI\/BKS\/\d{4}\/\d{6}$/);
    expect(started.documents).toHaveLength(1);
    expect(started.dueAt).toBeTruthy();

    // a file that only claims to be a PDF is refused
    const fake = await appA.request("/cases", {
      method: "POST",
      headers: onA["bks.front-office"]!.headers,
      body: startForm(data, [
        { field: "document:ktp", name: "ktp.pdf", bytes: new TextEncoder().encode("MZ\x90\x00") },
      ]),
    });
    expect(fake.status).toBe(415);

    // the back office sees the task (instance A); a completion missing a required field is refused
    // before the workflow sees it, the draft kept and the task unchanged
    const task = await waitForTask(appA, onA["bks.back-office"]!, "scope=unassigned", started.id);
    expect(task.elementId).toBe("verify");
    const rejected = await call(appA, onA["bks.back-office"]!, "POST", `/tasks/${task.id}/complete`, {
      revision: task.revision,
      data: { hasil: "" },
    });
    expect(rejected.status).toBe(422);
    const rejectedBody = (await rejected.json()) as { code: string; details: { errors: { path: string }[] } };
    expect(rejectedBody.code).toBe("form-invalid");
    expect(rejectedBody.details.errors.map((e) => e.path)).toEqual(["hasil"]);
    const draft = (await (await call(appB, onB["bks.back-office"]!, "GET", `/tasks/${task.id}`)).json()) as {
      draft: unknown;
      revision: number;
    };
    expect(draft.draft).toEqual({ hasil: "" });
    expect(draft.revision).toBe(task.revision);

    // two completions at once, one per instance: exactly one succeeds, the other gets 409
    const revision = task.revision;
    const t0 = performance.now();
    const [ra, rb] = await Promise.all([
      call(appA, onA["bks.back-office"]!, "POST", `/tasks/${task.id}/complete`, {
        revision,
        data: { hasil: "lengkap" },
      }),
      call(appB, onB["bks.back-office"]!, "POST", `/tasks/${task.id}/complete`, {
        revision,
        data: { hasil: "lengkap" },
      }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const loser = ra.status === 409 ? ra : rb;
    expect(((await loser.json()) as { code: string }).code).toBe("task-revision-conflict");

    // the next step is in the head's inbox
    const next = await waitForTask(appB, onB["bks.kepala-bidang"]!, "scope=unassigned", started.id);
    const visibleMs = performance.now() - t0;
    expect(next.elementId).toBe("approve");
    console.log(JSON.stringify({ metric: "complete-to-next-task-visible-ms", value: Math.round(visibleMs) }));

    // a message no step of this model can receive is answered, neither correlated nor kept
    const msg = await call(appA, onA["bks.kepala-bidang"]!, "POST", `/cases/${started.id}/messages`, {
      name: "sk-provinsi-diterima",
      payload: { nomorSk: "123/2026" },
    });
    expect(msg.status).toBe(200);
    expect(await msg.json()).toMatchObject({ correlated: false, buffered: false, note: { id: expect.any(String) } });

    // the head completes the last step; the case ends and its timeline tells the story
    const done = await call(appA, onA["bks.kepala-bidang"]!, "POST", `/tasks/${next.id}/complete`, {
      revision: next.revision,
      data: {},
    });
    expect(done.status).toBe(200);
    const deadline = Date.now() + 20_000;
    let status = "";
    while (Date.now() < deadline) {
      status = (
        (await (await call(appB, onB["bks.front-office"]!, "GET", `/cases/${started.id}`)).json()) as { status: string }
      ).status;
      if (status === "completed") break;
      await delay(50);
    }
    expect(status).toBe("completed");
    const timeline = (await (
      await call(appA, onA["bks.kepala-bidang"]!, "GET", `/cases/${started.id}/timeline`)
    ).json()) as {
      items: { type: string; actor: string | null }[];
    };
    expect(timeline.items[0]).toMatchObject({ type: "case.created", actor: onA["bks.front-office"]!.userId });
    expect(timeline.items.map((e) => e.type)).toContain("case.message");

    // broadcasting a signal reaches the district's active cases (none left active here is fine)
    const signal = await call(appB, onB["bks.admin"]!, "POST", "/signals", { district: "3216", name: "kantor-tutup" });
    expect(signal.status).toBe(200);
  });
});
