/**
 * One scenario file on the real runtime: the bpmnProcess workflow on the Temporal time-skipping
 * server (see @alur/runtime/testing startTimeSkippingRuntime), with the real activities and
 * connectors writing to its in-memory store. The tasks open for the stated roles, completions go
 * through the validating `completeTask` update, messages through `deliverMessage`, boundary timers
 * fire by skipping time, and the products are the PDFs the document connector generated. Used by
 * the catalogue's scenario tests and by the e2e journey that republishes every model through the
 * designer, so both run a plan the same way.
 *
 * Due dates are read from what the runtime stored (the tasks and cases rows, and the case events
 * for when a task opened, the case started and the clock paused) and compared with what the
 * district calendar gives, computed here: every task against the model's SLA from when it opened,
 * the case against the standard's completion time from its start moved by the clock pauses, and
 * the scenario's hand-counted instants (`expectDueAt`, `caseDueAt`).
 *
 * Pinned clock. The time-skipping server starts at the current time and only moves forward, so a
 * scenario cannot run at its own `startAt` (2024, 2026). Each run is moved forward by whole weeks
 * (to a calendar-identical year when a hand-counted date is months away) and starts exactly at
 * `startAt` moved by that shift; its case gets the district calendar with every holiday moved by
 * the same shift. Working-time maths is the same under such a move (weekdays, office hours and
 * fixed UTC offsets are unchanged), so stored instants moved back are compared with the dates the
 * scenario states. Real time still passes between steps (the server only skips time when asked),
 * so a hand-counted instant may be later by at most that unskipped time. The SLA and completion
 * time checks are exact: computed on the case's own (moved) calendar from the stored instants.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { Db } from "@alur/runtime/store";
import type { TimeSkippingRuntime } from "@alur/runtime/testing";
import { formatLocal } from "@alur/shared/calendar";
import { calendarFor } from "@alur/shared/calendar/districts";
import type { ExecutionPlan } from "@alur/shared/plan";
import type { CaseStateView } from "@alur/shared/schemas";
import type { WorkflowHandle } from "@temporalio/client";
import { expect } from "vitest";
import { clockShift, expectedCaseDue, expectedDue, isoMillis, shiftCalendar } from "./due-dates";
import type { ScenarioFile } from "./scenario-files";

/** The case and process-version rows the workflow's store writes refer to. */
async function insertCase(db: Db, plan: ExecutionPlan, district: string): Promise<string> {
  const caseId = randomUUID();
  // one published version per process and district, shared by that model's scenarios
  const versionId = `pv-${plan.processId}-${district}`;
  await db
    .insertInto("process_versions")
    .values({
      id: versionId,
      process_id: plan.processId,
      district,
      version: 1,
      name: plan.name ?? plan.processId,
      status: "published",
      bpmn_xml: "<definitions/>",
      plan: JSON.stringify(plan),
      plan_hash: "scenario",
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto("cases")
    .values({
      id: caseId,
      case_number: `S-${caseId.slice(0, 8)}`,
      district,
      process_version_id: versionId,
      process_id: plan.processId,
      workflow_id: `case-${caseId}`,
      status: "active",
      applicant: JSON.stringify({}),
    })
    .execute();
  return caseId;
}

async function until(
  handle: WorkflowHandle,
  predicate: (s: CaseStateView) => boolean,
  what: string,
): Promise<CaseStateView> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const s = (await handle.query("caseState")) as CaseStateView;
    if (predicate(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s.openTasks)}`);
    await delay(25);
  }
}

/** Waits, in real time and without skipping the server's time, until the workflow has closed. */
async function closed(handle: WorkflowHandle): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { status } = await handle.describe();
    if (status.name !== "RUNNING") return;
    if (Date.now() > deadline) throw new Error(`case ${handle.workflowId} still running`);
    await delay(25);
  }
}

/** The open task row of an element, once the activity has written it. */
async function storedTask(db: Db, caseId: string, elementId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const row = await db
      .selectFrom("tasks")
      .selectAll()
      .where("case_id", "=", caseId)
      .where("element_id", "=", elementId)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (row) return row;
    if (Date.now() > deadline) throw new Error(`no open task row for ${elementId}`);
    await delay(25);
  }
}

const ms = (t: Date | string): number => new Date(t).getTime();
const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

/** Case events of one type, oldest first, with their workflow-time instants. */
async function caseEvents(db: Db, caseId: string, type: string) {
  const rows = await db
    .selectFrom("case_events")
    .select(["element_id", "data", "at"])
    .where("case_id", "=", caseId)
    .where("type", "=", type)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ elementId: r.element_id, data: r.data as Record<string, unknown>, at: ms(r.at) }));
}

/**
 * When a task row's element instance was entered (workflow time), from the case events. The events
 * are written by their own activity, which may land after the task row under load: wait for it.
 */
async function openedAt(db: Db, caseId: string, elementInstanceId: string): Promise<number> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const entered = await caseEvents(db, caseId, "elementEntered");
    const hit = entered.find((e) => e.data.elementInstanceId === elementInstanceId);
    if (hit) return hit.at;
    if (Date.now() > deadline) throw new Error(`no elementEntered event for ${elementInstanceId}`);
    await delay(25);
  }
}

/**
 * Runs `scenario` on `plan` to its expected end and asserts its products and due dates (vitest
 * expectations; a failure names the step).
 */
export async function runScenario(
  runtime: TimeSkippingRuntime,
  plan: ExecutionPlan,
  scenario: ScenarioFile,
): Promise<void> {
  const { env, plain, db } = runtime;
  const district = scenario.district ?? "00";
  const startAt = Date.parse(scenario.startAt);
  const startYear = new Date(startAt).getUTCFullYear();
  const calendar = calendarFor(district, [2024, 2025, 2026, startYear, startYear + 1]);
  // Month arithmetic is not the same a whole number of weeks later (month lengths differ), so a
  // scenario stating a month-long due date by hand moves to a calendar-identical year instead.
  const stated = [
    ...scenario.steps.flatMap((s) => ("complete" in s && s.expectDueAt ? [{ at: s.expectDueAt, due: s.due }] : [])),
    ...(scenario.expect.caseDueAt ? [{ at: scenario.expect.caseDueAt, due: scenario.expect.caseDue }] : []),
  ];
  const keepDates = stated.some((x) => x.due && "months" in x.due);
  const windowDays = Math.ceil(Math.max(0, ...stated.map((x) => Date.parse(x.at) - startAt)) / 86_400_000) + 1;
  // a minute ahead of the server's clock, which keeps running while this is worked out: the
  // sleep to the pinned start must go forward
  const shift = clockShift(
    startAt,
    (await env.currentTimeMs()) + 60_000,
    calendar.utcOffsetMinutes,
    keepDates,
    windowDays,
  );
  const moved = shiftCalendar(calendar, shift);
  const wait = startAt + shift - (await env.currentTimeMs());
  expect(wait, "time to the pinned start").toBeGreaterThan(0);
  await env.sleep(wait);
  let skipped = 0;
  /** Scenario time that has passed for real, not skipped: how much later a hand-counted instant may be. */
  const drift = async () => Math.max(0, (await env.currentTimeMs()) - (startAt + shift) - skipped);
  /** A stored instant (moved back to the scenario's time) against the instant the scenario states. */
  const within = async (stored: number | null, expected: string, where: string) => {
    const actual = stored === null ? null : stored - shift;
    const late = actual === null ? Number.NaN : actual - Date.parse(expected);
    const slack = await drift();
    const shown = actual === null ? "none" : formatLocal(actual, calendar.utcOffsetMinutes);
    expect(late >= 0 && late <= slack, `${where}: due ${shown}, expected ${expected} (+${slack} ms)`).toBe(true);
  };

  const caseId = await insertCase(db, plan, district);
  const handle = await env.client.workflow.start("bpmnProcess", {
    workflowId: `case-${caseId}`,
    taskQueue: runtime.taskQueue,
    args: [
      {
        caseId,
        district,
        plan,
        planHash: "scenario",
        variables: scenario.variables,
        calendar: moved,
      },
    ],
  });

  // when each step is applied through the workflow's update, message and timer paths
  for (const [index, s] of scenario.steps.entries()) {
    const where = `step ${index + 1} (${JSON.stringify(s).slice(0, 60)})`;
    if ("complete" in s) {
      const state = await until(handle, (v) => v.openTasks.some((t) => t.elementId === s.complete), s.complete);
      const { taskId } = state.openTasks.find((t) => t.elementId === s.complete)!;
      // then the task is in the store (written by the createTask activity) for the right role,
      // due when the scenario says, counted from when it opened
      const row = await storedTask(db, caseId, s.complete);
      expect(row.roles).toContain(s.role);
      const due = row.due_at === null ? null : ms(row.due_at);
      if (s.due !== undefined) {
        const opened = await openedAt(db, caseId, row.element_instance_id);
        expect(iso(due), `${where}: opened ${iso(opened)}`).toBe(iso(expectedDue(moved, opened, s.due)));
      }
      if (s.expectDueAt) await within(due, s.expectDueAt, where);
      await handle.executeUpdate("completeTask", {
        args: [{ taskId, actor: { userId: `petugas-${s.role}`, roles: [s.role], district }, data: s.data }],
      });
    } else if ("message" in s) {
      const result = (await handle.executeUpdate("deliverMessage", {
        args: [{ name: s.message, payload: s.payload }],
      })) as { correlated: boolean };
      expect(result.correlated).toBe(true);
    } else if ("wait" in s) {
      await env.sleep(isoMillis(s.wait));
      skipped += isoMillis(s.wait);
    } else {
      const node = plan.nodes[s.timer];
      const timer =
        node?.type === "boundaryEvent" && node.eventDefinition.kind === "timer" ? node.eventDefinition.timer : null;
      const value = timer && "value" in timer && timer.value.kind === "literal" ? timer.value.value : null;
      expect(value, `timer ${s.timer}`).toBeTruthy();
      // the timer fires within its period; the extra second is not counted as skipped
      await env.sleep(isoMillis(value!) + 1_000);
      skipped += isoMillis(value!);
    }
  }

  // then the case completes at the expected end and the documents were generated
  // The time-skipping client's result() unlocks time skipping and the server then jumps ten
  // years ahead even for a closed workflow; wait for the close in real time and read the result
  // through a plain client, so the clock stays where the run left it.
  await closed(handle);
  const result = (await plain.workflow.getHandle(handle.workflowId).result()) as { status: string };
  expect(result.status).toBe("completed");
  const generated = await caseEvents(db, caseId, "documentGenerated");
  const files = generated.map((g) => String(g.data.fileName ?? "").replace(/\.pdf$/, ""));
  expect(files).toEqual(scenario.expect.documents);

  // and every task the case opened is due by the model's SLA from when it opened
  const rows = await db.selectFrom("tasks").selectAll().where("case_id", "=", caseId).execute();
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const node = plan.nodes[row.element_id];
    const sla = node?.type === "userTask" ? node.task.sla : undefined;
    const opened = await openedAt(db, caseId, row.element_instance_id);
    const due = row.due_at === null ? null : ms(row.due_at);
    const expected = sla ? expectedDue(moved, opened, { [sla.unit]: sla.value }) : null;
    expect(iso(due), `task ${row.element_id} opened ${iso(opened)}`).toBe(iso(expected));
  }

  // and the case is due at the completion time from its start, moved by the clock's pauses
  const caseRow = await db.selectFrom("cases").select(["due_at"]).where("id", "=", caseId).executeTakeFirstOrThrow();
  const caseDue = caseRow.due_at === null ? null : ms(caseRow.due_at);
  const [started] = await caseEvents(db, caseId, "caseStarted");
  const paused = await caseEvents(db, caseId, "clockPaused");
  const resumed = await caseEvents(db, caseId, "clockResumed");
  expect(resumed.length, "every pause ended").toBe(paused.length);
  const pauses = paused.map((p, i) => ({ from: p.at, to: resumed[i]!.at }));
  if (scenario.expect.caseDue !== undefined)
    expect(iso(caseDue), `case started ${iso(started!.at)}`).toBe(
      iso(expectedCaseDue(moved, started!.at, scenario.expect.caseDue, pauses)),
    );
  if (scenario.expect.caseDueAt) await within(caseDue, scenario.expect.caseDueAt, "case");
}
