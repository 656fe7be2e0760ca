/**
 * Uploading what the office asks for from the tracking page, on the real Temporal dev server: an
 * online application's case waits on a step of role `applicant` (its clock stopped); the tracking
 * answer names the step and the document; the applicant's upload, with the case number and code,
 * completes the step through the workflow (the clock runs again, the case moves on) and keeps the
 * document; once the case completed, its letter downloads from the tracking page.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ApplicationReceipt, TrackingView } from "@alur/shared/api";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../store/db";
import type { NotificationsTable } from "../../store/notifications";
import { buildTestApp, call, fromPeer, type Session, signIn, type TestApp } from "../../testing/api-app";
import { devServerEnv, pgliteDb, startWorker } from "../../testing/servers";
import { ONLINE_APPLICANT } from "./public-apply.handlers";

const TASK_QUEUE = "api-public-track-upload";
const FIXTURE = readFileSync(path.join(import.meta.dirname, "fixtures", "layanan-lengkapi.bpmn"), "utf8");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

let db: Db;
let env: TestWorkflowEnvironment;
let worker: { stop: () => Promise<void> };
let app: TestApp;
let frontOffice: Session;

beforeAll(async () => {
  env = await devServerEnv();
  db = await pgliteDb();
  // the worker writes generated letters where the API reads them
  const dataDir = mkdtempSync(path.join(tmpdir(), "alur-track-upload-"));
  worker = await startWorker(env, db, TASK_QUEUE, { dataDir });
  const built = await buildTestApp(db, {
    client: env.client,
    taskQueue: TASK_QUEUE,
    filesDir: path.join(dataDir, "files"),
  });
  app = built.app;
  const admin = await signIn(app, built.credentials, "bks.admin");
  frontOffice = await signIn(app, built.credentials, "bks.front-office");
  const res = await call(app, admin, "POST", "/processes", { bpmnXml: FIXTURE, district: "3216", publish: true });
  expect(res.status, await res.clone().text()).toBe(201);
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await db?.destroy();
});

function multipart(url: string, data: unknown, files: { field: string; name: string; bytes: Uint8Array }[]) {
  const form = new FormData();
  form.append("data", JSON.stringify(data));
  for (const f of files) form.append(f.field, new Blob([f.bytes], { type: "application/pdf" }), f.name);
  return app.request(url, { method: "POST", body: form }, fromPeer("10.30.0.1"));
}

async function trackUntil(
  body: { caseNumber: string; code: string },
  done: (v: TrackingView) => boolean,
): Promise<TrackingView> {
  let view: TrackingView | undefined;
  for (let i = 0; i < 75; i++) {
    const res = await call(app, null, "POST", "/public/track", body);
    expect(res.status).toBe(200);
    view = TrackingView.parse(await res.json());
    if (done(view)) return view;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`tracking never got there: ${JSON.stringify(view)}`);
}

describe("POST /public/track/uploads", () => {
  it("ends the applicant's clock-stop wait in the workflow and offers the letter once the case completed", async () => {
    // given an online application whose first step asks the applicant for the family card
    const applied = await multipart(
      "/public/districts/3216/services/layanan-lengkapi/applications",
      { applicant: { name: "Budi Santoso" }, contact: { email: "budi@contoh.test" }, variables: {} },
      [{ field: "document:ktp", name: "ktp.pdf", bytes: PDF }],
    );
    expect(applied.status, await applied.clone().text()).toBe(201);
    const receipt = ApplicationReceipt.parse(await applied.json());
    const who = { caseNumber: receipt.caseNumber, code: receipt.trackingCode };

    // then tracking names the request and its document, with the clock stopped
    const waiting = await trackUntil(who, (v) => v.requests.length > 0 && v.pausedSince !== null);
    expect(waiting.requests).toEqual([
      {
        taskId: expect.any(String),
        step: "Lengkapi Fotokopi Kartu Keluarga",
        documents: [{ id: "kk", name: "Fotokopi Kartu Keluarga", mandatory: false, fileTypes: ["pdf"] }],
      },
    ]);
    expect(waiting.product).toBeNull();
    const taskId = waiting.requests[0]!.taskId;
    // and the applicant was asked by email, once
    const asked = await db
      .withTables<{ notifications: NotificationsTable }>()
      .selectFrom("notifications")
      .select(["title", "body"])
      .where("dedupe_key", "=", `applicant:${await caseIdOf(receipt.caseNumber)}:step:${taskId}`)
      .execute();
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body).toContain("Unggah dokumen yang diminta");

    // when someone without the code tries, or the upload is empty or of another requirement, nothing changes
    const wrong = await multipart("/public/track/uploads", { ...who, code: "AAAA-BBBB-CCCC", taskId }, [
      { field: "document:kk", name: "kk.pdf", bytes: PDF },
    ]);
    expect(wrong.status).toBe(404);
    expect((await multipart("/public/track/uploads", { ...who, taskId }, [])).status).toBe(422);
    const other = await multipart("/public/track/uploads", { ...who, taskId }, [
      { field: "document:ktp", name: "ktp2.pdf", bytes: PDF },
    ]);
    expect(other.status).toBe(400);

    // when the applicant uploads the family card with the case number and code
    const uploaded = await multipart("/public/track/uploads", { ...who, taskId }, [
      { field: "document:kk", name: "kk.pdf", bytes: PDF },
    ]);
    expect(uploaded.status, await uploaded.clone().text()).toBe(200);

    // then the wait is over in the workflow: the clock runs, the case is at the office's next step
    const moved = await trackUntil(who, (v) => v.currentSteps.some((s) => s.name === "Verifikasi berkas"));
    expect(moved.requests).toEqual([]);
    expect(moved.pausedSince).toBeNull();
    expect(moved.pauses).toHaveLength(1);
    expect(moved.pauses[0]!.until).not.toBeNull();
    const caseId = await caseIdOf(receipt.caseNumber);
    const task = await db.selectFrom("tasks").selectAll().where("id", "=", taskId).executeTakeFirstOrThrow();
    expect([task.status, task.closed_by]).toEqual(["completed", ONLINE_APPLICANT]);
    const docs = await db.selectFrom("case_documents").selectAll().where("case_id", "=", caseId).execute();
    expect(docs.map((d) => [d.requirement_id, d.uploaded_by]).sort()).toEqual([
      ["kk", ONLINE_APPLICANT],
      ["ktp", ONLINE_APPLICANT],
    ]);
    // a second upload for the same step is refused: it is closed
    const again = await multipart("/public/track/uploads", { ...who, taskId }, [
      { field: "document:kk", name: "kk.pdf", bytes: PDF },
    ]);
    expect(again.status).toBe(409);

    // when the front office completes its step, the letter is generated and the case completes
    const verify = await db
      .selectFrom("tasks")
      .select(["id", "revision"])
      .where("case_id", "=", caseId)
      .where("element_id", "=", "verifikasi")
      .executeTakeFirstOrThrow();
    const done = await call(app, frontOffice, "POST", `/tasks/${verify.id}/complete`, {
      revision: verify.revision,
      data: {},
    });
    expect(done.status, await done.clone().text()).toBe(200);
    const completed = await trackUntil(who, (v) => v.status === "completed" && v.product !== null);
    expect(completed.product!.filename).toBe("surat-rekomendasi.pdf");
    // then the applicant downloads it with the code, and only with the code
    const letter = await call(app, null, "POST", "/public/track/document", {
      ...who,
      documentId: completed.product!.id,
    });
    expect(letter.status).toBe(200);
    expect(
      Buffer.from(await letter.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const stolen = await call(app, null, "POST", "/public/track/document", {
      ...who,
      code: "AAAA-BBBB-CCCC",
      documentId: completed.product!.id,
    });
    expect(stolen.status).toBe(404);
  });
});

async function caseIdOf(caseNumber: string): Promise<string> {
  return (await db.selectFrom("cases").select("id").where("case_number", "=", caseNumber).executeTakeFirstOrThrow()).id;
}
