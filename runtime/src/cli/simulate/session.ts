/**
 * A simulation session: one Temporal time-skipping server, one in-memory store and one worker
 * (the real bpmnProcess workflow, activities and connectors) that run scenarios one after another,
 * so `alur simulate --all` starts them once for the whole catalogue.
 *
 * Pinned clock. The server's clock starts at the current time and only moves forward, so a
 * scenario stating 2024 dates cannot run then. Each run is moved forward by whole weeks (to a
 * calendar-identical year when a due date counts months) and starts exactly at `startAt` moved by
 * that shift; its cases get the district calendar with every holiday moved the same way. Working
 * time is the same under such a move, so every instant in the trace is the workflow time moved
 * back (scenario time) and every stated due date is checked. Real time still passes between steps
 * (the server skips only when asked), so a hand-counted `expectDueAt` may be later by at most that
 * unskipped time; `due` facts are checked exactly from when the task opened.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { calendarFor, findDistrict } from "@alur/shared/calendar/districts";
import { isBuiltInConnector } from "@alur/shared/connectors";
import type { ExecutionPlan } from "@alur/shared/plan";
import {
  clockShift,
  type DueFact,
  expectedCaseDue,
  expectedDue,
  isoMillis,
  type Scenario,
  type ScenarioStep,
  shiftCalendar,
} from "@alur/shared/scenario";
import type { CaseStateView } from "@alur/shared/schemas";
import { Client, type WorkflowHandle } from "@temporalio/client";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { DefaultLogger, makeTelemetryFilterString, Runtime } from "@temporalio/worker";
import { listNotifications } from "../../connectors";
import { createLogger } from "../../logger";
import { listCaseEvents } from "../../store/case-events";
import { getCase, insertCase } from "../../store/cases";
import type { Db } from "../../store/db";
import { ensurePlanVersion } from "../../store/process-versions";
import { getTask, listCaseTasks, type TaskRow } from "../../store/tasks";
import { createActivities } from "../../temporal/activities";
import { locateTestServer, missingBinaryMessage } from "../../temporal/binaries";
import {
  type BpmnProcessResult,
  broadcastSignal,
  caseStateQuery,
  caseWorkflowId,
  completeTaskUpdate,
  deliverMessageUpdate,
  pendingTimersQuery,
  WORKFLOW_TYPE,
  waitingJoinsQuery,
} from "../../temporal/definitions";
import { createWorker } from "../../temporal/worker";
import { openCachedStore } from "./store-cache";

const STEP_TIMEOUT_MS = 20_000;
const DAY_MS = 86_400_000;
/** The first case of a scenario; further ones are named in `cases`. */
const MAIN_CASE = "main";

export interface Expectation {
  what: string;
  ok: boolean;
  expected: unknown;
  actual: unknown;
}

export interface SimulationTrace {
  scenario: string;
  processId: string;
  district: string;
  /**
   * `requested`/`actual`: the start in scenario time (the instants of the trace are all scenario
   * time); `workflowTime`: when the case really started on the server, `shiftDays` later.
   */
  startAt: { requested: string | null; actual: string; workflowTime: string; shiftDays: number };
  steps: { step: ScenarioStep; at: string; result: unknown }[];
  events: { at: string; type: string; elementId: string | null; data: unknown; case?: string }[];
  tasks: {
    elementId: string;
    roles: string[];
    dueAt: string | null;
    status: string;
    createdAt: string | null;
    case?: string;
  }[];
  /** `kind`: `notice` for a notify-connector run, else the inbox's own (`task-overdue`, ...). */
  notifications: {
    elementId: string | null;
    kind: string;
    roles: string[];
    title: string;
    body: string;
    case?: string;
  }[];
  end: { status: string; variables: unknown } | null;
  /** The further cases of a several-case scenario, by id. */
  cases?: Record<string, { processId: string; end: { status: string; variables: unknown } | null }>;
  /** Open incidents when the case did not end (e.g. a connector that kept failing). */
  incidents?: CaseStateView["incidents"];
  expectations: Expectation[];
  error?: string;
}

export interface ScenarioRun {
  plan: ExecutionPlan;
  scenario: Scenario;
  /** Plans a call activity or a further case may start (`--with` models), by process id. */
  plans?: Map<string, ExecutionPlan>;
}

export interface SimulationSession {
  run(input: ScenarioRun): Promise<SimulationTrace>;
  close(): Promise<void>;
}

interface RunningCase {
  name: string;
  caseId: string;
  plan: ExecutionPlan;
  handle: WorkflowHandle;
}

/** Starts the server, the store and the worker at once (they do not depend on each other). */
export async function openSession(options: { workflowBundle: { codePath: string } }): Promise<SimulationSession> {
  const testServer = locateTestServer();
  if (!testServer) throw new Error(missingBinaryMessage("temporal-test-server"));
  quietRuntime();
  const [db, env] = await Promise.all([
    openCachedStore(),
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: "existing-path", path: testServer.path } },
    }),
  ]);
  // scripted per run: the next connector run of an element errs, or an external job's answer
  const forcedErrors = new Map<string, { code: string; message: string }>();
  const jobAnswers = new Map<string, Record<string, unknown>>();
  const activities = createActivities({
    db,
    logger: createLogger({ level: "silent", pretty: false }),
    env: { ALUR_DATA_DIR: mkdtempSync(path.join(tmpdir(), "alur-simulate-")), HTTP_CONNECTOR_ALLOW: "" },
    // scenarios act as roles ("simulasi-<role>"), not as accounts
    directory: "none",
  });
  const runConnector = activities.runConnector;
  activities.runConnector = async (input) => {
    const forced = forcedErrors.get(input.elementId);
    if (forced) {
      forcedErrors.delete(input.elementId);
      return { ok: false, bpmnError: forced };
    }
    // No job worker serves a simulation: an external job is answered as the scenario says.
    if (!isBuiltInConnector(input.type)) {
      const output = jobAnswers.get(input.elementId) ?? {};
      jobAnswers.delete(input.elementId);
      return { ok: true, output };
    }
    return runConnector(input);
  };
  const taskQueue = "simulate";
  const worker = await createWorker({
    connection: env.nativeConnection,
    taskQueue,
    activities,
    workflowBundle: options.workflowBundle,
  });
  const running = worker.run();
  // reading a result through the time-skipping client unlocks skipping and the server jumps ten
  // years ahead; this one leaves the clock where the run left it
  const plain = new Client({ connection: env.connection });
  let runs = 0;
  return {
    async run(input) {
      forcedErrors.clear();
      jobAnswers.clear();
      runs += 1;
      return runOne({ env, plain, db, taskQueue, forcedErrors, jobAnswers, run: runs }, input);
    },
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
      await db.destroy();
    },
  };
}

interface Ctx {
  env: TestWorkflowEnvironment;
  plain: Client;
  db: Db;
  taskQueue: string;
  forcedErrors: Map<string, { code: string; message: string }>;
  jobAnswers: Map<string, Record<string, unknown>>;
  run: number;
}

async function runOne(ctx: Ctx, { plan, scenario, plans = new Map() }: ScenarioRun): Promise<SimulationTrace> {
  const { env, db } = ctx;
  const district = scenario.district && findDistrict(scenario.district) ? scenario.district : "00";
  const serverNow = await env.currentTimeMs();
  const startAt = scenario.startAt ? Date.parse(scenario.startAt) : serverNow + 5_000;
  const startYear = new Date(startAt).getUTCFullYear();
  const calendar = calendarFor(district, [startYear, startYear + 1, startYear + 2]);
  const facts: (DueFact | null | undefined)[] = [
    ...scenario.steps.map((s) => ("complete" in s ? s.due : undefined)),
    scenario.expect.caseDue,
  ];
  const stated = [
    ...scenario.steps.flatMap((s) => ("complete" in s && s.expectDueAt ? [Date.parse(s.expectDueAt)] : [])),
    ...(scenario.expect.caseDueAt ? [Date.parse(scenario.expect.caseDueAt)] : []),
  ];
  // Month arithmetic is not the same a whole number of weeks later (month lengths differ): a
  // scenario counting months moves to a calendar-identical year instead.
  const keepDates = facts.some((f) => f && "months" in f);
  const windowDays = Math.ceil(Math.max(0, ...stated.map((t) => t - startAt)) / DAY_MS) + 31;
  // a few seconds ahead of the server's clock, which keeps running meanwhile
  const shift = clockShift(startAt, serverNow + 5_000, calendar.utcOffsetMinutes, keepDates, windowDays);
  const moved = shiftCalendar(calendar, shift);
  const scenarioTime = (t: number | Date | string) => new Date(new Date(t).getTime() - shift).toISOString();

  const trace: SimulationTrace = {
    scenario: scenario.name,
    processId: plan.processId,
    district,
    startAt: {
      requested: scenario.startAt ?? null,
      actual: new Date(startAt).toISOString(),
      workflowTime: new Date(startAt + shift).toISOString(),
      shiftDays: shift / DAY_MS,
    },
    steps: [],
    events: [],
    tasks: [],
    notifications: [],
    end: null,
    expectations: [],
  };
  let skipped = 0;
  const skip = async (ms: number, counted = ms) => {
    await env.sleep(ms);
    skipped += counted;
  };
  /** Scenario time that passed for real, not skipped: how much later a hand-counted instant may be. */
  const drift = async () => Math.max(0, (await env.currentTimeMs()) - (startAt + shift) - skipped);
  const cases = new Map<string, RunningCase>();
  try {
    const wait = startAt + shift - (await env.currentTimeMs());
    if (wait > 0) await env.sleep(wait);
    const calledPlans = Object.fromEntries(
      [...plans.values()].map((p) => [p.processId, { plan: p, planHash: `simulate-${p.processId}` }]),
    );
    const wanted = [{ id: MAIN_CASE, process: undefined, variables: scenario.variables }, ...(scenario.cases ?? [])];
    for (const c of wanted) {
      if (cases.has(c.id)) throw new Error(`case "${c.id}" is named twice`);
      const casePlan = c.process && c.process !== plan.processId ? plans.get(c.process) : plan;
      if (!casePlan) throw new Error(`case "${c.id}": no model given for process "${c.process}" (add it with --with)`);
      const caseId = await registerCase(db, casePlan, district, ctx.run, c.id);
      const handle = await env.client.workflow.start(WORKFLOW_TYPE, {
        workflowId: caseWorkflowId(caseId),
        taskQueue: ctx.taskQueue,
        args: [
          {
            caseId,
            district,
            plan: casePlan,
            planHash: "simulate",
            variables: c.variables,
            calendar: moved,
            calledPlans,
          },
        ],
      });
      cases.set(c.id, { name: c.id, caseId, plan: casePlan, handle });
    }
    const caseOf = (step: ScenarioStep): RunningCase => {
      const name = ("case" in step && step.case) || MAIN_CASE;
      const found = cases.get(name);
      if (!found) throw new Error(`step names case "${name}", which the scenario does not start (cases[].id)`);
      return found;
    };
    for (const step of scenario.steps) {
      let result: unknown;
      if ("complete" in step) {
        const c = caseOf(step);
        const state = await until(
          c.handle,
          (s) => s.openTasks.some((t) => t.elementId === step.complete),
          step.complete,
        );
        const { taskId } = state.openTasks.find((t) => t.elementId === step.complete)!;
        const row = await taskRow(db, taskId);
        const due = row.due_at ? new Date(row.due_at).getTime() : null;
        if (step.expectDueAt) {
          const expected = Date.parse(step.expectDueAt);
          const late = due === null ? Number.NaN : due - shift - expected;
          const slack = await drift();
          trace.expectations.push({
            what: `due date of ${step.complete}`,
            ok: late >= 0 && late <= slack,
            expected: new Date(expected).toISOString(),
            actual: due === null ? null : scenarioTime(due),
          });
        }
        if (step.due !== undefined) {
          const opened = await openedAt(db, c.caseId, row.element_instance_id);
          const expected = expectedDue(moved, opened, step.due);
          trace.expectations.push({
            what: `due date of ${step.complete} (${step.due ? JSON.stringify(step.due) : "none"} from when it opened)`,
            ok: expected === due,
            expected: expected === null ? null : scenarioTime(expected),
            actual: due === null ? null : scenarioTime(due),
          });
        }
        const view = await c.handle.executeUpdate(completeTaskUpdate, {
          args: [
            {
              taskId,
              actor: { userId: `simulasi-${step.role}`, roles: [step.role], district },
              data: step.data,
            },
          ],
        });
        result = { taskId, openTasks: view.openTasks.map((t) => t.elementId) };
      } else if ("error" in step) {
        ctx.forcedErrors.set(step.error, { code: step.code, message: step.message ?? step.code });
        result = { armed: step.error };
      } else if ("job" in step) {
        ctx.jobAnswers.set(step.job, step.variables);
        result = { armed: step.job };
      } else if ("message" in step) {
        result = await caseOf(step).handle.executeUpdate(deliverMessageUpdate, {
          args: [{ name: step.message, correlationKey: step.correlationKey, payload: step.payload }],
        });
      } else if ("signal" in step) {
        for (const c of cases.values()) {
          await c.handle.signal(broadcastSignal, { name: step.signal, payload: step.payload }).catch(() => {});
        }
        result = { signalled: step.signal, cases: cases.size };
      } else if ("wait" in step) {
        await skip(isoMillis(step.wait));
        result = { waited: step.wait };
      } else {
        result = await fireTimer(ctx, caseOf(step), step.timer, skip);
      }
      trace.steps.push({ step, at: scenarioTime(await env.currentTimeMs()), result });
    }
    await allClosed(ctx, [...cases.values()]);
    for (const c of cases.values()) {
      const end = (await ctx.plain.workflow.getHandle(c.handle.workflowId).result()) as BpmnProcessResult;
      const summary = { status: end.status, variables: end.variables };
      if (c.name === MAIN_CASE) trace.end = summary;
      else trace.cases = { ...trace.cases, [c.name]: { processId: c.plan.processId, end: summary } };
    }
  } catch (error) {
    trace.error = error instanceof Error ? error.message : String(error);
  } finally {
    const main = cases.get(MAIN_CASE);
    if (main && !trace.end) {
      const incidents = await main.handle.query(caseStateQuery).then(
        (s) => s.incidents,
        () => [],
      );
      if (incidents.length > 0) trace.incidents = incidents;
    }
    for (const c of cases.values()) {
      await terminateIfRunning(c.handle);
      await collect(ctx, c, cases.size > 1, scenarioTime, trace);
    }
  }
  trace.expectations.push(...(await caseDueExpectations(ctx, cases.get(MAIN_CASE), scenario, moved, shift, drift)));
  trace.expectations = [...trace.expectations, ...endExpectations(plan, scenario, trace)];
  return trace;
}

/** The case's rows in the store: its plan's version (one per process and district) and the case. */
async function registerCase(db: Db, plan: ExecutionPlan, district: string, run: number, name: string): Promise<string> {
  const processVersionId = `pv-sim-${plan.processId}-${district}`;
  await ensurePlanVersion(db, { id: processVersionId, plan, district });
  const caseId = randomUUID();
  await insertCase(db, {
    id: caseId,
    caseNumber: `SIM-${run}-${name}`,
    district,
    processVersionId,
    processId: plan.processId,
    workflowId: caseWorkflowId(caseId),
    applicant: {},
    dueAt: null,
    createdBy: null,
    startedAt: new Date(),
  });
  return caseId;
}

/** A case the run left running (an error, a deadlock) must not keep the worker busy for the next scenario. */
async function terminateIfRunning(handle: WorkflowHandle): Promise<void> {
  try {
    const { status } = await handle.describe();
    if (status.name === "RUNNING") await handle.terminate("simulation over");
  } catch {
    // already gone
  }
}

/** The case's history, tasks and notifications, instants in scenario time. */
async function collect(
  ctx: Ctx,
  c: RunningCase,
  named: boolean,
  scenarioTime: (t: number | Date | string) => string,
  trace: SimulationTrace,
): Promise<void> {
  const tag = named ? { case: c.name } : {};
  const events = await listCaseEvents(ctx.db, c.caseId);
  trace.events.push(
    ...events.map((e) => ({ at: scenarioTime(e.at), type: e.type, elementId: e.element_id, data: e.data, ...tag })),
  );
  // when a task opened is when its element was entered, in workflow time (the row's created_at
  // is the database's wall clock)
  const entered = new Map<string, number>();
  for (const e of events) {
    const id = (e.data as { elementInstanceId?: string } | null)?.elementInstanceId;
    if (e.type === "elementEntered" && id) entered.set(id, new Date(e.at).getTime());
  }
  const rows = await listCaseTasks(ctx.db, c.caseId);
  trace.tasks.push(
    ...rows.map((t) => {
      const opened = entered.get(t.element_instance_id);
      return {
        elementId: t.element_id,
        roles: t.roles,
        dueAt: t.due_at ? scenarioTime(t.due_at) : null,
        status: t.status,
        createdAt: opened === undefined ? null : scenarioTime(opened),
        ...tag,
      };
    }),
  );
  const district = trace.district;
  trace.notifications.push(
    ...(await listNotifications(ctx.db, { district, caseId: c.caseId })).reverse().map((n) => ({
      elementId: n.element_id,
      kind: n.kind,
      roles: n.roles,
      title: n.title,
      body: n.body,
      ...tag,
    })),
  );
}

/** Skips to the soonest pending timer until the element has fired (boundary, catch event, gateway branch). */
async function fireTimer(
  ctx: Ctx,
  c: RunningCase,
  timer: string,
  skip: (ms: number, counted?: number) => Promise<void>,
): Promise<unknown> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const fired = (await listCaseEvents(ctx.db, c.caseId)).some(
      (e) => e.element_id === timer && (e.type === "timerFired" || e.type === "elementLeft"),
    );
    if (fired) return { fired: timer };
    if (Date.now() > deadline) throw new Error(`timer ${timer} did not fire`);
    const [next] = await c.handle.query(pendingTimersQuery);
    if (next) {
      const wait = Math.max(1, Date.parse(next.fireAt) - (await ctx.env.currentTimeMs()));
      // the extra second lets the timer land; it is not scripted time, so not counted as skipped
      await skip(wait + 1_000, wait);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until every case has closed. A case still waiting on a timer gets its time skipped (as
 * the time-skipping server would); one with a task no step completes, or one that stopped moving
 * with nothing pending (a join whose other branches never come), is reported by what it waits on.
 */
async function allClosed(ctx: Ctx, cases: RunningCase[]): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let idle = 0;
  for (;;) {
    const open: { c: RunningCase; activities: number }[] = [];
    for (const c of cases) {
      const d = await c.handle.describe();
      if (d.status.name === "RUNNING") open.push({ c, activities: d.raw.pendingActivities?.length ?? 0 });
    }
    if (open.length === 0) return;
    const busy = open.some((o) => o.activities > 0);
    let moved = false;
    if (!busy) {
      for (const { c } of open) {
        const state = await c.handle.query(caseStateQuery);
        const [next] = await c.handle.query(pendingTimersQuery);
        if (state.openTasks.length === 0 && next) {
          await ctx.env.sleep(Math.max(1, Date.parse(next.fireAt) - (await ctx.env.currentTimeMs())) + 1_000);
          moved = true;
          break;
        }
      }
    } else {
      // connector retries back off in workflow time
      await ctx.env.sleep(5_000);
    }
    idle = busy || moved ? 0 : idle + 1;
    // several quiet looks in a row: nothing will move this case any more
    if (idle >= 8 || Date.now() > deadline) throw new Error(await stuck(open.map((o) => o.c)));
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What the cases that did not end wait on, for the trace's error. */
async function stuck(cases: RunningCase[]): Promise<string> {
  const parts: string[] = [];
  for (const c of cases) {
    const state = await c.handle.query(caseStateQuery);
    const joins = await c.handle.query(waitingJoinsQuery).catch(() => []);
    const who = cases.length > 1 || c.name !== MAIN_CASE ? `case "${c.name}"` : "the case";
    if (state.incidents.length > 0) {
      const held = state.incidents.map((i) => `${i.code} at ${i.elementId}: ${i.message}`).join("; ");
      parts.push(`${who} did not end: it holds incident(s) ${held}`);
    } else if (state.openTasks.length > 0) {
      parts.push(
        `${who} did not end: it waits on task(s) ${state.openTasks.map((t) => t.elementId).join(", ")} that no step completes`,
      );
    } else if (joins.length > 0) {
      const at = joins.map((j) => `${j.gatewayId} (arrived from ${j.arrivedFrom.join(", ")})`).join("; ");
      const active = state.activeElements.length > 0 ? `; active elements: ${state.activeElements.join(", ")}` : "";
      parts.push(`deadlock: ${who} waits at joining gateway ${at}, whose other branches never come${active}`);
    } else {
      parts.push(
        `deadlock: ${who} stopped moving; waiting elements: ${state.activeElements.join(", ") || "none"} (no task, timer or job pending)`,
      );
    }
  }
  return parts.join("; ");
}

async function until(handle: WorkflowHandle, predicate: (s: CaseStateView) => boolean, what: string) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const s = await handle.query(caseStateQuery);
    if (predicate(s)) return s;
    if (Date.now() > deadline) {
      throw new Error(`waiting for task ${what}: open tasks ${JSON.stringify(s.openTasks.map((t) => t.elementId))}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The task's row: the case state lists a task as soon as the engine opened it, the row (with its
 * due date) is written by the createTask activity a moment later. Reading it too early read no
 * due date (an intermittent "got null" in `--all` under load).
 */
async function taskRow(db: Db, taskId: string): Promise<TaskRow> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const row = await getTask(db, taskId);
    if (row) return row;
    if (Date.now() > deadline) throw new Error(`task ${taskId} is open in the case but has no row in the store`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** When an element instance was entered (workflow time); its event may land just after the task row. */
async function openedAt(db: Db, caseId: string, elementInstanceId: string): Promise<number> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const hit = (await listCaseEvents(db, caseId)).find(
      (e) =>
        e.type === "elementEntered" &&
        (e.data as { elementInstanceId?: string } | null)?.elementInstanceId === elementInstanceId,
    );
    if (hit) return new Date(hit.at).getTime();
    if (Date.now() > deadline) throw new Error(`no elementEntered event for ${elementInstanceId}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The case due date: the standard's completion time from the start moved by the clock pauses, and the hand-counted instant. */
async function caseDueExpectations(
  ctx: Ctx,
  main: RunningCase | undefined,
  scenario: Scenario,
  moved: ReturnType<typeof shiftCalendar>,
  shift: number,
  drift: () => Promise<number>,
): Promise<Expectation[]> {
  const { caseDue, caseDueAt } = scenario.expect;
  if (!main || (caseDue === undefined && !caseDueAt)) return [];
  const row = await getCase(ctx.db, main.caseId);
  const due = row?.due_at ? new Date(row.due_at).getTime() : null;
  const show = (t: number | null) => (t === null ? null : new Date(t - shift).toISOString());
  const out: Expectation[] = [];
  if (caseDue !== undefined) {
    const events = await listCaseEvents(ctx.db, main.caseId);
    const at = (type: string) => events.filter((e) => e.type === type).map((e) => new Date(e.at).getTime());
    const [started] = at("caseStarted");
    const resumed = at("clockResumed");
    const pauses = at("clockPaused").flatMap((from, i) => (resumed[i] ? [{ from, to: resumed[i] }] : []));
    const expected = started === undefined ? null : expectedCaseDue(moved, started, caseDue, pauses);
    out.push({
      what: `case due date (${caseDue ? JSON.stringify(caseDue) : "none"} from the start, clock pauses added)`,
      ok: started !== undefined && expected === due,
      expected: show(expected),
      actual: show(due),
    });
  }
  if (caseDueAt) {
    const expected = Date.parse(caseDueAt);
    const late = due === null ? Number.NaN : due - shift - expected;
    out.push({
      what: "case due date",
      ok: late >= 0 && late <= (await drift()),
      expected: new Date(expected).toISOString(),
      actual: show(due),
    });
  }
  return out;
}

function endExpectations(plan: ExecutionPlan, scenario: Scenario, trace: SimulationTrace): Expectation[] {
  const out: Expectation[] = [];
  const exp = scenario.expect;
  const main = trace.events.filter((e) => (e.case ?? MAIN_CASE) === MAIN_CASE);
  if (exp.status !== undefined || trace.end) {
    out.push({
      what: "status",
      ok: trace.end?.status === (exp.status ?? "completed"),
      expected: exp.status ?? "completed",
      actual: trace.end?.status ?? null,
    });
  }
  if (exp.end) {
    const reached = main.some((e) => e.elementId === exp.end && e.type === "elementEntered");
    const last = main.filter((e) => e.type === "elementEntered").map((e) => e.elementId ?? "");
    out.push({ what: "end event", ok: reached, expected: exp.end, actual: last.slice(-1) });
  }
  if (exp.documents) {
    const docs = main
      .filter((e) => e.type === "documentGenerated")
      .map((e) => String((e.data as { fileName?: string }).fileName ?? "").replace(/\.pdf$/, ""));
    out.push({
      what: "documents",
      ok: JSON.stringify(docs) === JSON.stringify(exp.documents),
      expected: exp.documents,
      actual: docs,
    });
  }
  if (exp.notifications) {
    // the notify-connector runs, as the format says: an escalation's or overdue task's notice is not one
    const notify = (id: string | null) => {
      const node = id ? plan.nodes[id] : undefined;
      return (node?.type === "serviceTask" || node?.type === "sendTask") && node.connector.type === "notify";
    };
    const sent = trace.notifications
      .filter((n) => (n.case ?? MAIN_CASE) === MAIN_CASE && notify(n.elementId))
      .map((n) => n.elementId ?? "");
    out.push({
      what: "notifications",
      ok: JSON.stringify(sent) === JSON.stringify(exp.notifications),
      expected: exp.notifications,
      actual: sent,
    });
  }
  return out;
}

let runtimeInstalled = false;

/** SDK logs go to stderr, warnings and errors only: stdout carries the JSON trace. */
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    logger: new DefaultLogger("WARN", (entry) => process.stderr.write(`${entry.level} ${entry.message}\n`)),
    // core (Rust) logs are forwarded to that logger instead of printed on stdout
    telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: "ERROR" }) } },
  });
}
