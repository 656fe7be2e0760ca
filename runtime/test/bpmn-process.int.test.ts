/**
 * The bpmnProcess adapter on the time-skipping test server, one element family per test, against
 * the real PostgreSQL store. With RECORD_HISTORIES=1 each run is saved as a replay fixture.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { calendarFor } from "@alur/shared/calendar/districts";
import { WorkflowUpdateFailedError } from "@temporalio/client";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listNotifications } from "../src/connectors";
import { listCaseEvents } from "../src/store/case-events";
import type { Db } from "../src/store/db";
import { getTask } from "../src/store/tasks";
import { resumeUpdate, suspendUpdate } from "../src/temporal/definitions";
import { startCase } from "../src/testing/case-harness";
import { PlanBuilder } from "../src/testing/engine/plan-builder";
import { postgresDb, startWorker, timeSkippingEnv } from "../src/testing/servers";

const TASK_QUEUE = "families";
let env: TestWorkflowEnvironment;
let db: Db;
let dataDir: string;

beforeAll(async () => {
  db = await postgresDb();
  dataDir = mkdtempSync(path.join(tmpdir(), "alur-data-"));
});

afterAll(async () => {
  await db?.destroy();
});

/**
 * Each test gets its own time-skipping server and worker: skipped time is global to a server,
 * and these tests depend on absolute dates (Idul Fitri 2027).
 */
beforeEach(async () => {
  env = await timeSkippingEnv();
  const worker = await startWorker(env, db, TASK_QUEUE, { dataDir });
  return async () => {
    await worker.stop();
    await env.teardown();
  };
});

const start = (plan: Parameters<typeof startCase>[2], options: Partial<Parameters<typeof startCase>[3]> = {}) =>
  startCase(env, db, plan, { taskQueue: TASK_QUEUE, ...options });

async function rejection(promise: Promise<unknown>): Promise<{ type?: string; details?: unknown[] }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause as { type?: string; details?: unknown[] };
    return cause;
  }
  throw new Error("expected the update to be rejected");
}

describe("user tasks", () => {
  it("opens tasks in the store, rejects wrong completions before history and returns the new state", async () => {
    // given a two-step procedure with roles and a form
    const plan = new PlanBuilder("rekomendasi")
      .start("mulai")
      .userTask("periksa", {
        task: { roles: ["back-office"], formId: "f-periksa", documents: ["ktp"], escalateTo: [] },
      })
      .userTask("tandatangan", { task: { roles: ["kepala-dinas"], documents: [], escalateTo: [] } })
      .end("selesai")
      .chain("mulai", "periksa", "tandatangan", "selesai")
      .build({
        forms: {
          "f-periksa": { components: [{ type: "checkbox", key: "docsComplete", validate: { required: true } }] },
        },
      });
    const c = await start(plan, { variables: { caseNumber: "BKS-1" } });
    const periksa = await c.task("periksa");

    // when completions come from the wrong role, with bad form data, or for an unknown task
    const wrongRole = await rejection(c.complete("periksa", ["front-office"], { docsComplete: true }));
    const badForm = await rejection(c.complete("periksa", ["back-office"], {}));
    const unknown = await rejection(
      c.handle.executeUpdate("completeTask", {
        args: [{ taskId: "nope", actor: { userId: "u", roles: ["back-office"], district: null }, data: {} }],
      }),
    );
    // then each is rejected with a stable code and a message in Bahasa Indonesia
    expect(wrongRole.type).toBe("role-not-allowed");
    expect(badForm.type).toBe("form-invalid");
    expect(badForm.details?.[0]).toMatchObject({ fields: ["docsComplete"], id: expect.stringContaining("wajib") });
    expect(unknown.type).toBe("unknown-task");

    // when the right role completes it, the update returns the state with the next task open
    const after = await c.complete("periksa", ["back-office"], { docsComplete: true });
    expect(after.openTasks.map((t) => t.elementId)).toEqual(["tandatangan"]);
    expect(after.variables).toMatchObject({ docsComplete: true });
    // and completing it again is rejected
    expect((await rejection(c.completeTask(periksa.taskId, ["back-office"], { docsComplete: true }))).type).toBe(
      "task-closed",
    );

    const row = await getTask(db, periksa.taskId);
    expect(row).toMatchObject({
      status: "completed",
      element_id: "periksa",
      case_id: c.caseId,
      roles: ["back-office"],
    });
    const history = await c.handle.fetchHistory();
    const updates = history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
    expect(updates).toHaveLength(1);

    await c.complete("tandatangan", ["kepala-dinas"]);
    expect(await c.result()).toMatchObject({ status: "completed" });
    const caseRow = await db.selectFrom("cases").selectAll().where("id", "=", c.caseId).executeTakeFirstOrThrow();
    expect(caseRow.status).toBe("completed");
    expect(caseRow.ended_at).not.toBeNull();
    const types = (await listCaseEvents(db, c.caseId)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["caseStarted", "taskCompleted", "caseCompleted"]));
    await c.saveHistory("user-tasks");
  });
});

const timer = (value: string, type: "duration" | "date" = "duration") => ({
  kind: "timer" as const,
  timer: { type, value: { kind: "literal" as const, value } },
});

async function skipUntil(iso: string, extraMs = 60_000): Promise<void> {
  const now = await env.currentTimeMs();
  const target = Date.parse(iso) + extraMs;
  if (target > now) await env.sleep(target - now);
}

async function eventsOf(caseId: string, type: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = (await listCaseEvents(db, caseId)).filter((e) => e.type === type);
    if (events.length > 0 || Date.now() > deadline) return events;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("working time", () => {
  it("a 5-working-day SLA spanning Nyepi and Idul Fitri 2027 fires at closing time of the right day", async () => {
    // given a task that opens Friday 5 March 2027 10:00 WIB with a 5-working-day SLA;
    // Nyepi (8 Mar) and Idul Fitri (9-10 Mar) are holidays, so the days are 11, 12, 15, 16, 17 March
    const plan = new PlanBuilder("sla")
      .start("mulai")
      .catchEvent("tunggu", timer("2027-03-05T10:00:00+07:00", "date"))
      .userTask("verifikasi", {
        task: {
          roles: ["back-office"],
          sla: { value: 5, unit: "workingDays" },
          documents: [],
          escalateTo: ["kepala-bidang"],
        },
      })
      .end("selesai")
      .chain("mulai", "tunggu", "verifikasi", "selesai")
      .build();
    const c = await start(plan, { calendar: calendarFor("3216", [2026, 2027]), variables: { caseNumber: "BKS-SLA" } });

    // when time passes to the task's start
    await skipUntil("2027-03-05T03:00:00Z");
    const task = await c.task("verifikasi");
    const row = await getTask(db, task.taskId);
    // then its due date is Wednesday 17 March 15:30 WIB
    expect(new Date(row!.due_at!).toISOString()).toBe("2027-03-17T08:30:00.000Z");

    // when the SLA passes without completion
    await skipUntil("2027-03-17T08:30:00Z");
    const breaches = await eventsOf(c.caseId, "slaBreached");
    // then the breach is recorded at that instant and the head of division is notified
    expect(breaches).toHaveLength(1);
    // (workflow time of the timer's task: the due instant plus a few milliseconds of processing)
    const lateMs = new Date(breaches[0]!.at).getTime() - Date.parse("2027-03-17T08:30:00.000Z");
    expect(lateMs).toBeGreaterThanOrEqual(0);
    expect(lateMs).toBeLessThan(1000);
    const deadline = Date.now() + 10_000;
    let notes = await listNotifications(db, { district: "3216", caseId: c.caseId });
    while (notes.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      notes = await listNotifications(db, { district: "3216", caseId: c.caseId });
    }
    expect(notes[0]).toMatchObject({ roles: ["kepala-bidang"], title: "Batas waktu layanan terlampaui" });
    expect(notes[0]?.body).toContain("BKS-SLA");

    // and the task stays open (the SLA is not interrupting) until completed
    await c.complete("verifikasi", ["back-office"]);
    expect(await c.result()).toMatchObject({ status: "completed" });
    await c.saveHistory("sla-working-days");
  });

  it("an adoption-like case waits 12 months for the provincial decree and finishes in seconds", async () => {
    // given an event-based gateway: the decree message or a 12-month timeout
    const plan = new PlanBuilder("adopsi")
      .start("mulai")
      .userTask("kirimBerkas", { task: { roles: ["back-office"], documents: [], escalateTo: [] } })
      .gateway("tunggu", "eventBasedGateway")
      .catchEvent("skProvinsi", { kind: "message", messageName: "provincialDecree", correlationKey: "caseNumber" })
      .catchEvent("setahun", timer("P12M"), { pausesClock: true })
      .end("diterima")
      .end("kedaluwarsa")
      .chain("mulai", "kirimBerkas", "tunggu", "skProvinsi", "diterima")
      .chain("tunggu", "setahun", "kedaluwarsa")
      .build();
    const wall = Date.now();
    const c = await start(plan, { variables: { caseNumber: "BKS-ADP" } });
    await c.complete("kirimBerkas", ["back-office"]);

    // when no decree comes, result() lets the server skip the year
    const result = await c.result();

    // then the timer branch ended the case 12 months later, in a few seconds of real time
    expect(result.status).toBe("completed");
    expect(Date.now() - wall).toBeLessThan(15_000);
    const events = await listCaseEvents(db, c.caseId);
    const at = (type: string, element: string) =>
      new Date(events.find((e) => e.type === type && e.element_id === element)!.at).getTime();
    // workflow time: 12 calendar months between entering and leaving the wait
    const elapsedDays = (at("elementLeft", "setahun") - at("elementEntered", "tunggu")) / 86_400_000;
    expect(elapsedDays).toBeGreaterThanOrEqual(365);
    expect(elapsedDays).toBeLessThanOrEqual(366);
    const left = events.filter((e) => e.type === "elementLeft").map((e) => e.element_id);
    expect(left).toContain("setahun");
    expect(left).not.toContain("skProvinsi");
    await c.saveHistory("event-gateway-timer");
  });

  it("the decree message wins the event-based gateway; a wrong correlation key does not match", async () => {
    const plan = new PlanBuilder("adopsi2")
      .start("mulai")
      .gateway("tunggu", "eventBasedGateway")
      .catchEvent(
        "skProvinsi",
        { kind: "message", messageName: "provincialDecree", correlationKey: "caseNumber" },
        // the decree may set only its number
        { io: { inputs: [], outputs: [{ source: "nomorSk", target: "nomorSk" }] } },
      )
      .catchEvent("setahun", timer("P12M"))
      .end("diterima")
      .end("kedaluwarsa")
      .chain("mulai", "tunggu", "skProvinsi", "diterima")
      .chain("tunggu", "setahun", "kedaluwarsa")
      .build();
    const c = await start(plan, { variables: { caseNumber: "BKS-MSG" } });
    await c.until((s) => s.activeElements.includes("skProvinsi") || s.activeElements.includes("tunggu"), "gateway");
    // a message nobody waits for is kept (buffered) for its time-to-live, not correlated
    expect(await c.message("provincialDecree", "OTHER")).toMatchObject({ correlated: false, buffered: true });
    // a decree that also tries to set the case's applicant is refused by the update's validator
    await expect(
      c.message("provincialDecree", "BKS-MSG", { nomorSk: "463/2027", applicant: { name: "Palsu" } }),
    ).rejects.toMatchObject({ cause: { type: "data-not-allowed", details: [{ fields: ["applicant"] }] } });
    expect(await c.message("provincialDecree", "BKS-MSG", { nomorSk: "463/2027" })).toEqual({
      correlated: true,
      buffered: false,
    });
    const result = await c.result();
    expect(result.variables).toMatchObject({ nomorSk: "463/2027" });
    const left = (await listCaseEvents(db, c.caseId)).filter((e) => e.type === "elementLeft").map((e) => e.element_id);
    expect(left).toContain("skProvinsi");
    await c.saveHistory("event-gateway-message");
  });
});

describe("service tasks", () => {
  it("notify and document connectors run; a BPMN error is caught by an error boundary", async () => {
    // given a notify task, a document task, and an http task to a host outside the allow-list
    const plan = new PlanBuilder("layanan")
      .start("mulai")
      .serviceTask("beritahu", "notify", {
        connector: { type: "notify", retries: 3, headers: { roles: "front-office", title: "Kasus {{caseNumber}}" } },
      })
      .serviceTask("cetak", "document", {
        connector: { type: "document", retries: 3, headers: { template: "surat-rekomendasi" } },
      })
      .serviceTask("kirim", "http", {
        connector: { type: "http", retries: 2, headers: { url: "https://siks.example.go.id/api" } },
      })
      .boundary("gagal", "kirim", { kind: "error", errorCode: "http-host-not-allowed" })
      .userTask("kirimManual", { task: { roles: ["back-office"], documents: [], escalateTo: [] } })
      .end("selesai")
      .end("selesaiManual")
      .chain("mulai", "beritahu", "cetak", "kirim", "selesai")
      .chain("gagal", "kirimManual", "selesaiManual")
      .build();
    const c = await start(plan, { variables: { caseNumber: "BKS-SVC", applicant: { name: "Siti" } } });

    // then the error path opens the manual task
    await c.task("kirimManual");
    const state = await c.state();
    expect(state.variables).toMatchObject({
      notificationId: expect.any(String),
      document: { sha256: expect.any(String) },
    });
    const notes = await listNotifications(db, { district: "3216", caseId: c.caseId });
    // the notify task's notice (the user task it leads to adds its own task-assigned one)
    expect(notes.filter((n) => n.kind === "notice").map((n) => n.title)).toEqual(["Kasus BKS-SVC"]);
    expect(await eventsOf(c.caseId, "documentGenerated")).toHaveLength(1);
    expect((await eventsOf(c.caseId, "errorThrown"))[0]?.data).toMatchObject({ code: "http-host-not-allowed" });
    await c.complete("kirimManual", ["back-office"]);
    expect(await c.result()).toMatchObject({ status: "completed" });
    await c.saveHistory("service-tasks");
  });
});

describe("scopes", () => {
  it("an interrupting boundary timer cancels the open task: it leaves the inbox as cancelled", async () => {
    const plan = new PlanBuilder("batas")
      .start("mulai")
      .userTask("lengkapi", { task: { roles: ["front-office"], documents: [], escalateTo: [] } })
      .boundary("habis", "lengkapi", timer("P14D"))
      .end("selesai")
      .end("ditutup")
      .chain("mulai", "lengkapi", "selesai")
      .chain("habis", "ditutup")
      .build();
    const c = await start(plan);
    const task = await c.task("lengkapi");
    await c.result();
    expect((await getTask(db, task.taskId))?.status).toBe("cancelled");
    const left = (await listCaseEvents(db, c.caseId)).map((e) => `${e.type}:${e.element_id}`);
    expect(left).toContain("elementLeft:ditutup");
    await c.saveHistory("boundary-timer");
  });

  it("a suspended case holds its boundary timer until it resumes; its task cannot be completed meanwhile", async () => {
    const plan = new PlanBuilder("tangguh")
      .start("mulai")
      .userTask("lengkapi", { task: { roles: ["front-office"], documents: [], escalateTo: [] } })
      .boundary("habis", "lengkapi", timer("P14D"))
      .end("selesai")
      .end("ditutup")
      .chain("mulai", "lengkapi", "selesai")
      .chain("habis", "ditutup")
      .build();
    const c = await start(plan);
    const task = await c.task("lengkapi");
    const actor = { userId: "kabid-1", displayName: "Kabid" };
    await c.handle.executeUpdate(suspendUpdate, { args: [{ actor, reason: "Pengaduan sedang diperiksa" }] });
    expect((await rejection(c.completeTask(task.taskId, ["front-office"]))).type).toBe("case-suspended");
    expect(
      (await rejection(c.handle.executeUpdate(suspendUpdate, { args: [{ actor, reason: "sekali lagi" }] }))).type,
    ).toBe("case-already-suspended");

    // the 14-day timer comes due while suspended: held, the task stays open
    await env.sleep("15 days");
    const held = await c.state();
    expect(held.openTasks.map((t) => t.elementId)).toEqual(["lengkapi"]);
    expect((await getTask(db, task.taskId))?.status).toBe("open");

    // resumed: the held timer fires now and closes the case through its boundary
    await c.handle.executeUpdate(resumeUpdate, { args: [{ actor, reason: "Pemeriksaan selesai" }] });
    await c.result();
    expect((await getTask(db, task.taskId))?.status).toBe("cancelled");
    const events = (await listCaseEvents(db, c.caseId)).map((e) => `${e.type}:${e.element_id ?? ""}`);
    expect(events.indexOf("caseResumed:")).toBeLessThan(events.indexOf("timerFired:habis"));
    expect(events).toContain("elementLeft:ditutup");
    await c.saveHistory("suspended-timer");
  });

  it("parallel multi-instance user tasks, one per reviewer", async () => {
    const plan = new PlanBuilder("mi")
      .start("mulai")
      .userTask("nilai", {
        task: { roles: ["pekerja-sosial"], documents: [], escalateTo: [] },
        multiInstance: { isSequential: false, inputCollection: "reviewers", inputElement: "reviewer" },
      })
      .end("selesai")
      .chain("mulai", "nilai", "selesai")
      .build();
    const c = await start(plan, { variables: { reviewers: ["a", "b", "c"] } });
    const s = await c.until((v) => v.openTasks.length === 3, "three tasks");
    for (const t of s.openTasks) await c.completeTask(t.taskId, ["pekerja-sosial"], {});
    expect(await c.result()).toMatchObject({ status: "completed" });
    const rows = await db.selectFrom("tasks").select("status").where("case_id", "=", c.caseId).execute();
    expect(rows.map((r) => r.status)).toEqual(["completed", "completed", "completed"]);
    await c.saveHistory("multi-instance");
  });

  it("a call activity runs the called plan as a child case whose tasks belong to the parent case", async () => {
    const child = new PlanBuilder("kunjungan")
      .start("m")
      .userTask("laporan", { task: { roles: ["sakti-peksos"], formId: "f-laporan", documents: [], escalateTo: [] } })
      .end("s")
      .chain("m", "laporan", "s")
      .build({ forms: { "f-laporan": { components: [{ type: "checkbox", key: "layak", label: "Layak" }] } } });
    const parent = new PlanBuilder("induk")
      .start("mulai")
      .node({
        type: "callActivity",
        id: "panggil",
        calledProcess: { kind: "literal", value: "kunjungan" },
        propagateAllChildVariables: true,
      })
      .end("selesai")
      .chain("mulai", "panggil", "selesai")
      .build();
    const c = await start(parent, { calledPlans: { kunjungan: { plan: child, planHash: "child" } } });
    // the child's task is in the parent's case
    const deadline = Date.now() + 20_000;
    let row: { id: string; element_instance_id: string } | undefined;
    while (!row && Date.now() < deadline) {
      row = await db
        .selectFrom("tasks")
        .select(["id", "element_instance_id"])
        .where("case_id", "=", c.caseId)
        .where("element_id", "=", "laporan")
        .executeTakeFirst();
      if (!row) await new Promise((r) => setTimeout(r, 50));
    }
    expect(row?.element_instance_id).toMatch(/\//);
    const childHandle = env.client.workflow.getHandle(
      `${c.handle.workflowId}/${row!.element_instance_id.split("/")[0]}`,
    );
    await childHandle.executeUpdate("completeTask", {
      args: [
        { taskId: row!.id, actor: { userId: "p", roles: ["sakti-peksos"], district: "3216" }, data: { layak: true } },
      ],
    });
    const result = await c.result();
    expect(result).toMatchObject({ status: "completed", variables: { layak: true } });
    await c.saveHistory("call-activity");
  });
});

describe("called cases that continue as new", () => {
  it("a called case that continued as new while holding an incident still clears it on its parent once retried", async () => {
    // given a called process stopped on a decision the applicant's data does not satisfy
    const child = new PlanBuilder("kelayakan")
      .start("m")
      .gateway("layak", "exclusiveGateway")
      .userTask("laporan", { task: { roles: ["sakti-peksos"], documents: [], escalateTo: [] } })
      .chain("m", "layak")
      .flow("layak", "laporan", 'status = "layak"')
      .build();
    const parent = new PlanBuilder("induk-can")
      .start("mulai")
      .node({
        type: "callActivity",
        id: "panggil",
        calledProcess: { kind: "literal", value: "kelayakan" },
        propagateAllChildVariables: false,
      })
      .end("selesai")
      .chain("mulai", "panggil", "selesai")
      .build();
    // a history limit this low makes the called case continue as new at its first quiet point
    const c = await start(parent, {
      historyLimit: 8,
      variables: { status: "?" },
      calledPlans: { kelayakan: { plan: child, planHash: "child" } },
    });
    const stopped = await c.until((s) => s.incidents.length === 1, "the called case's incident on the parent");
    const [childId, incidentId] = stopped.incidents[0]!.id.split(".") as [string, string];
    const childHandle = env.client.workflow.getHandle(`${c.handle.workflowId}/${childId}`);
    // (the run now going on was continued from an earlier one)
    const continued = async () =>
      (await childHandle.fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    const deadline = Date.now() + 20_000;
    while (!(await continued())) {
      if (Date.now() > deadline) throw new Error("the called case did not continue as new");
      await new Promise((r) => setTimeout(r, 50));
    }

    // when the admin fixes the data and retries in the called case's new run
    await childHandle.executeUpdate("retryIncident", {
      args: [
        {
          incidentId,
          variables: { status: "layak" },
          actor: { userId: "admin", roles: ["district-admin"], district: "3216" },
        },
      ],
    });

    // then the parent no longer shows the incident while the called case goes on to its task
    const resumed = await c.until((s) => s.incidents.length === 0, "the incident gone from the parent");
    expect(resumed.status).toBe("active");
  });
});

describe("signals and cancellation", () => {
  it("a signal thrown by one case reaches the district's other waiting cases", async () => {
    const waiting = new PlanBuilder("tunggu-sinyal")
      .start("mulai")
      .catchEvent("bencana", { kind: "signal", signalName: "statusTanggapDarurat" })
      .end("selesai")
      .chain("mulai", "bencana", "selesai")
      .build();
    const thrower = new PlanBuilder("umumkan")
      .start("mulai")
      .throwEvent("umumkan", { kind: "signal", signalName: "statusTanggapDarurat" })
      .end("selesai")
      .chain("mulai", "umumkan", "selesai")
      .build();
    const a = await start(waiting, { district: "6207" });
    const b = await start(waiting, { district: "6207" });
    await a.until((s) => s.activeElements.includes("bencana"), "a waiting");
    await b.until((s) => s.activeElements.includes("bencana"), "b waiting");
    const t = await start(thrower, { district: "6207" });
    expect(await t.result()).toMatchObject({ status: "completed" });
    expect(await a.result()).toMatchObject({ status: "completed" });
    expect(await b.result()).toMatchObject({ status: "completed" });
    await a.saveHistory("signal-catch");
  });

  it("a message end event of one case is delivered to the district's case waiting for it", async () => {
    const waiting = new PlanBuilder("tunggu-pesan")
      .start("mulai")
      .catchEvent("skDiterima", { kind: "message", messageName: "skDiterima", correlationKey: "caseNumber" })
      .end("selesai")
      .chain("mulai", "skDiterima", "selesai")
      .build();
    const sender = new PlanBuilder("kirim-pesan")
      .start("mulai")
      .end("kirim", { kind: "message", messageName: "skDiterima", correlationKey: "target" })
      .chain("mulai", "kirim")
      .build();
    const a = await start(waiting, { district: "3211", variables: { caseNumber: "SMD-7" } });
    await a.until((s) => s.activeElements.includes("skDiterima"), "a waiting");
    const b = await start(sender, { district: "3211", variables: { target: "SMD-7" } });
    expect(await b.result()).toMatchObject({ status: "completed" });
    expect(await a.result()).toMatchObject({ status: "completed" });
  });

  it("cancelling the workflow cancels open tasks and marks the case cancelled", async () => {
    const plan = new PlanBuilder("batal")
      .start("mulai")
      .userTask("periksa", { task: { roles: ["back-office"], documents: [], escalateTo: [] } })
      .end("selesai")
      .chain("mulai", "periksa", "selesai")
      .build();
    const c = await start(plan);
    const task = await c.task("periksa");
    await c.handle.cancel();
    expect(await c.result()).toMatchObject({ status: "cancelled" });
    expect((await getTask(db, task.taskId))?.status).toBe("cancelled");
    const row = await db.selectFrom("cases").select("status").where("id", "=", c.caseId).executeTakeFirstOrThrow();
    expect(row.status).toBe("cancelled");
    await c.saveHistory("cancellation");
  });
});

describe("long life", () => {
  it("continues as new past the history limit, keeping state, open tasks and running timers", async () => {
    // given a loop of tasks beside a 30-day timer, and a tiny history limit
    const plan = new PlanBuilder("panjang")
      .start("mulai")
      .gateway("bagi", "parallelGateway")
      .userTask("ulang", { task: { roles: ["back-office"], formId: "f-ulang", documents: [], escalateTo: [] } })
      .gateway("cek", "exclusiveGateway", { defaultFlow: "cek->ulang" })
      .catchEvent("sebulan", timer("P30D"))
      .userTask("tindakLanjut", { task: { roles: ["kepala-bidang"], documents: [], escalateTo: [] } })
      .gateway("gabung", "parallelGateway")
      .end("selesai")
      .chain("mulai", "bagi", "ulang", "cek")
      .flow("cek", "gabung", "putaran >= 12")
      .flow("cek", "ulang")
      .chain("bagi", "sebulan", "tindakLanjut", "gabung", "selesai")
      // a completion sets only its form's fields: the round is one of them
      .build({ forms: { "f-ulang": { components: [{ type: "number", key: "putaran", label: "Putaran" }] } } });
    const c = await start(plan, { historyLimit: 60, variables: { putaran: 0 } });
    const firstRun = (await c.handle.describe()).runId;

    // when the loop runs twelve rounds
    for (let i = 1; i <= 12; i++) await c.complete("ulang", ["back-office"], { putaran: i });

    // then the case has continued as new at least once and still holds its variables
    const s = await c.state();
    expect((await c.handle.describe()).runId).not.toBe(firstRun);
    expect(s.variables).toMatchObject({ putaran: 12 });
    // and the timer started in the first run still fires: the follow-up task opens after 30 days
    await env.sleep("31 days");
    await c.complete("tindakLanjut", ["kepala-bidang"]);
    expect(await c.result()).toMatchObject({ status: "completed" });
    const rows = await db.selectFrom("tasks").select(["status"]).where("case_id", "=", c.caseId).execute();
    expect(rows).toHaveLength(13);
    expect(rows.every((r) => r.status === "completed")).toBe(true);
    await c.saveHistory("continue-as-new");
  });
});
