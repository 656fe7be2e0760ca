/**
 * Drives every scenario file through the real interpreter core (`step` of @alur/runtime/engine),
 * event by event: the right tasks open for the right roles with the right due dates, the form
 * data fits the task's form, the products are produced and the case ends where expected. Jobs
 * (document and notify connectors) are completed at once, as a connector that succeeds would.
 * The same files are meant for the Temporal adapter on the time-skipping server (see README).
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type EngineCommand, type EngineEvent, type EngineState, initialState, step } from "@alur/runtime/engine";
import { calendarFor } from "@alur/shared/calendar/districts";
import { validateTaskData } from "@alur/shared/forms";
import type { ExecutionPlan } from "@alur/shared/plan";
import { beforeAll, describe, expect, it } from "vitest";
import { type CatalogueEntry, loadCatalogue, WORKFLOWS_DIR } from "../src";
import { expectedCaseDue, expectedDue, isoMillis } from "../src/testing/due-dates";
import { type ScenarioFile, scenarioFiles } from "../src/testing/scenario-files";
import { compileEntry } from "./compile-model";

type Command<T extends EngineCommand["type"]> = Extract<EngineCommand, { type: T }>;

const catalogue = new Map(loadCatalogue().map((e) => [e.file, e] as const));

/** One case on the pure engine, with connectors that succeed at once. */
class ScenarioRun {
  state: EngineState;
  readonly log: EngineCommand[] = [];
  now: string;

  readonly calendar;

  constructor(
    readonly plan: ExecutionPlan,
    scenario: ScenarioFile,
  ) {
    this.calendar = calendarFor(scenario.district ?? "00", [2024, 2025, 2026]);
    this.state = initialState(plan, { caseId: `scenario-${scenario.name}`, calendar: this.calendar });
    this.now = scenario.startAt;
  }

  send(event: EngineEvent): boolean {
    const result = step(this.plan, this.state, event);
    this.state = result.state;
    this.log.push(...result.commands);
    // Connectors: complete every running job right away (documents rendered, notices sent).
    for (const jobId of Object.keys(this.state.jobs)) {
      this.send({ type: "jobCompleted", jobId, output: {}, at: this.now });
    }
    return result.accepted;
  }

  commands<T extends EngineCommand["type"]>(type: T): Command<T>[] {
    return this.log.filter((c): c is Command<T> => c.type === type);
  }

  openTask(elementId: string): Command<"openTask"> | undefined {
    const open = new Set(Object.keys(this.state.tasks));
    return this.commands("openTask").find((t) => t.elementId === elementId && open.has(t.taskId));
  }

  /** When a record of this type was written for an element instance (or for the case: null). */
  recordedAt(recordType: string, elementInstanceId: string | null): number {
    const hit = this.commands("record").find(
      (r) =>
        r.recordType === recordType &&
        (elementInstanceId === null ||
          (r.data as { elementInstanceId?: string }).elementInstanceId === elementInstanceId),
    );
    if (!hit) throw new Error(`no ${recordType} record for ${elementInstanceId}`);
    return Date.parse(hit.at);
  }

  openElements(): string[] {
    return Object.values(this.state.tasks).map((id) => this.state.instances[id]?.elementId ?? "?");
  }
}

const files = scenarioFiles();

describe("scenario files", () => {
  it("exist for every model of the catalogue manifest", () => {
    const manifest = JSON.parse(readFileSync(join(WORKFLOWS_DIR, "catalogue.json"), "utf8")) as {
      models: Array<{ file: string }>;
    };
    for (const m of manifest.models) {
      expect(
        files.some((f) => f.scenario.model === m.file),
        m.file,
      ).toBe(true);
    }
  });
});

describe.each(files.map((f) => [f.path, f] as const))("%s", (_path, { scenario }) => {
  let entry: CatalogueEntry;
  let plan: ExecutionPlan;

  beforeAll(async () => {
    entry = catalogue.get(scenario.model)!;
    const compiled = await compileEntry(entry);
    plan = compiled.plan!;
  });

  it("runs on the interpreter to its expected end", () => {
    // given a case started at the scenario's time
    const run = new ScenarioRun(plan, scenario);
    expect(run.send({ type: "start", variables: scenario.variables, at: scenario.startAt })).toBe(true);

    // when each step is applied
    for (const [index, s] of scenario.steps.entries()) {
      const where = `step ${index + 1} (${JSON.stringify(s).slice(0, 60)})`;
      if ("complete" in s) {
        const task = run.openTask(s.complete);
        // then the task is open, for the role that completes it, due when the standard says
        expect(task, `${where}: open tasks ${run.openElements().join(", ")}`).toBeDefined();
        expect(task!.roles, where).toContain(s.role);
        if (s.expectDueAt)
          expect(Date.parse(task!.dueAt ?? ""), `${where}: dueAt ${task!.dueAt}`).toBe(Date.parse(s.expectDueAt));
        if (s.due !== undefined) {
          const opened = run.recordedAt("elementEntered", task!.elementInstanceId);
          const expected = expectedDue(run.calendar, opened, s.due);
          expect(task!.dueAt === null ? null : Date.parse(task!.dueAt), `${where}: dueAt ${task!.dueAt}`).toBe(
            expected,
          );
        }
        // the runtime's own rule: only the form's editable fields, with values of their types (the
        // workflow also evaluates hide conditions; the scenarios on Temporal check those)
        const checked = validateTaskData(
          task!.formId ? entry.forms[task!.formId] : undefined,
          s.data,
          {},
          {
            conditions: "ignore",
          },
        );
        expect(
          checked.ok ? [] : checked.errors,
          `${where}: data for ${task!.formId ?? "a task without a form"}`,
        ).toEqual([]);
        const accepted = run.send({
          type: "taskCompleted",
          taskId: task!.taskId,
          actor: { userId: `petugas-${s.role}`, roles: [s.role], district: scenario.district },
          data: s.data,
          at: run.now,
        });
        expect(accepted, where).toBe(true);
      } else if ("message" in s) {
        expect(run.send({ type: "messageReceived", name: s.message, payload: s.payload, at: run.now }), where).toBe(
          true,
        );
      } else if ("wait" in s) {
        // a wait passes no live timer: the scenario fires timers with timer steps
        const until = Date.parse(run.now) + isoMillis(s.wait);
        const passed = Object.values(run.state.subscriptions).filter(
          (x) => x.trigger.kind === "timer" && Date.parse((x.trigger as { fireAt: string }).fireAt) <= until,
        );
        expect(passed, `${where}: timers due during the wait`).toEqual([]);
        run.now = new Date(until).toISOString();
      } else {
        const sub = Object.values(run.state.subscriptions).find(
          (x) => x.target.kind === "boundary" && x.target.boundaryId === s.timer && x.trigger.kind === "timer",
        );
        expect(sub, `${where}: no live timer on ${s.timer}`).toBeDefined();
        const trigger = sub!.trigger as { timerId: string; fireAt: string };
        run.now = trigger.fireAt;
        expect(run.send({ type: "timerFired", timerId: trigger.timerId, at: trigger.fireAt }), where).toBe(true);
      }
      expect(run.state.incidents, where).toEqual([]);
    }

    // then the case completed at the expected end with the expected products and notices
    expect(run.openElements()).toEqual([]);
    expect(run.commands("finish")[0]?.status).toBe("completed");
    const ends = run
      .commands("record")
      .filter((r) => r.recordType === "elementEntered" && plan.nodes[r.elementId ?? ""]?.type === "endEvent")
      .map((r) => r.elementId);
    expect(ends.at(-1)).toBe(scenario.expect.end);
    const jobs = run.commands("runJob").filter((j) => j.elementInstanceId !== null);
    const products = jobs.filter((j) => j.jobType === "document").map((j) => j.headers.fileName?.replace(/\.pdf$/, ""));
    expect(products).toEqual(scenario.expect.documents);
    expect(jobs.filter((j) => j.jobType === "notify").map((j) => j.elementId)).toEqual(scenario.expect.notifications);
    const caseDueAt = run.state.caseDueAt === null ? null : Date.parse(run.state.caseDueAt);
    if (scenario.expect.caseDue !== undefined) {
      const paused = run.commands("record").filter((r) => r.recordType === "clockPaused");
      const resumed = run.commands("record").filter((r) => r.recordType === "clockResumed");
      expect(resumed.length).toBe(paused.length);
      const pauses = paused.map((p, i) => ({ from: Date.parse(p.at), to: Date.parse(resumed[i]!.at) }));
      const started = run.recordedAt("caseStarted", null);
      expect(caseDueAt).toBe(expectedCaseDue(run.calendar, started, scenario.expect.caseDue, pauses));
    }
    if (scenario.expect.caseDueAt) expect(caseDueAt).toBe(Date.parse(scenario.expect.caseDueAt));
  });
});

describe("decision coverage", () => {
  it("every branch of every exclusive gateway is taken by some scenario of its model", async () => {
    const missing: string[] = [];
    const byModel = new Map<string, ScenarioFile[]>();
    for (const { scenario } of files) byModel.set(scenario.model, [...(byModel.get(scenario.model) ?? []), scenario]);
    for (const [model, scenarios] of byModel) {
      const entry = catalogue.get(model)!;
      const { plan } = await compileEntry(entry);
      const entered = new Set<string>();
      for (const scenario of scenarios) {
        const run = new ScenarioRun(plan!, scenario);
        run.send({ type: "start", variables: scenario.variables, at: scenario.startAt });
        for (const s of scenario.steps) {
          if ("complete" in s) {
            const task = run.openTask(s.complete);
            if (!task) break;
            run.send({
              type: "taskCompleted",
              taskId: task.taskId,
              actor: { userId: "u", roles: [s.role], district: scenario.district },
              data: s.data,
              at: run.now,
            });
          } else if ("message" in s) {
            run.send({ type: "messageReceived", name: s.message, payload: s.payload, at: run.now });
          } else if ("wait" in s) {
            run.now = new Date(Date.parse(run.now) + isoMillis(s.wait)).toISOString();
          } else {
            const sub = Object.values(run.state.subscriptions).find(
              (x) => x.target.kind === "boundary" && x.target.boundaryId === s.timer,
            );
            const trigger = sub?.trigger as { timerId: string; fireAt: string } | undefined;
            if (trigger) run.send({ type: "timerFired", timerId: trigger.timerId, at: trigger.fireAt });
          }
        }
        for (const r of run.commands("record"))
          if (r.recordType === "elementEntered" && r.elementId) entered.add(r.elementId);
      }
      for (const node of Object.values(plan!.nodes)) {
        if (node.type !== "exclusiveGateway" || node.outgoing.length < 2) continue;
        for (const f of node.outgoing) {
          const target = plan!.flows[f]!.target;
          if (!entered.has(target)) missing.push(`${model}: ${node.id} → ${target}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
