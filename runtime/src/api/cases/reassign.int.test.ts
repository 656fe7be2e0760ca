/**
 * A supervisor reassigning an open task of a case, on the real servers (PostgreSQL, the Temporal
 * dev server, a worker running bpmnProcess): who may, whom to, what the inboxes then show, the
 * audit entry, timeline event and notification written with it, a completion racing it, and the
 * case page naming assignees and the completers of steps with their form data.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { CaseView, EligibleUsers, InboxPage, TaskDetail } from "@alur/shared/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../store/db";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, startApiHarness, waitForCase } from "../../testing/api-harness";

const TAG = `${process.pid}${Date.now().toString(36)}`;
const PROCESS_ID = `layanan-alih-${TAG}`;
const PAUSING_ID = `layanan-jeda-${TAG}`;
const CAST = [
  { key: "admin", district: "3216", role: "district-admin" },
  { key: "kabid", district: "3216", role: "kepala-bidang" },
  { key: "front-office", district: "3216", role: "front-office" },
  { key: "bo1", district: "3216", role: "back-office" },
  { key: "bo2", district: "3216", role: "back-office" },
  { key: "smd-bo", district: "3211", role: "back-office" },
  { key: "smd-kabid", district: "3211", role: "kepala-bidang" },
] as const;

let harness: ApiHarness;
let db: Db;
let app: TestApp;
let as: Record<string, Session>;

beforeAll(async () => {
  harness = await startApiHarness({ taskQueue: "api-reassign", usernamePrefix: `ra${TAG}`, cast: CAST });
  ({ db, app, as } = harness);
  // names people recognise: the case page must show them, not account ids
  await db.updateTable("users").set({ display_name: "Sari Wulandari" }).where("id", "=", as.bo2!.userId).execute();
  await db.updateTable("users").set({ display_name: "Andi Pratama" }).where("id", "=", as.bo1!.userId).execute();
  const bpmnXml = readFileSync(path.join(import.meta.dirname, "fixtures", "layanan-alih.bpmn"), "utf8").replaceAll(
    '"layanan-alih"',
    `"${PROCESS_ID}"`,
  );
  const forms = {
    "periksa-berkas": {
      components: [
        { type: "textfield", key: "catatanPemeriksaan", label: "Catatan pemeriksaan" },
        { type: "checkbox", key: "berkasLengkap", label: "Berkas lengkap" },
      ],
    },
  };
  const res = await call(app, as.admin!, "POST", "/processes", { bpmnXml, district: "3216", publish: true, forms });
  if (res.status !== 201) throw new Error(`deploy: ${res.status} ${await res.text()}`);
  const pausing = readFileSync(path.join(import.meta.dirname, "fixtures", "layanan-jeda.bpmn"), "utf8").replaceAll(
    '"layanan-jeda"',
    `"${PAUSING_ID}"`,
  );
  const res2 = await call(app, as.admin!, "POST", "/processes", { bpmnXml: pausing, district: "3216", publish: true });
  if (res2.status !== 201) throw new Error(`deploy: ${res2.status} ${await res2.text()}`);
});

afterAll(async () => {
  await harness?.stop();
});

async function startCase(processId = PROCESS_ID): Promise<string> {
  const res = await call(app, as["front-office"]!, "POST", "/cases", {
    processId,
    district: "3216",
    applicant: { name: "Siti Aminah (uji pengalihan)" },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const viewOf = (caseId: string, predicate: (c: CaseView) => boolean, what: string) =>
  waitForCase(app, as.kabid!, caseId, predicate, what);

async function mine(who: string, caseId: string): Promise<string[]> {
  const res = await call(app, as[who]!, "GET", "/tasks?scope=mine&limit=200");
  expect(res.status).toBe(200);
  return ((await res.json()) as InboxPage).items.filter((t) => t.caseId === caseId).map((t) => t.id);
}

async function taskOf(caseId: string, elementId: string) {
  const view = await viewOf(caseId, (c) => c.currentSteps.some((s) => s.elementId === elementId), elementId);
  return view.currentSteps.find((s) => s.elementId === elementId)!;
}

async function claim(who: string, taskId: string): Promise<TaskDetail> {
  const task = (await (await call(app, as[who]!, "GET", `/tasks/${taskId}`)).json()) as TaskDetail;
  const res = await call(app, as[who]!, "POST", `/tasks/${taskId}/claim`, { revision: task.revision });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as TaskDetail;
}

const reassign = (who: string, caseId: string, taskId: string, body: Record<string, unknown>) =>
  call(app, as[who]!, "POST", `/cases/${caseId}/tasks/${taskId}/reassign`, body);

async function reassignAudits(taskId: string) {
  return db
    .selectFrom("audit_log")
    .selectAll()
    .where("action", "=", "task.reassign")
    .where("resource_id", "=", taskId)
    .orderBy("id")
    .execute();
}

describe("reassigning a task", () => {
  it("by the head of division: the new assignee has it, the old one no longer; audited, on the timeline, notified", async () => {
    // given a case whose first step Andi (back office) has claimed
    const caseId = await startCase();
    const step = await taskOf(caseId, "periksaBerkas");
    const claimed = await claim("bo1", step.taskId);
    expect(await mine("bo1", caseId)).toEqual([step.taskId]);

    // whom it can go to: back-office staff of Bekasi, Andi marked as the current holder
    const eligible = await call(app, as.kabid!, "GET", `/cases/${caseId}/tasks/${step.taskId}/eligible-users`);
    expect(eligible.status).toBe(200);
    const items = ((await eligible.json()) as EligibleUsers).items;
    expect(items.map((u) => [u.id, u.current])).toEqual(
      expect.arrayContaining([
        [as.bo1!.userId, true],
        [as.bo2!.userId, false],
      ]),
    );
    const ids = items.map((u) => u.id);
    for (const other of ["front-office", "smd-bo", "kabid"]) expect(ids).not.toContain(as[other]!.userId);

    // when staff without the right, or another district's head, try: 403, audited as denied
    for (const who of ["front-office", "bo1", "smd-kabid"]) {
      const denied = await reassign(who, caseId, step.taskId, { userId: as.bo2!.userId, reason: "coba alihkan" });
      expect(denied.status).toBe(403);
    }
    expect((await call(app, as.bo1!, "GET", `/cases/${caseId}/tasks/${step.taskId}/eligible-users`)).status).toBe(403);
    const denials = await db
      .selectFrom("audit_log")
      .select("actor_id")
      .where("action", "=", "task.reassign")
      .where("outcome", "=", "denied")
      .where("resource_id", "=", step.taskId)
      .execute();
    expect(denials.map((d) => d.actor_id).sort()).toEqual(
      [as["front-office"]!.userId, as.bo1!.userId, as["smd-kabid"]!.userId].sort(),
    );

    // a reason is required
    expect((await reassign("kabid", caseId, step.taskId, { userId: as.bo2!.userId })).status).toBe(400);
    expect((await reassign("kabid", caseId, step.taskId, { userId: as.bo2!.userId, reason: "  " })).status).toBe(400);

    // an ineligible target (no role for the task, another district, the holder, nobody): 422, nothing changes
    for (const target of [as["front-office"]!.userId, as["smd-bo"]!.userId, as.bo1!.userId, "no-such-user"]) {
      const refused = await reassign("kabid", caseId, step.taskId, { userId: target, reason: "petugas cuti" });
      expect(refused.status).toBe(422);
      const problem = (await refused.json()) as { code: string; message: { id: string; en: string } };
      expect(problem.code).toBe("reassign-invalid");
      expect(problem.message.id).toMatch(/tidak dapat dialihkan/);
      expect(problem.message.en).toMatch(/cannot be reassigned/);
    }
    const unchanged = await db.selectFrom("tasks").selectAll().where("id", "=", step.taskId).executeTakeFirstOrThrow();
    expect([unchanged.assignee, unchanged.revision]).toEqual([as.bo1!.userId, claimed.revision]);
    expect((await reassignAudits(step.taskId)).filter((a) => a.outcome === "ok")).toEqual([]);

    // when the head of division hands it to Sari with a reason
    const res = await reassign("kabid", caseId, step.taskId, {
      userId: as.bo2!.userId,
      reason: "Andi sedang dinas luar",
      revision: claimed.revision,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({
      taskId: step.taskId,
      assignee: { id: as.bo2!.userId, displayName: "Sari Wulandari" },
      revision: claimed.revision + 1,
    });

    // then Sari sees it in her inbox and Andi no longer
    expect(await mine("bo2", caseId)).toEqual([step.taskId]);
    expect(await mine("bo1", caseId)).toEqual([]);
    // the audit log keeps who, why, the old and the new assignee
    const [entry] = (await reassignAudits(step.taskId)).filter((a) => a.outcome === "ok");
    expect(entry).toMatchObject({
      actor_id: as.kabid!.userId,
      district: "3216",
      before: { assignee: as.bo1!.userId },
      after: { assignee: as.bo2!.userId },
      details: { reason: "Andi sedang dinas luar" },
    });
    // the timeline names them
    const timeline = (await (await call(app, as.kabid!, "GET", `/cases/${caseId}/timeline`)).json()) as {
      items: { type: string; actor: string | null; data: Record<string, unknown> }[];
    };
    expect(timeline.items.filter((e) => e.type === "task.reassigned")).toEqual([
      expect.objectContaining({
        actor: as.kabid!.userId,
        data: expect.objectContaining({
          taskId: step.taskId,
          from: as.bo1!.userId,
          fromName: "Andi Pratama",
          to: as.bo2!.userId,
          toName: "Sari Wulandari",
          reason: "Andi sedang dinas luar",
        }),
      }),
    ]);
    // Sari is told
    const bell = (await (await call(app, as.bo2!, "GET", "/notifications")).json()) as {
      items: { title: string; caseId: string | null }[];
    };
    expect(bell.items.filter((n) => n.caseId === caseId).map((n) => n.title)).toContain(
      "Tugas dialihkan kepada Anda: Periksa berkas",
    );
    // the case page names the assignee of the current step, with its due date
    const view = await viewOf(caseId, () => true, "the case");
    expect(view.currentSteps).toEqual([
      expect.objectContaining({
        taskId: step.taskId,
        assignee: { id: as.bo2!.userId, displayName: "Sari Wulandari" },
        dueAt: expect.any(String),
      }),
    ]);

    // a stale revision (the view before the reassignment) is a conflict
    const stale = await reassign("kabid", caseId, step.taskId, {
      userId: as.bo1!.userId,
      reason: "kembalikan ke Andi",
      revision: claimed.revision,
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { code: string }).code).toBe("reassign-conflict");

    // Andi cannot complete it any more; Sari does
    const andi = await call(app, as.bo1!, "POST", `/tasks/${step.taskId}/complete`, {
      revision: claimed.revision + 1,
      data: { catatanPemeriksaan: "x" },
    });
    expect(andi.status).toBe(409);
    const done = await call(app, as.bo2!, "POST", `/tasks/${step.taskId}/complete`, {
      revision: claimed.revision + 1,
      data: { catatanPemeriksaan: "KTP dan KK sesuai", berkasLengkap: true },
    });
    expect(done.status, await done.clone().text()).toBe(200);

    // a completed task cannot be reassigned: 409, and nothing is written
    const late = await reassign("kabid", caseId, step.taskId, {
      userId: as.bo1!.userId,
      reason: "terlambat dialihkan",
    });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { code: string }).code).toBe("task-closed");
    expect((await reassignAudits(step.taskId)).filter((a) => a.outcome === "ok")).toHaveLength(1);

    // the case page: who completed the step (name) and the form data entered, the next step free
    const next = await viewOf(caseId, (c) => c.currentSteps.some((s) => s.elementId === "verifikasi"), "step 2");
    expect(next.completedSteps).toEqual([
      expect.objectContaining({
        taskId: step.taskId,
        elementId: "periksaBerkas",
        status: "completed",
        closedBy: { id: as.bo2!.userId, displayName: "Sari Wulandari" },
        data: { catatanPemeriksaan: "KTP dan KK sesuai", berkasLengkap: true },
        form: expect.objectContaining({ components: expect.any(Array) }),
      }),
    ]);
    expect(next.currentSteps).toEqual([expect.objectContaining({ elementId: "verifikasi", assignee: null })]);
  });

  it("racing a completion: exactly one wins, the other gets 409", async () => {
    const caseId = await startCase();
    const step = await taskOf(caseId, "periksaBerkas");
    const claimed = await claim("bo1", step.taskId);
    const [completion, reassignment] = await Promise.all([
      call(app, as.bo1!, "POST", `/tasks/${step.taskId}/complete`, {
        revision: claimed.revision,
        data: { catatanPemeriksaan: "selesai duluan" },
      }),
      reassign("kabid", caseId, step.taskId, {
        userId: as.bo2!.userId,
        reason: "dialihkan bersamaan",
        revision: claimed.revision,
      }),
    ]);
    expect([completion.status, reassignment.status].sort()).toEqual([200, 409]);
    const task = await db.selectFrom("tasks").selectAll().where("id", "=", step.taskId).executeTakeFirstOrThrow();
    const audits = (await reassignAudits(step.taskId)).filter((a) => a.outcome === "ok");
    if (reassignment.status === 200) {
      // the reassignment came first: Sari holds the task, Andi's completion changed nothing
      expect([task.status, task.assignee]).toEqual(["claimed", as.bo2!.userId]);
      expect(audits).toHaveLength(1);
    } else {
      expect([task.status, task.closed_by]).toEqual(["completed", as.bo1!.userId]);
      expect(audits).toEqual([]);
    }
  });

  it("of a closed case: 409 case-not-running", async () => {
    const caseId = await startCase();
    const step = await taskOf(caseId, "periksaBerkas");
    const cancelled = await call(app, as.kabid!, "POST", `/cases/${caseId}/cancel`, { reason: "Pemohon mundur" });
    expect(cancelled.status).toBe(200);
    await viewOf(caseId, (c) => c.status === "cancelled", "the cancelled case");
    const res = await reassign("kabid", caseId, step.taskId, { userId: as.bo2!.userId, reason: "sudah dibatalkan" });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe("case-not-running");
    expect(await reassignAudits(step.taskId)).toEqual([]);
    // a task of another case under this case's path is not found
    const other = await startCase();
    expect(
      (await reassign("kabid", other, step.taskId, { userId: as.bo2!.userId, reason: "salah kasus" })).status,
    ).toBe(404);
  });

  it("the case view says while the service clock is stopped, and the due date from before a pause moved it", async () => {
    // given a case waiting on the applicant: a step that stops the service-standard clock
    const caseId = await startCase(PAUSING_ID);
    const step = await taskOf(caseId, "lengkapiBerkas");
    const waiting = await viewOf(caseId, (c) => c.clock.pausedSince !== null, "the stopped clock");
    expect(new Date(waiting.clock.pausedSince!).getTime()).toBeLessThanOrEqual(Date.now());
    expect(waiting.clock.originalDueAt).toBeNull();

    // when the applicant's documents arrive (the front office completes the step)
    const claimed = await claim("front-office", step.taskId);
    const done = await call(app, as["front-office"]!, "POST", `/tasks/${step.taskId}/complete`, {
      revision: claimed.revision,
      data: {},
    });
    expect(done.status, await done.clone().text()).toBe(200);

    // then the clock runs again; the due date moved by the working time the wait took, if any
    const running = await viewOf(caseId, (c) => c.currentSteps.some((s) => s.elementId === "verifikasi"), "step 2");
    expect(running.clock.pausedSince).toBeNull();
    const events = await db
      .selectFrom("case_events")
      .select(["type", "data"])
      .where("case_id", "=", caseId)
      .where("type", "in", ["clockPaused", "clockResumed"])
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.type)).toEqual(["clockPaused", "clockResumed"]);
    const before = (events[0]!.data as { caseDueAt: string }).caseDueAt;
    const moved = (events[1]!.data as { pausedWorkingMinutes: number }).pausedWorkingMinutes > 0;
    expect(running.dueAt).toBe(new Date((events[1]!.data as { caseDueAt: string }).caseDueAt).toISOString());
    expect(running.clock.originalDueAt).toBe(moved ? new Date(before).toISOString() : null);
  });
});
