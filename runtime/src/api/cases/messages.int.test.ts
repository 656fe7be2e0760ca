/**
 * Messages to a case on the real servers: one that arrives before any step waits for it is kept
 * (202, buffered until its time-to-live) and taken by the receive task once the case gets there;
 * one no step of the case can ever receive is answered 200 with a note, not kept.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { CaseView } from "@alur/shared/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseStateQuery } from "../../temporal/definitions";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, startApiHarness } from "../../testing/api-harness";

const TASK_QUEUE = "api-messages";
const TAG = `${process.pid}${Date.now().toString(36)}`;
const PROCESS_ID = `layanan-pesan-${TAG}`;

let harness: ApiHarness;
let app: TestApp;
let as: Record<string, Session>;

beforeAll(async () => {
  harness = await startApiHarness({
    taskQueue: TASK_QUEUE,
    usernamePrefix: `msg${TAG}`,
    cast: ["district-admin", "front-office"].map((role) => ({ key: role, district: "3216", role })),
  });
  ({ app, as } = harness);
  const xml = readFileSync(path.join(import.meta.dirname, "fixtures/layanan-pesan.bpmn"), "utf8").replaceAll(
    '"layanan-pesan"',
    `"${PROCESS_ID}"`,
  );
  const deploy = await call(app, as["district-admin"]!, "POST", "/processes", {
    bpmnXml: xml,
    district: "3216",
    publish: true,
  });
  if (deploy.status !== 201) throw new Error(`deploy: ${deploy.status} ${await deploy.text()}`);
});

afterAll(async () => {
  await harness?.stop();
});

describe("messages to a case", () => {
  it("keeps a message no step waits for yet (202) and hands it to the receive task when the case gets there", async () => {
    // given a case waiting 5 s before its receive task opens
    const started = await call(app, as["front-office"]!, "POST", "/cases", {
      processId: PROCESS_ID,
      district: "3216",
      applicant: { name: "Dewi Lestari (uji pesan)" },
    });
    expect(started.status).toBe(201);
    const caseId = ((await started.json()) as { id: string }).id;

    // when the decree arrives early
    const early = await call(app, as["front-office"]!, "POST", `/cases/${caseId}/messages`, {
      name: "sk-provinsi-diterima",
      payload: { nomorSk: "463/2026" },
    });

    // then it is kept, with its expiry and a note in both languages
    expect(early.status).toBe(202);
    const body = (await early.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      correlated: false,
      buffered: true,
      note: {
        id: expect.stringContaining("Pesan disimpan sampai langkah yang menunggunya aktif"),
        en: expect.stringContaining("Message kept until a step waits for it"),
      },
    });
    // default time-to-live: one hour
    const ttl = Date.parse(String(body.expiresAt)) - Date.now();
    expect(ttl).toBeGreaterThan(50 * 60_000);
    expect(ttl).toBeLessThanOrEqual(60 * 60_000);

    // and the receive task takes it once the case reaches it: the case completes with its payload
    const deadline = Date.now() + 30_000;
    let view: CaseView;
    for (;;) {
      view = (await (await call(app, as["district-admin"]!, "GET", `/cases/${caseId}`)).json()) as CaseView;
      if (view.status === "completed" || Date.now() > deadline) break;
      await delay(200);
    }
    expect(view.status).toBe("completed");
    const timeline = (await (await call(app, as["district-admin"]!, "GET", `/cases/${caseId}/timeline`)).json()) as {
      items: { type: string; data: Record<string, unknown> }[];
    };
    const types = timeline.items.map((e) => e.type);
    expect(types.indexOf("messageBuffered")).toBeGreaterThan(-1);
    expect(types.indexOf("messageCorrelated")).toBeGreaterThan(types.indexOf("messageBuffered"));
    expect(timeline.items.find((e) => e.type === "case.message")?.data).toMatchObject({
      correlated: false,
      buffered: true,
    });
  });

  it("answers 200 with a note for a message no step of the case can ever receive", async () => {
    const started = await call(app, as["front-office"]!, "POST", "/cases", {
      processId: PROCESS_ID,
      district: "3216",
      applicant: { name: "Agus Salim (uji pesan)" },
    });
    const caseId = ((await started.json()) as { id: string }).id;

    const res = await call(app, as["front-office"]!, "POST", `/cases/${caseId}/messages`, { name: "tidak-dikenal" });

    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      correlated: false,
      buffered: false,
      note: { en: expect.stringContaining("not kept") },
    });
    expect(body.expiresAt).toBeUndefined();
  });

  it("keeps no file of a message no step of the case can receive", async () => {
    // given a running case
    const started = await call(app, as["front-office"]!, "POST", "/cases", {
      processId: PROCESS_ID,
      district: "3216",
      applicant: { name: "Rina Wati (uji pesan berkas)" },
    });
    const caseId = ((await started.json()) as { id: string }).id;

    // when a message nobody can receive arrives with a file
    const form = new FormData();
    form.append("data", JSON.stringify({ name: "tidak-dikenal" }));
    form.append("file", new File([new TextEncoder().encode("%PDF-1.4\n% surat\n")], "surat.pdf"));
    const res = await app.request(`/cases/${caseId}/messages`, {
      method: "POST",
      headers: as["front-office"]!.headers,
      body: form,
    });

    // then neither the message nor its file is kept, and the answer says so
    expect(res.status).toBe(200);
    const view = (await (await call(app, as["front-office"]!, "GET", `/cases/${caseId}`)).json()) as CaseView;
    expect(view.documents).toEqual([]);
    expect(await res.json()).toMatchObject({
      correlated: false,
      buffered: false,
      note: {
        id: expect.stringContaining("berkasnya tidak disimpan"),
        en: expect.stringContaining("file(s) were kept"),
      },
    });
  });

  it("keeps the files of a message that is kept, on the case", async () => {
    // given a case whose receive task is not open yet
    const started = await call(app, as["front-office"]!, "POST", "/cases", {
      processId: PROCESS_ID,
      district: "3216",
      applicant: { name: "Budi Santoso (uji pesan berkas)" },
    });
    const caseId = ((await started.json()) as { id: string }).id;

    // when the decree arrives early with its scan
    const form = new FormData();
    form.append("data", JSON.stringify({ name: "sk-provinsi-diterima", payload: { nomorSk: "464/2026" } }));
    form.append("file", new File([new TextEncoder().encode("%PDF-1.4\n% sk\n")], "sk.pdf"));
    const res = await app.request(`/cases/${caseId}/messages`, {
      method: "POST",
      headers: as["front-office"]!.headers,
      body: form,
    });

    // then the message is kept and so is its file, named in the case's documents
    expect(res.status).toBe(202);
    const view = (await (await call(app, as["front-office"]!, "GET", `/cases/${caseId}`)).json()) as CaseView;
    expect(view.documents.map((d) => d.filename)).toEqual(["sk.pdf"]);
  });

  it("refuses a message with keys its receive task does not declare (422 naming them); the case is unchanged", async () => {
    // given a running case of Dewi
    const started = await call(app, as["front-office"]!, "POST", "/cases", {
      processId: PROCESS_ID,
      district: "3216",
      applicant: { name: "Dewi Lestari (uji pesan palsu)" },
    });
    expect(started.status).toBe(201);
    const caseId = ((await started.json()) as { id: string }).id;
    const row = await harness.db
      .selectFrom("cases")
      .select("workflow_id")
      .where("id", "=", caseId)
      .executeTakeFirstOrThrow();
    const variables = async () =>
      (await harness.env.client.workflow.getHandle(row.workflow_id).query(caseStateQuery)).variables;

    // when the decree message also tries to rename the applicant and set the case's status
    const forged = await call(app, as["front-office"]!, "POST", `/cases/${caseId}/messages`, {
      name: "sk-provinsi-diterima",
      payload: { nomorSk: "463/2026", applicant: { name: "Nama Palsu" }, status: "selesai" },
    });

    // then it is refused, naming the keys, in both languages
    expect(forged.status).toBe(422);
    const error = (await forged.json()) as { code: string; details: Record<string, unknown> };
    expect(error.code).toBe("data-not-allowed");
    expect(error.details.keys).toEqual(["applicant", "status"]);
    expect(error.details.reason).toEqual({
      id: expect.stringContaining("applicant, status"),
      en: expect.stringContaining("applicant, status"),
    });
    // and nothing of it reached the case: not buffered, not recorded
    const before = await variables();
    expect(before.applicant).toEqual({ name: "Dewi Lestari (uji pesan palsu)" });
    expect(before.nomorSk).toBeUndefined();
    const timeline = (await (await call(app, as["district-admin"]!, "GET", `/cases/${caseId}/timeline`)).json()) as {
      items: { type: string }[];
    };
    expect(timeline.items.map((e) => e.type)).not.toContain("case.message");
    expect(timeline.items.map((e) => e.type)).not.toContain("messageBuffered");

    // when the legitimate decree arrives
    const legit = await call(app, as["front-office"]!, "POST", `/cases/${caseId}/messages`, {
      name: "sk-provinsi-diterima",
      payload: { nomorSk: "463/2026" },
    });

    // then it is taken and the case completes with the decree number and the real applicant
    expect(legit.status).toBe(202);
    const deadline = Date.now() + 30_000;
    let view: CaseView;
    for (;;) {
      view = (await (await call(app, as["district-admin"]!, "GET", `/cases/${caseId}`)).json()) as CaseView;
      if (view.status === "completed" || Date.now() > deadline) break;
      await delay(200);
    }
    expect(view.status).toBe("completed");
    expect(await variables()).toMatchObject({
      nomorSk: "463/2026",
      applicant: { name: "Dewi Lestari (uji pesan palsu)" },
    });
    expect((await variables()).status).toBeUndefined();
  });

  it("takes a message with an uploaded file: the API's own documents key passes; a sender's documents key does not", async () => {
    const started = await call(app, as["front-office"]!, "POST", "/cases", {
      processId: PROCESS_ID,
      district: "3216",
      applicant: { name: "Yanti (uji pesan berkas)" },
    });
    const caseId = ((await started.json()) as { id: string }).id;

    // a sender may not set the documents variable itself
    const forged = await call(app, as["front-office"]!, "POST", `/cases/${caseId}/messages`, {
      name: "sk-provinsi-diterima",
      payload: { nomorSk: "463/2026", documents: ["palsu"] },
    });
    expect(forged.status).toBe(422);
    expect(((await forged.json()) as { details: { keys: string[] } }).details.keys).toEqual(["documents"]);

    // the decree with its scanned copy is kept and the file stored with the case
    const form = new FormData();
    form.set("data", JSON.stringify({ name: "sk-provinsi-diterima", payload: { nomorSk: "463/2026" } }));
    form.append("document:sk", new File([new TextEncoder().encode("%PDF-1.4\n%uji\n")], "sk.pdf"));
    const res = await app.request(`/cases/${caseId}/messages`, {
      method: "POST",
      headers: as["front-office"]!.headers,
      body: form,
    });
    expect(res.status).toBe(202);
    const view = (await (await call(app, as["district-admin"]!, "GET", `/cases/${caseId}`)).json()) as CaseView;
    expect(view.documents.map((d) => d.filename)).toEqual(["sk.pdf"]);
  });
});
