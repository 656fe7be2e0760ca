/**
 * Suspending and resuming a case, and migrating running cases to another published version,
 * through the API on the real servers (PostgreSQL, the Temporal dev server, a worker running
 * bpmnProcess). With RECORD_HISTORIES=1 a migrated case's history is saved as a replay fixture.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { CaseView, InboxPage, MigrationReport } from "@alur/shared/api";
import { historyToJSON } from "@temporalio/common/lib/proto-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../store/db";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, caseView, startApiHarness, waitForCase } from "../../testing/api-harness";
import { HISTORIES_DIR } from "../../testing/case-harness";

const TAG = `${process.pid}${Date.now().toString(36)}`;
const HOLD_ID = `layanan-tangguh-${TAG}`;
const MOVE_ID = `layanan-pindah-${TAG}`;
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

const task = (id: string, name: string) => `
    <bpmn:userTask id="${id}" name="${name}">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="front-office" /></bpmn:extensionElements>
    </bpmn:userTask>`;

/** A process whose steps run one after another; flows are named after their ends. */
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
  <bpmn:process id="${processId}" name="Bantuan sosial (uji ${processId})" isExecutable="true">
    <bpmn:extensionElements>
      <alur:serviceStandard code="UJI" name="Bantuan Sosial Uji" office="Dinas Sosial Kabupaten Bekasi">
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
  harness = await startApiHarness({ taskQueue: "api-suspend-migrate", usernamePrefix: `sm${TAG}`, cast: CAST });
  ({ db, app, as } = harness);
  await deploy(model(HOLD_ID, [["periksa", "Pemeriksaan berkas"]]));
  await deploy(
    model(MOVE_ID, [
      ["verifikasi", "Verifikasi berkas"],
      ["survei", "Survei lapangan"],
    ]),
  );
});

afterAll(async () => {
  await harness?.stop();
});

async function startCase(processId: string): Promise<string> {
  const res = await call(app, as["front-office"]!, "POST", "/cases", {
    processId,
    district: "3216",
    applicant: { name: "Siti Aminah (uji penangguhan)" },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const waitFor = (caseId: string, predicate: (c: CaseView) => boolean, what: string) =>
  waitForCase(app, as.admin!, caseId, predicate, what);

/** The case's open step (waits for exactly one). */
async function stepOf(caseId: string): Promise<CaseView["currentSteps"][number]> {
  const view = await waitFor(caseId, (c) => c.currentSteps.length === 1, "one open step");
  return view.currentSteps[0]!;
}

/** The front office completes the case's open step at `elementId`. */
async function complete(caseId: string, elementId: string): Promise<Response> {
  const step = await waitFor(
    caseId,
    (c) => c.currentSteps.some((s) => s.elementId === elementId),
    `the step ${elementId}`,
  ).then((c) => c.currentSteps.find((s) => s.elementId === elementId)!);
  return call(app, as["front-office"]!, "POST", `/tasks/${step.taskId}/complete`, {
    revision: step.revision,
    data: {},
  });
}

async function timelineOf(caseId: string) {
  const res = await call(app, as.admin!, "GET", `/cases/${caseId}/timeline`);
  return ((await res.json()) as { items: { type: string; actor: string | null; data: Record<string, unknown> }[] })
    .items;
}

describe("suspending a case", () => {
  it("the head suspends with a reason: tasks cannot be completed and show as suspended; resuming lets them be", async () => {
    // given a case waiting on the front office
    const caseId = await startCase(HOLD_ID);
    const step = await stepOf(caseId);

    // when staff without the right, or another district's admin, try: 403
    for (const who of ["front-office", "smd-admin"]) {
      const denied = await call(app, as[who]!, "POST", `/cases/${caseId}/suspend`, { reason: "coba tangguhkan" });
      expect(denied.status).toBe(403);
    }
    expect((await call(app, as.kabid!, "POST", `/cases/${caseId}/suspend`, { reason: " " })).status).toBe(400);
    expect(
      (await call(app, as.kabid!, "POST", `/cases/${caseId}/resume`, { reason: "belum ditangguhkan" })).status,
    ).toBe(409);

    // when the head suspends it
    const res = await call(app, as.kabid!, "POST", `/cases/${caseId}/suspend`, {
      reason: "Pengaduan sedang diperiksa",
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const held = (await res.json()) as { suspendedSince: string | null; dueAt: string | null };
    expect(held.suspendedSince).toEqual(expect.any(String));

    // then the case and the inbox show it suspended, and its task cannot be completed (bilingual 409)
    expect((await caseView(app, as.admin!, caseId)).suspendedSince).toBe(held.suspendedSince);
    const inbox = (await (
      await call(app, as["front-office"]!, "GET", "/tasks?scope=unassigned&limit=200")
    ).json()) as InboxPage;
    expect(inbox.items.find((t) => t.id === step.taskId)?.suspendedSince).toBe(held.suspendedSince);
    const refused = await call(app, as["front-office"]!, "POST", `/tasks/${step.taskId}/complete`, {
      revision: step.revision,
      data: {},
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      code: "case-suspended",
      message: { id: expect.stringContaining("ditangguhkan"), en: expect.stringContaining("suspended") },
    });
    expect((await call(app, as.kabid!, "POST", `/cases/${caseId}/suspend`, { reason: "sekali lagi" })).status).toBe(
      409,
    );

    // when the district admin resumes it
    const resumed = await call(app, as.admin!, "POST", `/cases/${caseId}/resume`, { reason: "Pemeriksaan selesai" });
    expect(resumed.status, await resumed.clone().text()).toBe(200);
    expect(await resumed.json()).toMatchObject({ suspendedSince: null });

    // then the task completes and the case ends
    const done = await call(app, as["front-office"]!, "POST", `/tasks/${step.taskId}/complete`, {
      revision: step.revision,
      data: {},
    });
    expect(done.status, await done.clone().text()).toBe(200);
    await waitFor(caseId, (c) => c.status === "completed", "the completed case");

    // the timeline and the audit log say who and why
    const timeline = await timelineOf(caseId);
    expect(timeline.find((e) => e.type === "caseSuspended")?.data).toMatchObject({
      reason: "Pengaduan sedang diperiksa",
      actor: as.kabid!.userId,
    });
    expect(timeline.find((e) => e.type === "caseResumed")?.data).toMatchObject({ reason: "Pemeriksaan selesai" });
    const audited = await db
      .selectFrom("audit_log")
      .select(["action", "outcome", "actor_id", "details"])
      .where("resource_id", "=", caseId)
      .where("action", "in", ["case.suspend", "case.resume"])
      .orderBy("id")
      .execute();
    expect(audited.filter((a) => a.outcome === "ok")).toEqual([
      expect.objectContaining({
        action: "case.suspend",
        actor_id: as.kabid!.userId,
        details: { reason: "Pengaduan sedang diperiksa" },
      }),
      expect.objectContaining({
        action: "case.resume",
        actor_id: as.admin!.userId,
        details: { reason: "Pemeriksaan selesai" },
      }),
    ]);
    expect(audited.filter((a) => a.outcome === "denied")).toHaveLength(2);
  });
});

describe("migrating running cases to another version", () => {
  it("moves the cases that can move, reports the one that cannot and leaves it on v1; moved cases follow v2", async () => {
    // given four cases on v1: three at "verifikasi", one already at "survei"
    const movable = [await startCase(MOVE_ID), await startCase(MOVE_ID), await startCase(MOVE_ID)];
    const stuck = await startCase(MOVE_ID);
    const tasksBefore = new Map<string, string>();
    for (const id of movable) tasksBefore.set(id, (await stepOf(id)).taskId);
    expect((await complete(stuck, "verifikasi")).status).toBe(200);
    await waitFor(stuck, (c) => c.currentSteps[0]?.elementId === "survei", "the stuck case at survei");
    const v1 = (await caseView(app, as.admin!, stuck)).processVersionId;

    // and v2 published: "verifikasi" renamed, a new "persetujuan" after it, "survei" gone
    await deploy(
      model(MOVE_ID, [
        ["verifikasi", "Verifikasi dokumen"],
        ["persetujuan", "Persetujuan kepala bidang"],
      ]),
    );
    const ids = [...movable, stuck];
    const body = { fromVersion: 1, toVersion: 2, caseIds: ids };

    // staff may not, another district's admin may not see these cases
    expect(
      (await call(app, as["front-office"]!, "POST", `/processes/${MOVE_ID}/migrations/dry-run`, body)).status,
    ).toBe(403);
    const bad = await call(app, as.admin!, "POST", `/processes/${MOVE_ID}/migrations/dry-run`, {
      ...body,
      toVersion: 9,
    });
    expect(bad.status).toBe(422);

    // when the admin runs the dry run
    const dry = await call(app, as.admin!, "POST", `/processes/${MOVE_ID}/migrations/dry-run`, body);
    expect(dry.status, await dry.clone().text()).toBe(200);
    const dryReport = (await dry.json()) as MigrationReport;

    // then three can move, the fourth cannot: its step is gone (bilingual), and nothing moved
    expect(dryReport).toMatchObject({ movable: 3, blocked: 1 });
    const stuckRow = dryReport.items.find((i) => i.caseId === stuck)!;
    expect(stuckRow).toMatchObject({
      canMove: false,
      blockers: [
        {
          code: "element-missing",
          elementId: "survei",
          message: { id: expect.stringContaining("Survei lapangan"), en: expect.stringContaining("does not exist") },
        },
      ],
    });
    for (const id of movable) expect((await caseView(app, as.admin!, id)).processVersionId).toBe(v1);

    // when the admin migrates
    const run = await call(app, as.admin!, "POST", `/processes/${MOVE_ID}/migrations`, body);
    expect(run.status, await run.clone().text()).toBe(200);
    const report = (await run.json()) as MigrationReport;
    expect(report).toMatchObject({ migrated: 3, movable: 3, blocked: 1 });
    expect(report.items.find((i) => i.caseId === stuck)).toMatchObject({ migrated: false, canMove: false });

    // then each moved case runs v2, keeps its open task (same id) under the new name, and says so on the timeline
    for (const id of movable) {
      const view = await caseView(app, as.admin!, id);
      expect(view.processVersionId).not.toBe(v1);
      expect(view.currentSteps).toEqual([
        expect.objectContaining({ taskId: tasksBefore.get(id), elementId: "verifikasi", name: "Verifikasi dokumen" }),
      ]);
      const migrated = (await timelineOf(id)).filter((e) => e.type === "caseMigrated");
      expect(migrated).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ fromVersion: 1, toVersion: 2 }) }),
      ]);
    }
    const audits = await db
      .selectFrom("audit_log")
      .select(["resource_id", "before", "after"])
      .where("action", "=", "case.migrate")
      .where("resource_id", "in", ids)
      .execute();
    expect(audits.map((a) => a.resource_id).sort()).toEqual([...movable].sort());
    expect(audits[0]).toMatchObject({ before: { version: 1 }, after: { version: 2 } });

    // a second migration finds nothing left on v1 but the stuck case
    const again = (await (
      await call(app, as.admin!, "POST", `/processes/${MOVE_ID}/migrations/dry-run`, { fromVersion: 1, toVersion: 2 })
    ).json()) as MigrationReport;
    expect(again.items.map((i) => i.caseId)).toEqual([stuck]);

    // when the moved cases are worked: they follow v2 (the new step after verifikasi, no survei)
    for (const id of movable) {
      expect((await complete(id, "verifikasi")).status).toBe(200);
      expect((await stepOf(id)).elementId).toBe("persetujuan");
      expect((await complete(id, "persetujuan")).status).toBe(200);
      await waitFor(id, (c) => c.status === "completed", "the migrated case completed");
    }
    // and the stuck case was left on v1: it still ends through survei
    expect((await caseView(app, as.admin!, stuck)).processVersionId).toBe(v1);
    expect((await complete(stuck, "survei")).status).toBe(200);
    await waitFor(stuck, (c) => c.status === "completed", "the unmoved case completed");

    if (process.env.RECORD_HISTORIES === "1") {
      const row = await db
        .selectFrom("cases")
        .select("workflow_id")
        .where("id", "=", movable[0]!)
        .executeTakeFirstOrThrow();
      const history = await harness.env.client.workflow.getHandle(row.workflow_id).fetchHistory();
      writeFileSync(path.join(HISTORIES_DIR, "migrated-case.json"), historyToJSON(history));
    }
  });
});
