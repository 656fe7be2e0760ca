/**
 * `alur simulate <file.bpmn> --scenario <file>`: runs a model on the Temporal time-skipping test
 * server with a scripted driver (the real bpmnProcess workflow, activities and connectors, an
 * in-memory store) and prints the trace as JSON. The scenario format is in docs/simulate.md.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { calendarFor, findDistrict } from "@alur/shared/calendar/districts";
import { compileProcess, parseBpmn } from "@alur/shared/compiler";
import { isBuiltInConnector } from "@alur/shared/connectors";
import type { ExecutionPlan } from "@alur/shared/plan";
import type { CaseStateView } from "@alur/shared/schemas";
import type { WorkflowHandle } from "@temporalio/client";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { DefaultLogger, makeTelemetryFilterString, Runtime } from "@temporalio/worker";
import { z } from "zod";
import { listNotifications } from "../../connectors";
import { createLogger } from "../../logger";
import { listCaseEvents } from "../../store/case-events";
import { openDb } from "../../store/db";
import { createActivities } from "../../temporal/activities";
import { insertCase } from "../../temporal/activities/test-cases";
import { locateTestServer, missingBinaryMessage } from "../../temporal/binaries";
import {
  type BpmnProcessResult,
  caseStateQuery,
  caseWorkflowId,
  completeTaskUpdate,
  deliverMessageUpdate,
  pendingTimersQuery,
  WORKFLOW_TYPE,
} from "../../temporal/definitions";
import { createWorker } from "../../temporal/worker";
import type { Command } from "../command";

const Step = z.union([
  z.object({
    complete: z.string(),
    role: z.string(),
    data: z.record(z.string(), z.unknown()).default({}),
    expectDueAt: z.string().optional(),
  }),
  z.object({
    message: z.string(),
    correlationKey: z.string().optional(),
    payload: z.record(z.string(), z.unknown()).default({}),
  }),
  /** Skip time until this timer element has fired. */
  z.object({ timer: z.string() }),
  /** Skip a fixed amount of time (ISO 8601 duration with days/hours/minutes, e.g. "P3D", "PT4H"). */
  z.object({ wait: z.string() }),
  /** Make the next run of this service/send task's connector return a BPMN error. */
  z.object({ error: z.string(), code: z.string(), message: z.string().optional() }),
  /**
   * The variables a job worker answers the next run of this external job with (a job type no
   * built-in connector runs). Without one, the simulation answers such a job with no variables.
   */
  z.object({ job: z.string(), variables: z.record(z.string(), z.unknown()).default({}) }),
]);
type Step = z.infer<typeof Step>;

export const Scenario = z.object({
  name: z.string().default("scenario"),
  description: z.string().optional(),
  process: z.string().optional(),
  district: z.string().nullable().default(null),
  startAt: z.string().optional(),
  variables: z.record(z.string(), z.unknown()).default({}),
  steps: z.array(Step),
  expect: z
    .object({
      end: z.string().optional(),
      status: z.string().optional(),
      documents: z.array(z.string()).optional(),
      notifications: z.array(z.string()).optional(),
    })
    .default({}),
});
export type Scenario = z.infer<typeof Scenario>;

const TASK_QUEUE = "simulate";
const STEP_TIMEOUT_MS = 20_000;

const USAGE = [
  "Usage: alur simulate <file.bpmn> --scenario <scenario.json> [--process <id>]",
  "",
  "Runs the model on the Temporal time-skipping test server with the real workflow, activities and",
  "connectors (in-memory store) and prints the trace as JSON: elements entered and left, tasks",
  "created (roles, due dates), timers fired, messages correlated, the end state and whether the",
  "scenario's expectations held. Exit 1 when an expectation fails or the run errs, 2 for bad input.",
  "Format: docs/simulate.md.",
].join("\n");

const simulate: Command = {
  summary: "run a model with a scripted scenario on the time-skipping server; prints a JSON trace",
  usage: USAGE,
  run: (args) => runSimulate(args),
};
export default simulate;

export interface SimulateOptions {
  /** A prebuilt workflow bundle (tests bundle once per run); without it the worker bundles the workflows. */
  workflowBundle?: { codePath: string };
}

/** The command itself: the trace on stdout, problems on stderr; resolves to the exit code. */
export async function runSimulate(args: string[], options: SimulateOptions = {}): Promise<number> {
  let values: { scenario?: string; process?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: { scenario: { type: "string" }, process: { type: "string" } },
      allowPositionals: true,
    }));
  } catch (error) {
    console.error(`alur simulate: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const bpmnFile = positionals[0];
  if (!bpmnFile || !values.scenario) {
    console.error(USAGE);
    return 2;
  }
  const scenario = readScenario(values.scenario);
  if (!scenario.ok) {
    console.error(`alur simulate: ${scenario.message}`);
    return 2;
  }
  if (!existsSync(bpmnFile)) {
    console.error(`alur simulate: berkas model tidak ada / model file not found: ${bpmnFile}`);
    return 2;
  }
  const plan = await compile(bpmnFile, values.process ?? scenario.scenario.process);
  if (!plan.ok) {
    console.error(`alur simulate: ${plan.message}`);
    return 2;
  }
  const trace = await runScenario(plan.plan, scenario.scenario, options);
  console.log(JSON.stringify(trace, null, 2));
  return trace.expectations.every((e) => e.ok) && !trace.error ? 0 : 1;
}

/** Reads and validates a scenario file; a missing file, bad JSON or a wrong shape is a message, never a crash. */
export function readScenario(file: string): { ok: true; scenario: Scenario } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { ok: false, message: `berkas skenario tidak dapat dibaca / cannot read the scenario file: ${file}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: `skenario bukan JSON yang valid / the scenario is not valid JSON (${file}): ${reason}`,
    };
  }
  const parsed = Scenario.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      message: `skenario tidak valid / invalid scenario (${file}); format: docs/simulate.md\n${z.prettifyError(parsed.error)}`,
    };
  }
  return { ok: true, scenario: parsed.data };
}

/** Compiles the model with the forms found beside it (forms/ next to the file or one level up). */
async function compile(
  file: string,
  processId?: string,
): Promise<{ ok: true; plan: ExecutionPlan } | { ok: false; message: string }> {
  const parsed = await parseBpmn(readFileSync(file, "utf8"));
  if (!parsed.definitions) return { ok: false, message: parsed.problems.map((p) => p.message.en).join("; ") };
  const forms: Record<string, unknown> = {};
  for (const dir of [path.join(path.dirname(file), "forms"), path.join(path.dirname(file), "..", "forms")]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".form"))) {
      let form: { id?: string };
      try {
        form = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as { id?: string };
      } catch {
        return {
          ok: false,
          message: `formulir bukan JSON yang valid / the form is not valid JSON: ${path.join(dir, name)}`,
        };
      }
      if (form.id) forms[form.id] = form;
    }
  }
  const compiled = compileProcess(parsed.definitions, processId, { forms });
  const errors = compiled.problems.filter((p) => p.severity === "error");
  if (!compiled.plan || errors.length > 0) {
    return { ok: false, message: (errors.length ? errors : compiled.problems).map((p) => p.message.en).join("; ") };
  }
  return { ok: true, plan: compiled.plan };
}

interface Expectation {
  what: string;
  ok: boolean;
  expected: unknown;
  actual: unknown;
}

export interface SimulationTrace {
  scenario: string;
  processId: string;
  district: string;
  startAt: { requested: string | null; actual: string; note?: string };
  steps: { step: Step; at: string; result: unknown }[];
  events: { at: string; type: string; elementId: string | null; data: unknown }[];
  tasks: { elementId: string; roles: string[]; dueAt: string | null; status: string; createdAt: string }[];
  notifications: { elementId: string | null; roles: string[]; title: string; body: string }[];
  end: { status: string; variables: unknown } | null;
  /** Open incidents when the case did not end (e.g. a connector that kept failing). */
  incidents?: CaseStateView["incidents"];
  expectations: Expectation[];
  error?: string;
}

/** Runs one scenario against a fresh time-skipping server and in-memory store. */
export async function runScenario(
  plan: ExecutionPlan,
  scenario: Scenario,
  options: SimulateOptions = {},
): Promise<SimulationTrace> {
  const testServer = locateTestServer();
  if (!testServer) throw new Error(missingBinaryMessage("temporal-test-server"));
  quietRuntime();
  const district = scenario.district && findDistrict(scenario.district) ? scenario.district : "00";
  const db = await openDb({ kind: "pglite", dataDir: null });
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: "existing-path", path: testServer.path } },
  });
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
  const worker = await createWorker({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    activities,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : {}),
  });
  const running = worker.run();
  const trace: SimulationTrace = {
    scenario: scenario.name,
    processId: plan.processId,
    district,
    startAt: { requested: scenario.startAt ?? null, actual: "" },
    steps: [],
    events: [],
    tasks: [],
    notifications: [],
    end: null,
    expectations: [],
  };
  const nowIso = async () => new Date(await env.currentTimeMs()).toISOString();
  let caseId = "";
  let started: WorkflowHandle | undefined;
  try {
    // The server's clock only moves forward: a start in the future is reached by skipping time;
    // one in the past starts now (due dates then follow today's calendar, see docs/simulate.md).
    const requested = scenario.startAt ? Date.parse(scenario.startAt) : Number.NaN;
    const serverNow = await env.currentTimeMs();
    if (Number.isFinite(requested) && requested > serverNow) await env.sleep(requested - serverNow);
    else if (Number.isFinite(requested))
      trace.startAt.note = "startAt is in the past: the case starts at the server's current time";
    trace.startAt.actual = await nowIso();
    const year = Number(trace.startAt.actual.slice(0, 4));
    caseId = await insertCase(db, { district, plan });
    const handle = await env.client.workflow.start(WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(caseId),
      taskQueue: TASK_QUEUE,
      args: [
        {
          caseId,
          district,
          plan,
          planHash: "simulate",
          variables: scenario.variables,
          calendar: calendarFor(district, [year, year + 1, year + 2]),
        },
      ],
    });
    started = handle;
    for (const step of scenario.steps) {
      const result = await applyStep(env, handle, db, caseId, district, step, forcedErrors, jobAnswers, trace);
      trace.steps.push({ step, at: await nowIso(), result });
    }
    const end = (await withTimeout(handle.result(), STEP_TIMEOUT_MS * 3, "the case to end")) as BpmnProcessResult;
    trace.end = { status: end.status, variables: end.variables };
  } catch (error) {
    trace.error = error instanceof Error ? error.message : String(error);
  } finally {
    if (started && !trace.end) {
      const incidents = await started.query(caseStateQuery).then(
        (s) => s.incidents,
        () => [],
      );
      if (incidents.length > 0) trace.incidents = incidents;
    }
    if (caseId) {
      trace.events = (await listCaseEvents(db, caseId)).map((e) => ({
        at: new Date(e.at).toISOString(),
        type: e.type,
        elementId: e.element_id,
        data: e.data,
      }));
      trace.tasks = (
        await db.selectFrom("tasks").selectAll().where("case_id", "=", caseId).orderBy("created_at").execute()
      ).map((t) => ({
        elementId: t.element_id,
        roles: t.roles,
        dueAt: t.due_at ? new Date(t.due_at).toISOString() : null,
        status: t.status,
        createdAt: new Date(t.created_at).toISOString(),
      }));
      trace.notifications = (await listNotifications(db, { district, caseId }))
        .reverse()
        .map((n) => ({ elementId: n.element_id, roles: n.roles, title: n.title, body: n.body }));
    }
    worker.shutdown();
    await running;
    await env.teardown();
    await db.destroy();
  }
  trace.expectations = checkExpectations(scenario, trace);
  return trace;
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

async function applyStep(
  env: TestWorkflowEnvironment,
  handle: WorkflowHandle,
  db: Awaited<ReturnType<typeof openDb>>,
  caseId: string,
  district: string,
  step: Step,
  forcedErrors: Map<string, { code: string; message: string }>,
  jobAnswers: Map<string, Record<string, unknown>>,
  trace: SimulationTrace,
): Promise<unknown> {
  if ("complete" in step) {
    const state = await until(handle, (s) => s.openTasks.some((t) => t.elementId === step.complete), step.complete);
    const { taskId } = state.openTasks.find((t) => t.elementId === step.complete)!;
    const row = await db.selectFrom("tasks").selectAll().where("id", "=", taskId).executeTakeFirst();
    if (step.expectDueAt) {
      const actual = row?.due_at ? new Date(row.due_at).toISOString() : null;
      const expected = new Date(step.expectDueAt).toISOString();
      trace.expectations.push({
        what: `due date of ${step.complete}`,
        ok: trace.startAt.note ? true : actual === expected,
        expected: trace.startAt.note ? `${expected} (not checked: start moved)` : expected,
        actual,
      });
    }
    const view = await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId, actor: { userId: `simulasi-${step.role}`, roles: [step.role], district }, data: step.data }],
    });
    return { taskId, openTasks: view.openTasks.map((t) => t.elementId) };
  }
  if ("error" in step) {
    forcedErrors.set(step.error, { code: step.code, message: step.message ?? step.code });
    return { armed: step.error };
  }
  if ("job" in step) {
    jobAnswers.set(step.job, step.variables);
    return { armed: step.job };
  }
  if ("message" in step) {
    return handle.executeUpdate(deliverMessageUpdate, {
      args: [{ name: step.message, correlationKey: step.correlationKey, payload: step.payload }],
    });
  }
  if ("wait" in step) {
    await env.sleep(isoMillis(step.wait));
    return { waited: step.wait };
  }
  // timer: skip to the soonest pending timer until the element has fired
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const fired = (await listCaseEvents(db, caseId)).some(
      (e) => e.element_id === step.timer && (e.type === "timerFired" || e.type === "elementLeft"),
    );
    if (fired) return { fired: step.timer };
    if (Date.now() > deadline) throw new Error(`timer ${step.timer} did not fire`);
    const timers = await handle.query(pendingTimersQuery);
    const next = timers[0];
    if (next) {
      const wait = Date.parse(next.fireAt) - (await env.currentTimeMs());
      await env.sleep(Math.max(1, wait) + 1_000);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function checkExpectations(scenario: Scenario, trace: SimulationTrace): Expectation[] {
  const out = [...trace.expectations];
  const exp = scenario.expect;
  if (exp.status !== undefined || trace.end) {
    out.push({
      what: "status",
      ok: trace.end?.status === (exp.status ?? "completed"),
      expected: exp.status ?? "completed",
      actual: trace.end?.status ?? null,
    });
  }
  if (exp.end) {
    const reached = trace.events.some((e) => e.elementId === exp.end && e.type === "elementEntered");
    out.push({ what: "end event", ok: reached, expected: exp.end, actual: endEvents(trace) });
  }
  if (exp.documents) {
    const docs = trace.events
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
    const sent = trace.notifications.map((n) => n.elementId ?? "");
    out.push({
      what: "notifications",
      ok: JSON.stringify(sent) === JSON.stringify(exp.notifications),
      expected: exp.notifications,
      actual: sent,
    });
  }
  return out;
}

function endEvents(trace: SimulationTrace): string[] {
  return trace.events
    .filter((e) => e.type === "elementEntered")
    .map((e) => e.elementId ?? "")
    .slice(-1);
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

/** The promise, or a rejection after `ms`; the timer is cleared either way so it never holds the process open. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Days, hours, minutes and seconds of an ISO 8601 duration ("P3D", "PT4H30M"). */
function isoMillis(duration: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration);
  if (!m) throw new Error(`unsupported duration "${duration}" (use days, hours, minutes, seconds)`);
  return (((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60 + Number(m[4] ?? 0)) * 1000;
}
