/**
 * Called processes (call activities) through the API, on the real servers (PostgreSQL, the Temporal
 * dev server, a worker running bpmnProcess, a local HTTP server as the outside system). A user task
 * of a called process is completed by staff like any other task of the case. A connector outage
 * inside a called process: the called case's http task runs out of retries, the case shows the
 * called case's `connector-failed` incident and its status, the outside system recovers, the
 * district admin retries through the API and the case completes. Once directly under the case, once two call activities deep.
 * A message for a catch event inside a called process, sent through the API or thrown by another
 * case's message end event, reaches the called case; sent before the called case waits for it, it
 * is buffered there until it does; one the case itself buffered (its own model can wait for it too)
 * is handed down to the called case once that starts waiting for it.
 * With RECORD_HISTORIES=1 the nested run's and the API message run's histories are saved as
 * replay fixtures.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { CaseView } from "@alur/shared/api";
import { historyToJSON } from "@temporalio/common/lib/proto-utils";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../store/db";
import { caseWorkflowId, childWorkflowId, incidentRoute } from "../../temporal/definitions";
import { type OutsideSystem, startOutsideSystem } from "../../testing";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, caseView, startApiHarness, waitForCase } from "../../testing/api-harness";
import { HISTORIES_DIR } from "../../testing/case-harness";

const TASK_QUEUE = "api-child-incidents";
const TAG = `${process.pid}${Date.now().toString(36)}`;
const CHECK_ID = `layanan-http-${TAG}`;
const DIRECT_ID = `layanan-panggil-${TAG}`;
const MIDDLE_ID = `layanan-antara-${TAG}`;
const NESTED_ID = `layanan-bertingkat-${TAG}`;
const VISIT_ID = `layanan-kunjungan-${TAG}`;
const VISITING_ID = `layanan-berkunjung-${TAG}`;
const DECREE_ID = `layanan-tunggu-sk-${TAG}`;
const AWAITING_ID = `layanan-menunggu-sk-${TAG}`;
const SENDER_ID = `layanan-kirim-sk-${TAG}`;
const AWAITING_NESTED_ID = `layanan-menunggu-sk-bertingkat-${TAG}`;
const CHECK_THEN_DECREE_ID = `layanan-periksa-tunggu-sk-${TAG}`;
const CHECKING_ID = `layanan-memeriksa-${TAG}`;
const CHECKING_OR_OFFICE_ID = `layanan-memeriksa-atau-kantor-${TAG}`;
const CAST = [
  { key: "admin", district: "3216", role: "district-admin" },
  { key: "front-office", district: "3216", role: "front-office" },
] as const;

let harness: ApiHarness;
let env: TestWorkflowEnvironment;
let db: Db;
let app: TestApp;
let as: Record<string, Session>;

// The outside system: answers 500 until it is switched back to 200.
let dtks: OutsideSystem;

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

/** The parent fixture as process `processId`, calling `calledId` from call activity `callId`. */
const caller = (processId: string, callId: string, calledId: string) =>
  fixture("layanan-panggil.bpmn")
    .replaceAll('"layanan-panggil"', `"${processId}"`)
    .replaceAll("__CALL__", callId)
    .replaceAll("__CALLED__", calledId);

async function deploy(bpmnXml: string, forms?: Record<string, unknown>): Promise<void> {
  const res = await call(app, as.admin!, "POST", "/processes", { bpmnXml, district: "3216", publish: true, forms });
  if (res.status !== 201) throw new Error(`deploy: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  dtks = await startOutsideSystem({ ok: { terdaftar: true, desil: 2 }, failing: { error: "sedang gangguan" } });
  harness = await startApiHarness({
    taskQueue: TASK_QUEUE,
    usernamePrefix: `cinc${TAG}`,
    cast: CAST,
    httpAllow: "127.0.0.1",
  });
  ({ env, db, app, as } = harness);
  await deploy(
    fixture("layanan-http.bpmn")
      .replaceAll("__DTKS_URL__", dtks.url("/dtks"))
      .replaceAll('"layanan-http"', `"${CHECK_ID}"`),
  );
  await deploy(caller(DIRECT_ID, "panggil", CHECK_ID));
  await deploy(caller(MIDDLE_ID, "cekTerpusat", CHECK_ID));
  await deploy(caller(NESTED_ID, "verifikasi", MIDDLE_ID));
  await deploy(fixture("layanan-kunjungan.bpmn").replaceAll('"layanan-kunjungan"', `"${VISIT_ID}"`), {
    "laporan-kunjungan": {
      components: [
        {
          type: "select",
          key: "hasilKunjungan",
          label: "Hasil kunjungan",
          values: [
            { label: "Layak", value: "layak" },
            { label: "Tidak layak", value: "tidak-layak" },
          ],
        },
      ],
    },
  });
  await deploy(caller(VISITING_ID, "kunjungan", VISIT_ID));
  await deploy(fixture("layanan-tunggu-sk.bpmn").replaceAll('"layanan-tunggu-sk"', `"${DECREE_ID}"`));
  await deploy(caller(AWAITING_ID, "tungguSkProvinsi", DECREE_ID));
  await deploy(fixture("layanan-kirim-sk.bpmn").replaceAll('"layanan-kirim-sk"', `"${SENDER_ID}"`));
  await deploy(caller(AWAITING_NESTED_ID, "prosesSk", AWAITING_ID));
  await deploy(
    fixture("layanan-periksa-tunggu-sk.bpmn").replaceAll('"layanan-periksa-tunggu-sk"', `"${CHECK_THEN_DECREE_ID}"`),
  );
  await deploy(caller(CHECKING_ID, "periksaLaluTungguSk", CHECK_THEN_DECREE_ID));
  await deploy(
    fixture("layanan-panggil-lalu-tunggu-sk.bpmn")
      .replaceAll('"layanan-panggil-lalu-tunggu-sk"', `"${CHECKING_OR_OFFICE_ID}"`)
      .replaceAll("__CALL__", "periksaLaluTungguSk")
      .replaceAll("__CALLED__", CHECK_THEN_DECREE_ID),
  );
});

afterAll(async () => {
  await harness?.stop();
  await dtks?.close();
});

const caseOf = (caseId: string) => caseView(app, as.admin!, caseId);
const waitFor = (caseId: string, predicate: (c: CaseView) => boolean, what: string) =>
  waitForCase(app, as.admin!, caseId, predicate, what);

async function startCase(processId: string, nik = "3216015505800002"): Promise<string> {
  const res = await call(app, as["front-office"]!, "POST", "/cases", {
    processId,
    district: "3216",
    applicant: { name: "Sri Wahyuni (uji insiden terpanggil)" },
    variables: { nik },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Saves the histories of a case and its called cases as replay fixtures when RECORD_HISTORIES=1. */
async function saveHistories(name: string, workflowIds: string[]): Promise<void> {
  if (process.env.RECORD_HISTORIES !== "1") return;
  for (const [i, workflowId] of workflowIds.entries()) {
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    // HISTORY_TAG keeps older recordings beside the new ones (see the case harness's saveHistory)
    const tag = process.env.HISTORY_TAG ? `.${process.env.HISTORY_TAG}` : "";
    writeFileSync(path.join(HISTORIES_DIR, `${name}-${i}${tag}.json`), historyToJSON(history));
  }
}

/** Runs the outage, the retry and the completion; returns the retried incident's id. */
async function outageAndRetry(caseId: string, callPath: string[]): Promise<string> {
  // when the called case's connector runs out of retries (retries="1": two attempts)
  const failed = await waitFor(caseId, (c) => c.status === "incident", "the incident");

  // then the case shows the called case's incident, with the call activities leading to it
  expect(dtks.calls).toBe(2);
  expect(failed.incidents).toHaveLength(1);
  const incident = failed.incidents![0]!;
  // named as in the called process, which the case's own model does not know
  expect(incident).toMatchObject({ code: "connector-failed", elementId: "cekDtks", elementName: "Cek DTKS", callPath });
  expect(incident.message).toContain("HTTP 500");
  expect(incidentRoute(incident.id).childPath).toHaveLength(callPath.length);

  // an unknown id in the same called case, and one in no called case, are refused clearly
  const sibling = `${incident.id.slice(0, incident.id.lastIndexOf("."))}.x999`;
  for (const unknownId of [sibling, `${caseId}-c999.x1`]) {
    const unknown = await call(app, as.admin!, "POST", `/cases/${caseId}/incidents/${unknownId}/retry`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      code: "not-found",
      details: {
        code: "unknown-incident",
        id: expect.stringContaining(unknownId),
        en: expect.stringContaining(unknownId),
      },
    });
  }
  expect((await caseOf(caseId)).incidents?.map((i) => i.id)).toEqual([incident.id]);

  // when the system is back and the district admin retries through the case
  dtks.status = 200;
  const retried = await call(app, as.admin!, "POST", `/cases/${caseId}/incidents/${incident.id}/retry`, {
    variables: { dicobaUlangOleh: "bks.admin" },
  });

  // then the incident is gone at once and the case completes on the success path
  expect(retried.status).toBe(200);
  const after = (await retried.json()) as CaseView;
  expect(after.incidents).toEqual([]);
  expect(after.status).not.toBe("incident");
  const done = await waitFor(caseId, (c) => c.status === "completed", "completion");
  expect(done.incidents).toEqual([]);
  expect(dtks.calls).toBe(3);

  // a second retry of the same incident, its called case ended, is refused like any unknown id
  const again = await call(app, as.admin!, "POST", `/cases/${caseId}/incidents/${incident.id}/retry`);
  expect(again.status).toBe(404);
  expect(await again.json()).toMatchObject({ details: { code: "unknown-incident" } });

  // and the retry is in the case's timeline and audit log, under the id the case showed
  const timeline = (await (await call(app, as.admin!, "GET", `/cases/${caseId}/timeline`)).json()) as {
    items: { type: string; elementId: string | null; actor: string | null; data: Record<string, unknown> }[];
  };
  // written by the called case, which says so and names its step (the case's model does not know it)
  expect(timeline.items.find((e) => e.type === "incident")).toMatchObject({
    elementId: "cekDtks",
    data: { calledProcess: CHECK_ID, elementName: "Cek DTKS" },
  });
  expect(timeline.items.find((e) => e.type === "case.incident-retried")).toMatchObject({
    actor: as.admin!.userId,
    data: { incidentId: incident.id, variables: ["dicobaUlangOleh"] },
  });
  const audit = await db
    .selectFrom("audit_log")
    .select(["after"])
    .where("action", "=", "case.retry-incident")
    .where("outcome", "=", "ok")
    .where("resource_id", "=", caseId)
    .execute();
  expect(audit.map((a) => a.after)).toEqual([{ incidentId: incident.id, variables: { dicobaUlangOleh: "bks.admin" } }]);
  return incident.id;
}

describe("a connector outage inside a called process, through the API", () => {
  it("the case shows the called case's incident; the admin's retry reaches the called case and the case completes", async () => {
    // given the outside system is down and a case calls the process that calls it
    dtks.status = 500;
    dtks.calls = 0;
    const caseId = await startCase(DIRECT_ID);

    await outageAndRetry(caseId, ["panggil"]);
  });

  it("works the same two call activities deep", async () => {
    // given the outside system is down and the case reaches it through a called process that calls another
    dtks.status = 500;
    dtks.calls = 0;
    const caseId = await startCase(NESTED_ID);

    const incidentId = await outageAndRetry(caseId, ["verifikasi", "cekTerpusat"]);

    const { childPath } = incidentRoute(incidentId);
    await saveHistories("call-activity-incident", [
      caseWorkflowId(caseId),
      childWorkflowId(caseId, childPath.slice(0, 1).join("/")),
      childWorkflowId(caseId, childPath.join("/")),
    ]);
  });
});

/** Front office's unassigned task of the case, once the engine has opened it. */
async function frontOfficeTask(caseId: string): Promise<{ id: string; elementId: string; revision: number }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await call(app, as["front-office"]!, "GET", "/tasks?scope=unassigned&limit=200");
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: { id: string; caseId: string; elementId: string; revision: number }[];
    };
    const task = items.find((t) => t.caseId === caseId);
    if (task) return task;
    if (Date.now() > deadline) throw new Error("timed out waiting for the called process's task");
    await delay(100);
  }
}

describe("a user task of a called process, through the API", () => {
  it("staff complete it from their inbox like any task of the case, and the case completes", async () => {
    // given a case whose call activity runs a called process with a front-office task
    const caseId = await startCase(VISITING_ID);

    // when the task appears in front office's inbox
    const task = await frontOfficeTask(caseId);
    expect(task.elementId).toBe("laporanKunjungan");

    // a completion that also sets a variable the called task's form does not have is refused by
    // the called case's own validator (its form is in the called plan), naming the key
    const forged = await call(app, as["front-office"]!, "POST", `/tasks/${task.id}/complete`, {
      revision: task.revision,
      data: { hasilKunjungan: "layak", desil: 1 },
    });
    expect(forged.status).toBe(422);
    const refused = (await forged.json()) as { code: string; details: { keys: string[]; revision: number } };
    expect(refused).toMatchObject({ code: "data-not-allowed", details: { keys: ["desil"] } });

    // and front office completes it through the API
    const done = await call(app, as["front-office"]!, "POST", `/tasks/${task.id}/complete`, {
      revision: refused.details.revision,
      data: { hasilKunjungan: "layak" },
    });

    // then the called case takes it and the case completes with the called case's variables
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ status: "completed" });
    await waitFor(caseId, (c) => c.status === "completed", "completion");
    const result = await env.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    expect(result).toMatchObject({ status: "completed", variables: { hasilKunjungan: "layak" } });
    expect((result as { variables: Record<string, unknown> }).variables.desil).toBeUndefined();
  });
});

/** Waits until a workflow has received a signal of this name (a called case's report reached its parent). */
async function waitForSignal(workflowId: string, signalName: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { events } = await env.client.workflow.getHandle(workflowId).fetchHistory();
    if (events?.some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === signalName)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for signal ${signalName} on ${workflowId}`);
    await delay(100);
  }
}

/** Starts a case whose called process waits for the provincial decree under the applicant's NIK; resolves once the case knows. */
async function caseAwaitingDecree(nik: string, processId = AWAITING_ID): Promise<string> {
  const caseId = await startCase(processId, nik);
  await waitForSignal(caseWorkflowId(caseId), "childMessageSubscriptions");
  return caseId;
}

describe("a message for a catch event inside a called process", () => {
  it("sent through the API, reaches the called case waiting under its key, and the case completes", async () => {
    // given a case whose called process waits for the decree under the applicant's NIK
    const nik = "3216015505800011";
    const caseId = await caseAwaitingDecree(nik);

    // when a decree for another applicant is sent to the case, then no step takes it now: the called
    // case keeps it for a step waiting under that key, as the same flow without a call activity would
    const other = await call(app, as["front-office"]!, "POST", `/cases/${caseId}/messages`, {
      name: "skProvinsi",
      correlationKey: "3216019999999999",
    });
    expect(other.status).toBe(202);
    expect(await other.json()).toMatchObject({ correlated: false, buffered: true });
    // and a message no step of the case or its called case can ever wait for is refused
    const unknown = await call(app, as["front-office"]!, "POST", `/cases/${caseId}/messages`, {
      name: "pesanLain",
      correlationKey: nik,
    });
    expect(await unknown.json()).toMatchObject({ correlated: false, buffered: false });

    // when the applicant's decree is sent to the case
    const res = await call(app, as["front-office"]!, "POST", `/cases/${caseId}/messages`, {
      name: "skProvinsi",
      correlationKey: nik,
      payload: { nomorSk: "463/2026" },
    });

    // then it is correlated (not kept for later), the called case takes it and the case completes with its payload
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ correlated: true, buffered: false });
    expect(body.note).toBeUndefined();
    await waitFor(caseId, (c) => c.status === "completed", "completion");
    const result = await env.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    expect(result).toMatchObject({ status: "completed", variables: { nomorSk: "463/2026" } });
    const timeline = (await (await call(app, as.admin!, "GET", `/cases/${caseId}/timeline`)).json()) as {
      items: { type: string; data: Record<string, unknown> }[];
    };
    expect(timeline.items.filter((e) => e.type === "messageCorrelated")).toMatchObject([
      { data: { name: "skProvinsi", correlationKey: nik } },
    ]);
    expect(timeline.items.filter((e) => e.type === "case.message").map((e) => e.data.correlated)).toEqual([
      false,
      false,
      true,
    ]);

    const child = (await env.client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory()).events?.find(
      (e) => e.startChildWorkflowExecutionInitiatedEventAttributes,
    )?.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
    await saveHistories("call-activity-message", [caseWorkflowId(caseId), child!]);
  });

  it("thrown by another case's message end event, reaches the called case waiting under its key", async () => {
    // given a case whose called process waits for the decree under the applicant's NIK
    const nik = "3216015505800012";
    const caseId = await caseAwaitingDecree(nik);

    // when another case of the district throws the decree for that NIK from its message end event
    const senderId = await startCase(SENDER_ID, nik);
    await waitFor(senderId, (c) => c.status === "completed", "the sender's completion");

    // then the called case takes it and the case completes
    await waitFor(caseId, (c) => c.status === "completed", "completion");
    const timeline = (await (await call(app, as.admin!, "GET", `/cases/${caseId}/timeline`)).json()) as {
      items: { type: string; elementId: string | null; data: Record<string, unknown> }[];
    };
    expect(timeline.items.find((e) => e.type === "messageCorrelated")).toMatchObject({
      data: { name: "skProvinsi", correlationKey: nik },
    });
  });

  it("reaches a called case two call activities deep through the called case between", async () => {
    // given a case that calls a process which calls the one waiting for the decree
    const nik = "3216015505800013";
    const caseId = await caseAwaitingDecree(nik, AWAITING_NESTED_ID);

    // when the decree is sent to the case
    const res = await call(app, as["front-office"]!, "POST", `/cases/${caseId}/messages`, {
      name: "skProvinsi",
      correlationKey: nik,
      payload: { nomorSk: "464/2026" },
    });

    // then it is correlated and the innermost case's payload comes back up to the case
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ correlated: true, buffered: false });
    await waitFor(caseId, (c) => c.status === "completed", "completion");
    const result = await env.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    expect(result).toMatchObject({ status: "completed", variables: { nomorSk: "464/2026" } });
  });

  it("sent before the called case waits for it, is kept by the called case until its catch event is reached", async () => {
    // given a case whose called process first has staff check the documents, then waits for the decree
    const nik = "3216015505800014";
    const caseId = await startCase(CHECKING_ID, nik);
    await waitForSignal(caseWorkflowId(caseId), "childMessageSubscriptions");

    // when the decree arrives through the API while the documents are still being checked
    const sentAt = Date.now();
    const res = await call(app, as["front-office"]!, "POST", `/cases/${caseId}/messages`, {
      name: "skProvinsi",
      correlationKey: nik,
      payload: { nomorSk: "465/2026" },
    });
    const answeredAt = Date.now();

    // then it is answered as kept for later (202), for the default hour
    expect(res.status).toBe(202);
    const body = (await res.json()) as { correlated: boolean; buffered: boolean; expiresAt?: string };
    expect(body).toMatchObject({ correlated: false, buffered: true });
    const hour = 60 * 60_000;
    const expiresAt = Date.parse(body.expiresAt ?? "");
    expect(expiresAt).toBeGreaterThanOrEqual(sentAt + hour - 1_000);
    expect(expiresAt).toBeLessThanOrEqual(answeredAt + hour);

    // when front office completes the check from the inbox
    const task = await frontOfficeTask(caseId);
    expect(task.elementId).toBe("periksaBerkas");
    const done = await call(app, as["front-office"]!, "POST", `/tasks/${task.id}/complete`, {
      revision: task.revision,
      data: {},
    });
    expect(done.status).toBe(200);

    // then the called case's catch event takes the kept decree and the case completes with its payload
    await waitFor(caseId, (c) => c.status === "completed", "completion");
    const result = await env.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    expect(result).toMatchObject({ status: "completed", variables: { nomorSk: "465/2026" } });
    const timeline = (await (await call(app, as.admin!, "GET", `/cases/${caseId}/timeline`)).json()) as {
      items: { type: string; data: Record<string, unknown> }[];
    };
    expect(timeline.items.filter((e) => e.type === "messageBuffered")).toMatchObject([
      { data: { name: "skProvinsi", correlationKey: nik, expiresAt: body.expiresAt } },
    ]);
    expect(timeline.items.filter((e) => e.type === "messageCorrelated")).toMatchObject([
      { data: { name: "skProvinsi", correlationKey: nik } },
    ]);
  });

  it("kept by the case itself, is handed down to the called case once that starts waiting for it", async () => {
    // given a case that may wait for the decree itself after its called process, which first has
    // staff check the documents and then waits for the decree
    const nik = "3216015505800015";
    const caseId = await startCase(CHECKING_OR_OFFICE_ID, nik);
    await waitForSignal(caseWorkflowId(caseId), "childMessageSubscriptions");

    // when the decree arrives through the API while the documents are still being checked
    const res = await call(app, as["front-office"]!, "POST", `/cases/${caseId}/messages`, {
      name: "skProvinsi",
      correlationKey: nik,
      payload: { nomorSk: "466/2026" },
    });

    // then it is answered as kept for later (202): the case keeps it, its own model can wait for it
    expect(res.status).toBe(202);
    const body = (await res.json()) as { correlated: boolean; buffered: boolean; expiresAt?: string };
    expect(body).toMatchObject({ correlated: false, buffered: true });

    // when front office completes the check from the inbox
    const task = await frontOfficeTask(caseId);
    expect(task.elementId).toBe("periksaBerkas");
    const done = await call(app, as["front-office"]!, "POST", `/tasks/${task.id}/complete`, {
      revision: task.revision,
      data: {},
    });
    expect(done.status).toBe(200);

    // then the case hands the kept decree down, the called case's catch event takes it, and the
    // case completes as the called process says: with the decree, not waiting for it at the office
    await waitFor(caseId, (c) => c.status === "completed", "completion");
    const result = await env.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    expect(result).toMatchObject({ status: "completed", variables: { nomorSk: "466/2026" } });
    const timeline = (await (await call(app, as.admin!, "GET", `/cases/${caseId}/timeline`)).json()) as {
      items: { type: string; elementId: string | null; data: Record<string, unknown> }[];
    };
    const messages = timeline.items.filter((e) => e.type.startsWith("message"));
    expect(messages.map((e) => [e.type, e.elementId])).toEqual([
      ["messageBuffered", null],
      ["messageHandedDown", "periksaLaluTungguSk"],
      ["messageCorrelated", null],
    ]);
    expect(messages[1]?.data).toMatchObject({ name: "skProvinsi", correlationKey: nik, expiresAt: body.expiresAt });
    expect(timeline.items.some((e) => e.elementId === "tungguSkDiKantor")).toBe(false);

    const child = (await env.client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory()).events?.find(
      (e) => e.startChildWorkflowExecutionInitiatedEventAttributes,
    )?.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
    await saveHistories("call-activity-message-handed-down", [caseWorkflowId(caseId), child!]);
  });
});
