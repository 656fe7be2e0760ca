/**
 * Drives one case through the pure engine in tests: keeps the state, logs every command, and
 * finds open tasks, timers and jobs by element id so tests read like the procedure.
 */
import type { BusinessCalendar } from "@alur/shared/calendar";
import type { ExecutionPlan } from "@alur/shared/plan";
import type { Variables } from "@alur/shared/schemas";
import { initialState } from "../../engine/initial-state";
import { type ElementMapping, type MigrationResult, migrateState } from "../../engine/migration";
import { step } from "../../engine/step";
import type { EngineCommand, EngineEvent, EngineState, InitialStateInput, StepResult } from "../../engine/types";

/** Bekasi-like calendar: WIB, 08:00–15:30, Monday–Friday, with Idul Fitri 2026 and its cuti bersama. */
export const TEST_CALENDAR: BusinessCalendar = {
  district: "3216",
  utcOffsetMinutes: 420,
  officeHours: { start: "08:00", end: "15:30" },
  workingWeekdays: [1, 2, 3, 4, 5],
  holidays: ["2026-03-18", "2026-03-19", "2026-03-20", "2026-03-23", "2026-03-24"],
  years: [2026],
};

type Command<T extends EngineCommand["type"]> = Extract<EngineCommand, { type: T }>;

export class CaseDriver {
  state: EngineState;
  readonly log: EngineCommand[] = [];
  last: StepResult | undefined;
  /** Default event time; tests move it with `at`. */
  now = "2026-03-02T09:00:00+07:00";

  constructor(
    public plan: ExecutionPlan,
    input: Partial<InitialStateInput> = {},
  ) {
    this.state = initialState(plan, { caseId: "k1", calendar: TEST_CALENDAR, ...input });
  }

  /** Applies an event (its `at` defaults to the driver's clock). */
  send(event: EngineEvent): StepResult {
    const result = step(this.plan, this.state, event);
    this.state = result.state;
    this.log.push(...result.commands);
    this.last = result;
    return result;
  }

  /** Moves the case to plan `to` (migration.ts); on success the driver goes on under it. */
  migrate(to: ExecutionPlan, mapping?: ElementMapping): MigrationResult {
    const result = migrateState(this.state, {
      from: this.plan,
      to,
      ...(mapping ? { mapping } : {}),
      fromVersion: 1,
      toVersion: 2,
      actor: { userId: "admin-1" },
      at: this.now,
    });
    if (result.ok) {
      this.state = result.state;
      this.plan = to;
      this.log.push(...result.commands);
    }
    return result;
  }

  at(iso: string): this {
    this.now = iso;
    return this;
  }

  start(variables: Variables = {}): StepResult {
    return this.send({ type: "start", variables, at: this.now });
  }

  /** Commands of one type emitted so far. */
  commands<T extends EngineCommand["type"]>(type: T): Command<T>[] {
    return this.log.filter((c): c is Command<T> => c.type === type);
  }

  /** Records (timeline entries) of one type emitted so far. */
  records(recordType: string): Command<"record">[] {
    return this.commands("record").filter((r) => r.recordType === recordType);
  }

  /** Element ids of the open tasks, in opening order. */
  openTaskElements(): string[] {
    return Object.values(this.state.tasks).map((id) => this.state.instances[id]?.elementId ?? "?");
  }

  /** The open task of an element (throws in tests when there is none: that is a test failure). */
  task(elementId: string): Command<"openTask"> {
    const open = new Set(Object.keys(this.state.tasks));
    // by the element the task's instance is at now (a migration may have moved it)
    const at = (taskId: string) => this.state.instances[this.state.tasks[taskId] ?? ""]?.elementId;
    const found = this.commands("openTask").filter((t) => open.has(t.taskId) && at(t.taskId) === elementId);
    if (found.length === 0)
      throw new Error(`no open task at ${elementId}; open: ${this.openTaskElements().join(", ")}`);
    return found[0] as Command<"openTask">;
  }

  completeTask(elementId: string, data: Variables = {}, userId = "petugas-1"): StepResult {
    const task = this.task(elementId);
    return this.send({
      type: "taskCompleted",
      taskId: task.taskId,
      actor: { userId, roles: task.roles, district: "3216" },
      data,
      at: this.now,
    });
  }

  /** Live timers: those of subscriptions and the expiry timers of buffered messages. */
  liveTimers(): Command<"startTimer">[] {
    const live = new Set([
      ...Object.values(this.state.subscriptions).flatMap((s) =>
        s.trigger.kind === "timer" ? [s.trigger.timerId] : [],
      ),
      ...(this.state.messages ?? []).map((m) => m.timerId),
    ]);
    return this.commands("startTimer").filter((t) => live.has(t.timerId));
  }

  /** Fires the one live timer started last (or the given id) at its own fireAt. */
  fireTimer(timerId?: string): StepResult {
    const timers = this.liveTimers();
    const timer = timerId ? timers.find((t) => t.timerId === timerId) : timers.at(-1);
    if (!timer) throw new Error("no live timer");
    this.now = timer.fireAt;
    return this.send({ type: "timerFired", timerId: timer.timerId, at: timer.fireAt });
  }

  message(name: string, payload: Variables = {}, correlationKey?: string): StepResult {
    return this.send({
      type: "messageReceived",
      name,
      payload,
      at: this.now,
      ...(correlationKey !== undefined ? { correlationKey } : {}),
    });
  }

  /** The running job of an element. */
  job(elementId: string): Command<"runJob"> {
    const running = new Set(Object.keys(this.state.jobs));
    const job = this.commands("runJob").find((j) => j.elementId === elementId && running.has(j.jobId));
    if (!job) throw new Error(`no running job at ${elementId}`);
    return job;
  }

  completeJob(elementId: string, output: Variables = {}): StepResult {
    return this.send({ type: "jobCompleted", jobId: this.job(elementId).jobId, output, at: this.now });
  }

  failJob(elementId: string, code: string, message = "gagal"): StepResult {
    return this.send({
      type: "jobFailed",
      jobId: this.job(elementId).jobId,
      bpmnError: { code, message },
      at: this.now,
    });
  }

  /** The connector of an element's running job failed technically after all its retries. */
  exhaustJob(elementId: string, message = "HTTP 503 from siks.kemensos.go.id"): StepResult {
    return this.send({ type: "jobExhausted", jobId: this.job(elementId).jobId, message, at: this.now });
  }

  /** Element ids entered so far, in order. */
  entered(): string[] {
    return this.records("elementEntered").map((r) => r.elementId ?? "");
  }

  get variables(): Variables {
    return Object.values(this.state.instances).find((i) => i.parentId === null)?.variables ?? {};
  }

  get finished(): Command<"finish"> | undefined {
    return this.commands("finish")[0];
  }
}
