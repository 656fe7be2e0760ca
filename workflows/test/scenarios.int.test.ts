/**
 * The scenario files on the real runtime: the bpmnProcess workflow (bundled once per run by the
 * integration global setup) on the Temporal time-skipping server, with the real activities and
 * connectors writing to an in-memory PGlite store. Per scenario: the tasks open for the stated
 * roles with the stated due dates, completions go through the validating `completeTask` update,
 * messages through `deliverMessage`, boundary timers fire by skipping time, and the products are
 * the PDFs the document connector generated.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { type Db, openDb } from "@alur/runtime/store";
import { createActivities } from "@alur/runtime/temporal/activities";
import { calendarFor } from "@alur/shared/calendar/districts";
import type { ExecutionPlan } from "@alur/shared/plan";
import type { CaseStateView } from "@alur/shared/schemas";
import type { WorkflowHandle } from "@temporalio/client";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { Worker } from "@temporalio/worker";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ScenarioDef } from "../authoring/dsl";
import { loadCatalogue, WORKFLOWS_DIR } from "../src";
import { compileEntry } from "./compile-model";

interface ScenarioFile extends ScenarioDef {
  process: string;
  model: string;
  district: string | null;
}

const TASK_QUEUE = "catalogue-scenarios";
const catalogue = new Map(loadCatalogue().map((e) => [e.file, e] as const));
const provided = inject as unknown as (key: "temporalTestServer" | "workflowBundlePath") => string;

function scenarioFiles(): Array<[string, ScenarioFile]> {
  const out: Array<[string, ScenarioFile]> = [];
  for (const slug of readdirSync(WORKFLOWS_DIR).sort()) {
    let names: string[] = [];
    try {
      names = readdirSync(join(WORKFLOWS_DIR, slug, "scenarios")).filter((n) => n.endsWith(".json"));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const text = readFileSync(join(WORKFLOWS_DIR, slug, "scenarios", name), "utf8");
      out.push([`${slug}/scenarios/${name}`, JSON.parse(text)]);
    }
  }
  return out;
}

/** Days and hours of an ISO 8601 duration or of the period of a cycle ("R12/P30D", "PT72H"). */
function isoMillis(expression: string): number {
  const period = expression.includes("/") ? expression.split("/").at(-1)! : expression;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(period);
  if (!m) throw new Error(`unsupported duration ${expression}`);
  return ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60_000;
}

let env: TestWorkflowEnvironment;
let db: Db;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: "existing-path", path: provided("temporalTestServer") } },
  });
  db = await openDb({ kind: "pglite", dataDir: null });
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowBundle: { codePath: provided("workflowBundlePath") },
    activities: createActivities({
      db,
      logger: pino({ level: "silent" }),
      env: { ALUR_DATA_DIR: mkdtempSync(join(tmpdir(), "alur-catalogue-")), HTTP_CONNECTOR_ALLOW: "" },
    }),
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await db?.destroy();
});

/** The case and process-version rows the workflow's store writes refer to. */
async function insertCase(plan: ExecutionPlan, district: string): Promise<string> {
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

/** The open task row of an element, once the activity has written it. */
async function storedTask(caseId: string, elementId: string) {
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

describe.each(scenarioFiles())("%s on the time-skipping server", (_path, scenario) => {
  it("runs to its expected end with its products", async () => {
    // given the model compiled and a case started at the scenario's time
    const entry = catalogue.get(scenario.model)!;
    const { plan } = await compileEntry(entry);
    const district = scenario.district ?? "00";
    const caseId = await insertCase(plan!, district);
    const startedAt = await env.currentTimeMs();
    const handle = await env.client.workflow.start("bpmnProcess", {
      workflowId: `case-${caseId}`,
      taskQueue: TASK_QUEUE,
      args: [
        {
          caseId,
          district,
          plan,
          planHash: "scenario",
          variables: scenario.variables,
          calendar: calendarFor(district, [2024, 2025, 2026, new Date(startedAt).getUTCFullYear()]),
        },
      ],
    });

    // when each step is applied through the workflow's update, message and timer paths
    for (const s of scenario.steps) {
      if ("complete" in s) {
        const state = await until(handle, (v) => v.openTasks.some((t) => t.elementId === s.complete), s.complete);
        const { taskId } = state.openTasks.find((t) => t.elementId === s.complete)!;
        // then the task is in the store (written by the createTask activity) for the right role
        const row = await storedTask(caseId, s.complete);
        expect(row.roles).toContain(s.role);
        await handle.executeUpdate("completeTask", {
          args: [{ taskId, actor: { userId: `petugas-${s.role}`, roles: [s.role], district }, data: s.data }],
        });
      } else if ("message" in s) {
        const result = (await handle.executeUpdate("deliverMessage", {
          args: [{ name: s.message, payload: s.payload }],
        })) as { correlated: boolean };
        expect(result.correlated).toBe(true);
      } else {
        const node = plan!.nodes[s.timer];
        const timer =
          node?.type === "boundaryEvent" && node.eventDefinition.kind === "timer" ? node.eventDefinition.timer : null;
        const value = timer && "value" in timer && timer.value.kind === "literal" ? timer.value.value : null;
        expect(value, `timer ${s.timer}`).toBeTruthy();
        await env.sleep(isoMillis(value!) + 60_000);
      }
    }

    // then the case completes at the expected end and the documents were generated
    const result = (await handle.result()) as { status: string };
    expect(result.status).toBe("completed");
    const generated = await db
      .selectFrom("case_events")
      .select(["data"])
      .where("case_id", "=", caseId)
      .where("type", "=", "documentGenerated")
      .orderBy("id")
      .execute();
    const files = generated.map((g) => String((g.data as { fileName?: string }).fileName ?? "").replace(/\.pdf$/, ""));
    expect(files).toEqual(scenario.expect.documents);
  });
});
