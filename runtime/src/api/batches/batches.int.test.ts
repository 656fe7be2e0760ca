/**
 * Batch operations over a case-list filter on the real servers (PostgreSQL, the Temporal dev
 * server, a worker running bpmnProcess, a local HTTP server as the outside system): cancelling the
 * cases of a filter (paused and resumed on the way, one item failing without stopping the rest, a
 * re-run item not cancelled or audited twice), retrying their incidents, migrating them; refusals
 * for roles and districts that may not, audited.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { BatchItemsPage, BatchPreview, BatchView, CaseView } from "@alur/shared/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../logger";
import type { Db } from "../../store/db";
import type { Sweeper } from "../../sweeper";
import { type OutsideSystem, startOutsideSystem } from "../../testing";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, caseView, startApiHarness, waitForCase } from "../../testing/api-harness";
import { runBatches, startBatchRunner } from "./batch-runner";

const TAG = `${process.pid}${Date.now().toString(36)}`;
const TASK_QUEUE = "api-batches";
const CANCEL_ID = `layanan-massal-batal-${TAG}`;
const MOVE_ID = `layanan-massal-pindah-${TAG}`;
const HTTP_ID = `layanan-massal-http-${TAG}`;
const CAST = [
  { key: "admin", district: "3216", role: "district-admin" },
  { key: "kabid", district: "3216", role: "kepala-bidang" },
  { key: "front-office", district: "3216", role: "front-office" },
  { key: "smd-admin", district: "3211", role: "district-admin" },
] as const;

let harness: ApiHarness;
let db: Db;
let app: TestApp;
let as: Record<string, Session>;
let dtks: OutsideSystem;
let deps: Parameters<typeof runBatches>[0];

const task = (id: string, name: string) => `
    <bpmn:userTask id="${id}" name="${name}">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="front-office" /></bpmn:extensionElements>
    </bpmn:userTask>`;

/** A process whose steps run one after another. */
function model(processId: string, steps: [string, string][]): string {
  const ids = ["mulai", ...steps.map(([id]) => id), "selesai"];
  const flows = ids
    .slice(1)
    .map((to, i) => `<bpmn:sequenceFlow id="f-${ids[i]}-${to}" sourceRef="${ids[i]}" targetRef="${to}" />`)
    .join("\n    ");
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:alur="https://alur.id/schema/bpmn/1.0"
  id="defs-${processId}" targetNamespace="https://alur.id/test">
  <bpmn:process id="${processId}" name="Bantuan massal (uji ${processId})" isExecutable="true">
    <bpmn:extensionElements>
      <alur:serviceStandard code="UJI" name="Bantuan Massal Uji" office="Dinas Sosial Kabupaten Bekasi">
        <alur:completionTime value="5" unit="workingDays">5 hari kerja</alur:completionTime>
      </alur:serviceStandard>
    </bpmn:extensionElements>
    <bpmn:startEvent id="mulai" name="Permohonan masuk" />
    ${steps.map(([id, name]) => task(id, name)).join("")}
    <bpmn:endEvent id="selesai" name="Selesai" />
    ${flows}
  </bpmn:process>
</bpmn:definitions>`;
}

async function deploy(bpmnXml: string): Promise<void> {
  const res = await call(app, as.admin!, "POST", "/processes", { bpmnXml, district: "3216", publish: true });
  if (res.status !== 201) throw new Error(`deploy: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  dtks = await startOutsideSystem({ ok: { terdaftar: true, desil: 2 }, failing: { error: "sedang gangguan" } });
  harness = await startApiHarness({
    taskQueue: TASK_QUEUE,
    usernamePrefix: `bat${TAG}`,
    cast: CAST,
    httpAllow: "127.0.0.1",
  });
  ({ db, app, as } = harness);
  deps = {
    db,
    temporal: { client: harness.env.client, taskQueue: TASK_QUEUE },
    logger: createLogger({ level: "silent", pretty: false }),
  };
  await deploy(model(CANCEL_ID, [["periksa", "Pemeriksaan berkas"]]));
  await deploy(
    model(MOVE_ID, [
      ["verifikasi", "Verifikasi berkas"],
      ["survei", "Survei lapangan"],
    ]),
  );
  await deploy(
    readFileSync(path.join(import.meta.dirname, "../cases/fixtures/layanan-http.bpmn"), "utf8")
      .replaceAll("__DTKS_URL__", dtks.url("/dtks"))
      .replaceAll('"layanan-http"', `"${HTTP_ID}"`),
  );
});

afterAll(async () => {
  await harness?.stop();
  await dtks?.close();
});

async function startCase(processId: string, variables?: Record<string, unknown>): Promise<string> {
  const res = await call(app, as["front-office"]!, "POST", "/cases", {
    processId,
    district: "3216",
    applicant: { name: "Rina Marlina (uji massal)" },
    ...(variables ? { variables } : {}),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const waitFor = (caseId: string, predicate: (c: CaseView) => boolean, what: string) =>
  waitForCase(app, as.admin!, caseId, predicate, what);

async function batchOf(session: Session, id: string): Promise<BatchView> {
  const res = await call(app, session, "GET", `/batches/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as BatchView;
}

async function itemsOf(session: Session, id: string): Promise<BatchItemsPage["items"]> {
  const all: BatchItemsPage["items"] = [];
  let after: number | null = 0;
  while (after !== null) {
    const res = await call(app, session, "GET", `/batches/${id}/items?limit=2&after=${after}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as BatchItemsPage;
    all.push(...page.items);
    after = page.nextAfter;
  }
  return all;
}

/** Asks for the batch until it is done (60 s). */
async function untilDone(session: Session, id: string): Promise<BatchView> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const view = await batchOf(session, id);
    if (view.status === "done") return view;
    if (Date.now() > deadline) throw new Error(`the batch never finished: ${JSON.stringify(view)}`);
    await delay(200);
  }
}

async function timelineOf(caseId: string) {
  const res = await call(app, as.admin!, "GET", `/cases/${caseId}/timeline`);
  return ((await res.json()) as { items: { type: string; actor: string | null; data: Record<string, unknown> }[] })
    .items;
}

describe("cancelling the cases of a filter", () => {
  it("previews the count, refuses other roles and districts (audited), pauses and resumes, records a failing item and goes on", async () => {
    // given six running cases of a service, one of whose workflows is gone behind the store's back
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await startCase(CANCEL_ID));
    for (const id of ids) await waitFor(id, (c) => c.currentSteps.length === 1, "the first step");
    const gone = ids[3]!;
    await db
      .updateTable("cases")
      .set({ workflow_id: `hilang-${gone}` })
      .where("id", "=", gone)
      .execute();
    const filter = { service: CANCEL_ID, status: "active" };
    const body = { operation: "cancel", filter, reason: "Layanan dihentikan sementara" };

    // when staff, another district's admin asking for this district, try: 403, audited
    expect((await call(app, as["front-office"]!, "POST", "/batches", { ...body, preview: true })).status).toBe(403);
    const other = await call(app, as["smd-admin"]!, "POST", "/batches", {
      ...body,
      filter: { ...filter, district: "3216" },
    });
    expect(other.status).toBe(403);
    const denials = await db
      .selectFrom("audit_log")
      .select("actor_id")
      .where("action", "=", "batch.create")
      .where("outcome", "=", "denied")
      .where("actor_id", "in", [as["front-office"]!.userId, as["smd-admin"]!.userId])
      .execute();
    expect(denials).toHaveLength(2);
    // and within its own district the filter matches none of these cases
    const own = await call(app, as["smd-admin"]!, "POST", "/batches", { ...body, preview: true });
    expect(((await own.json()) as BatchPreview).count).toBe(0);
    expect((await call(app, as["smd-admin"]!, "POST", "/batches", body)).status).toBe(422);
    // a reason is required
    expect((await call(app, as.kabid!, "POST", "/batches", { ...body, reason: " " })).status).toBe(400);

    // when the head previews, then confirms with the count shown
    const preview = await call(app, as.kabid!, "POST", "/batches", { ...body, preview: true });
    expect(await preview.json()).toEqual({ operation: "cancel", count: 6, truncated: false });
    expect((await call(app, as.kabid!, "POST", "/batches", { ...body, expectedCount: 5 })).status).toBe(409);
    const created = await call(app, as.kabid!, "POST", "/batches", { ...body, expectedCount: 6 });
    expect(created.status, await created.clone().text()).toBe(201);
    const batch = (await created.json()) as BatchView;
    expect(batch).toMatchObject({ status: "running", total: 6, counts: { pending: 6 }, reason: body.reason });
    // another district's admin cannot see it
    expect((await call(app, as["smd-admin"]!, "GET", `/batches/${batch.id}`)).status).toBe(403);

    // and the runner takes one chunk of two
    expect(await runBatches(deps, { chunk: 2, lanes: 2, maxChunks: 1 })).toBe(2);
    expect((await batchOf(as.kabid!, batch.id)).counts).toMatchObject({ succeeded: 2, pending: 4 });

    // when it is paused, nothing more runs
    const paused = await call(app, as.kabid!, "POST", `/batches/${batch.id}/pause`, { reason: "Jam sibuk loket" });
    expect(paused.status).toBe(200);
    expect((await call(app, as.kabid!, "POST", `/batches/${batch.id}/pause`)).status).toBe(409);
    expect(await runBatches(deps, { chunk: 2, maxChunks: 3 })).toBe(0);
    expect((await batchOf(as.kabid!, batch.id)).counts).toMatchObject({ succeeded: 2, pending: 4 });

    // and an item whose outcome was lost (the process died after the cancel took effect) comes back
    await waitFor(ids[0]!, (c) => c.status === "cancelled", "the first case cancelled");
    await db
      .updateTable("batch_items")
      .set({ status: "pending" })
      .where("batch_id", "=", batch.id)
      .where("seq", "=", 1)
      .execute();

    // when it is resumed, the runner finishes it
    expect((await call(app, as.kabid!, "POST", `/batches/${batch.id}/resume`)).status).toBe(200);
    while ((await runBatches(deps, { chunk: 2, lanes: 2 })) > 0);
    const done = await untilDone(as.kabid!, batch.id);

    // then five are cancelled, the one whose workflow was gone failed with a bilingual reason
    expect(done.counts).toEqual({ pending: 0, running: 0, succeeded: 5, failed: 1, skipped: 0 });
    expect(done.finishedAt).not.toBeNull();
    const items = await itemsOf(as.kabid!, batch.id);
    expect(items.map((i) => i.caseId)).toEqual(ids);
    expect(items.find((i) => i.caseId === gone)).toMatchObject({
      status: "failed",
      error: { code: "case-not-running", message: { id: expect.any(String), en: "This case is not running." } },
    });
    for (const id of ids.filter((x) => x !== gone)) {
      await waitFor(id, (c) => c.status === "cancelled", "the cancelled case");
      const cancelled = (await timelineOf(id)).filter((e) => e.type === "case.cancel-requested");
      expect(cancelled).toEqual([
        expect.objectContaining({
          actor: as.kabid!.userId,
          data: expect.objectContaining({ reason: body.reason, batchId: batch.id }),
        }),
      ]);
    }
    // each item's decision audited once, with the reason (the re-run first item too)
    const audited = await db
      .selectFrom("audit_log")
      .select(["resource_id", "actor_id", "details"])
      .where("action", "=", "case.cancel")
      .where("outcome", "=", "ok")
      .where("resource_id", "in", ids)
      .execute();
    expect(audited.map((a) => a.resource_id).sort()).toEqual([...ids].sort());
    for (const a of audited) {
      expect(a).toMatchObject({ actor_id: as.kabid!.userId, details: { reason: body.reason, batchId: batch.id } });
    }
    const steering = await db
      .selectFrom("audit_log")
      .select("action")
      .where("resource_id", "=", batch.id)
      .where("outcome", "=", "ok")
      .orderBy("id")
      .execute();
    expect(steering.map((s) => s.action)).toEqual(["batch.create", "batch.pause", "batch.resume", "batch.done"]);
    // the list shows it
    const list = (await (await call(app, as.admin!, "GET", "/batches")).json()) as { items: BatchView[] };
    expect(list.items.map((b) => b.id)).toContain(batch.id);
  });
});

describe("a requester whose account is disabled", () => {
  it("has their batch's items refused from then on (audited), the cases left as they were", async () => {
    // given two running cases and a head's batch to cancel them
    const ids = [await startCase(CANCEL_ID), await startCase(CANCEL_ID)];
    for (const id of ids) await waitFor(id, (c) => c.currentSteps.length === 1, "the first step");
    const body = { operation: "cancel", filter: { service: CANCEL_ID, status: "active" }, reason: "Uji akun nonaktif" };
    const preview = (await (await call(app, as.kabid!, "POST", "/batches", { ...body, preview: true })).json()) as {
      count: number;
    };
    const created = await call(app, as.kabid!, "POST", "/batches", { ...body, expectedCount: preview.count });
    expect(created.status, await created.clone().text()).toBe(201);
    const batch = (await created.json()) as BatchView;

    // when the head's account is disabled before the runner takes the items
    await db.updateTable("users").set({ disabled: true }).where("id", "=", as.kabid!.userId).execute();
    try {
      while ((await runBatches(deps, { chunk: 2, lanes: 2 })) > 0);
    } finally {
      await db.updateTable("users").set({ disabled: false }).where("id", "=", as.kabid!.userId).execute();
    }

    // then every item is refused, each refusal audited, and the cases still run
    const done = await untilDone(as.kabid!, batch.id);
    expect(done.counts).toMatchObject({ succeeded: 0, failed: preview.count, pending: 0 });
    const items = await itemsOf(as.kabid!, batch.id);
    expect(new Set(items.map((i) => i.error?.code))).toEqual(new Set(["forbidden"]));
    const denied = await db
      .selectFrom("audit_log")
      .select("resource_id")
      .where("action", "=", "case.cancel")
      .where("outcome", "=", "denied")
      .where("resource_id", "in", ids)
      .execute();
    expect(denied.map((d) => d.resource_id).sort()).toEqual([...ids].sort());
    const statuses = await db.selectFrom("cases").select("status").where("id", "in", ids).execute();
    expect(statuses.map((r) => r.status)).toEqual(["active", "active"]);
  });
});

describe("the runner in the background", () => {
  let runner: Sweeper;
  beforeAll(() => {
    runner = startBatchRunner(deps, 200);
  });
  afterAll(async () => {
    await runner?.stop();
  });

  it("retries the incidents of a filter once the outside system is back; a head may not", async () => {
    // given three cases holding a connector incident
    dtks.status = 500;
    const ids = [
      await startCase(HTTP_ID, { nik: "3216015505800002" }),
      await startCase(HTTP_ID, { nik: "3216015505800003" }),
      await startCase(HTTP_ID, { nik: "3216015505800004" }),
    ];
    for (const id of ids) await waitFor(id, (c) => c.status === "incident", "the incident");
    dtks.status = 200;
    const body = {
      operation: "retry-incidents",
      filter: { service: HTTP_ID, status: "incident" },
      reason: "SIKS-NG pulih",
    };

    // when the head tries: 403 (retrying is the admin's), audited
    expect((await call(app, as.kabid!, "POST", "/batches", body)).status).toBe(403);

    // when the district admin runs it
    const created = await call(app, as.admin!, "POST", "/batches", { ...body, expectedCount: 3 });
    expect(created.status, await created.clone().text()).toBe(201);
    const batch = (await created.json()) as BatchView;
    const done = await untilDone(as.admin!, batch.id);

    // then every case completes, each retry on its timeline with the reason and audited once
    expect(done.counts).toMatchObject({ succeeded: 3, failed: 0 });
    for (const id of ids) {
      await waitFor(id, (c) => c.status === "completed", "completion");
      expect((await timelineOf(id)).find((e) => e.type === "case.incident-retried")).toMatchObject({
        actor: as.admin!.userId,
        data: { reason: body.reason, batchId: batch.id },
      });
    }
    const audited = await db
      .selectFrom("audit_log")
      .select("resource_id")
      .where("action", "=", "case.retry-incident")
      .where("outcome", "=", "ok")
      .where("resource_id", "in", ids)
      .execute();
    expect(audited).toHaveLength(3);
  });

  it("migrates the cases of a version: those that can move, move; the one that cannot is recorded", async () => {
    // given three cases on v1, one of them already at "survei"
    const ids = [await startCase(MOVE_ID), await startCase(MOVE_ID), await startCase(MOVE_ID)];
    const stuck = ids[2]!;
    const step = (await waitFor(stuck, (c) => c.currentSteps.length === 1, "the first step")).currentSteps[0]!;
    const completed = await call(app, as["front-office"]!, "POST", `/tasks/${step.taskId}/complete`, {
      revision: step.revision,
      data: {},
    });
    expect(completed.status).toBe(200);
    await waitFor(stuck, (c) => c.currentSteps[0]?.elementId === "survei", "the stuck case at survei");
    for (const id of ids) await waitFor(id, (c) => c.currentSteps.length === 1, "one open step");
    // and v2, where "survei" is gone
    await deploy(
      model(MOVE_ID, [
        ["verifikasi", "Verifikasi dokumen"],
        ["persetujuan", "Persetujuan kepala bidang"],
      ]),
    );
    const body = {
      operation: "migrate",
      filter: { service: MOVE_ID, version: 1 },
      migration: { toVersion: 2 },
      reason: "Perbup baru berlaku",
    };
    // a target version that does not exist, and a migration without a version, are refused
    expect((await call(app, as.admin!, "POST", "/batches", { ...body, migration: { toVersion: 9 } })).status).toBe(422);
    expect((await call(app, as.admin!, "POST", "/batches", { ...body, filter: { service: MOVE_ID } })).status).toBe(
      400,
    );

    // when the head runs it
    const created = await call(app, as.kabid!, "POST", "/batches", body);
    expect(created.status, await created.clone().text()).toBe(201);
    const batch = (await created.json()) as BatchView;
    const done = await untilDone(as.kabid!, batch.id);

    // then two moved to v2, the stuck one failed with the dry run's bilingual blocker and stays on v1
    expect(done.counts).toMatchObject({ succeeded: 2, failed: 1 });
    const items = await itemsOf(as.kabid!, batch.id);
    expect(items.find((i) => i.caseId === stuck)).toMatchObject({
      status: "failed",
      error: { code: "element-missing", message: { id: expect.stringContaining("Survei lapangan") } },
    });
    const v1 = (await caseView(app, as.admin!, stuck)).processVersionId;
    for (const id of ids.slice(0, 2)) {
      const view = await caseView(app, as.admin!, id);
      expect(view.processVersionId).not.toBe(v1);
      const types = (await timelineOf(id)).map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(["caseMigrated", "case.batch-migrated"]));
    }
  });
});
