/**
 * Every process in a file deploys (issue 14, item 4), on the real servers (PostgreSQL, the
 * Temporal dev server, a worker running bpmnProcess): POST /processes with a collaboration of two
 * executable processes and a non-executable pool deploys each executable process as its own
 * version, keyed by its BPMN id, in one deployment. A case of the application process calls the
 * survey process deployed with it; staff complete the survey's task and both complete. The call
 * keeps its partner from the same deployment when the called process is published again alone;
 * drafts of one deployment publish together; an error in either process refuses the whole file,
 * naming the process.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { DeployResponse, ProcessVersionView } from "@alur/shared/api";
import type { Problem } from "@alur/shared/compiler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, startApiHarness, waitForCase } from "../../testing/api-harness";

const TAG = `${process.pid}${Date.now().toString(36)}`;
const DISTRICT = "3216";
const CAST = [
  { key: "admin", district: DISTRICT, role: "district-admin" },
  { key: "front-office", district: DISTRICT, role: "front-office" },
] as const;
const FIXTURE = path.join(import.meta.dirname, "../../../../shared/src/compiler/fixtures/two-processes.bpmn");

let harness: ApiHarness;
let app: TestApp;
let admin: Session;
let frontOffice: Session;

beforeAll(async () => {
  harness = await startApiHarness({ taskQueue: "api-multi-process", usernamePrefix: `mp${TAG}`, cast: CAST });
  app = harness.app;
  admin = harness.as.admin!;
  frontOffice = harness.as["front-office"]!;
});

afterAll(async () => {
  await harness?.stop();
});

/** The two-process collaboration with its process ids made unique to `run`. */
function collaboration(run: string): { xml: string; application: string; survey: string } {
  const application = `permohonan-bantuan-${run}-${TAG}`;
  const survey = `survei-lapangan-${run}-${TAG}`;
  const xml = readFileSync(FIXTURE, "utf8")
    .replaceAll('"permohonan-bantuan"', `"${application}"`)
    .replaceAll('"survei-lapangan"', `"${survey}"`)
    .replaceAll('"pemohon"', `"pemohon-${run}-${TAG}"`);
  return { xml, application, survey };
}

type Deployed = z.infer<typeof DeployResponse>;

async function deploy(bpmnXml: string, publish: boolean, processId?: string) {
  const res = await call(app, admin, "POST", "/processes", { bpmnXml, district: DISTRICT, publish, processId });
  const body = (await res.json()) as Deployed & { code?: string; details?: { problems: Problem[] } };
  return { status: res.status, body };
}

async function versionsOf(processId: string): Promise<ProcessVersionView[]> {
  const res = await call(app, admin, "GET", `/processes?processId=${encodeURIComponent(processId)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: ProcessVersionView[] }).items;
}

async function startCase(processId: string): Promise<string> {
  const res = await call(app, frontOffice, "POST", "/cases", {
    processId,
    district: DISTRICT,
    applicant: { name: "Siti Aminah (uji dua proses)" },
    variables: {},
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The case's open task in front office's inbox, once the engine has opened it (30 s). */
async function openTask(caseId: string): Promise<{ id: string; elementId: string; revision: number }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await call(app, frontOffice, "GET", "/tasks?scope=unassigned&limit=200");
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: { id: string; caseId: string; elementId: string; revision: number }[];
    };
    const task = items.find((t) => t.caseId === caseId);
    if (task) return task;
    if (Date.now() > deadline) throw new Error(`timed out waiting for a task of case ${caseId}`);
    await delay(100);
  }
}

/** Completes the case's open task (expected at `elementId`) and waits for the case to complete. */
async function completeSurvey(caseId: string, elementId: string): Promise<void> {
  const task = await openTask(caseId);
  expect(task.elementId).toBe(elementId);
  const done = await call(app, frontOffice, "POST", `/tasks/${task.id}/complete`, {
    revision: task.revision,
    data: {},
  });
  expect(done.status, await done.clone().text()).toBe(200);
  await waitForCase(app, admin, caseId, (c) => c.status === "completed", "the case's completion");
}

describe("a file holding two executable processes", () => {
  it("deploys both as versions of their own, and a case of one calls the other to the end", async () => {
    // given a collaboration: the application process calls the survey process; the applicant is a black box
    const { xml, application, survey } = collaboration("run");

    // when the admin publishes the file without naming a process
    const { status, body } = await deploy(xml, true);

    // then each executable process is a published version keyed by its BPMN id, in one deployment
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body.versions.map((v) => [v.processId, v.version, v.status])).toEqual([
      [application, 1, "published"],
      [survey, 1, "published"],
    ]);
    expect(body.version.id).toBe(body.versions[0]?.id);
    expect(new Set(body.versions.map((v) => v.deploymentId)).size).toBe(1);
    expect(body.versions[0]?.deploymentId).toBeTruthy();
    // and the non-executable pool is skipped with a note
    expect(body.skipped).toEqual([`pemohon-run-${TAG}`]);
    expect((body.problems as Problem[]).filter((p) => p.code === "process-not-executable")).toHaveLength(1);
    expect((await versionsOf(survey)).map((v) => v.version)).toEqual([1]);

    // when a case of the application process starts, its call activity starts the survey process,
    // whose task staff complete
    const caseId = await startCase(application);
    await completeSurvey(caseId, "laporan-survei");

    // then the called survey and the case completed (completeSurvey waited for it)
  });

  it("keeps calling the survey deployed with it when the survey is published again on its own", async () => {
    // given the collaboration published, then a newer survey published alone with a different task
    const { xml, application, survey } = collaboration("pin");
    expect((await deploy(xml, true)).status).toBe(201);
    const newer = await deploy(xml.replaceAll('"laporan-survei"', '"laporan-survei-baru"'), true, survey);
    expect(newer.status, JSON.stringify(newer.body)).toBe(201);
    expect(newer.body.versions.map((v) => [v.processId, v.version])).toEqual([[survey, 2]]);

    // when a case of the application process (version 1) starts
    const caseId = await startCase(application);

    // then its call runs the survey deployed with it (version 1's task), not the newer one
    await completeSurvey(caseId, "laporan-survei");
  });

  it("publishes the drafts of one deployment together", async () => {
    // given the collaboration deployed as drafts
    const { xml, application, survey } = collaboration("draft");
    const draft = await deploy(xml, false);
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body.versions.map((v) => v.status)).toEqual(["draft", "draft"]);

    // when the admin publishes the application process's version
    const res = await call(app, admin, "POST", `/processes/versions/${draft.body.version.id}/publish`);

    // then the survey deployed with it is published too, and a case runs through both
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as ProcessVersionView).status).toBe("published");
    expect((await versionsOf(survey)).map((v) => v.status)).toEqual(["published"]);
    const caseId = await startCase(application);
    await completeSurvey(caseId, "laporan-survei");
  });

  it("refuses the whole file when one process has an error, naming the process, and stores nothing", async () => {
    // given the collaboration whose survey task names no role
    const { xml, application, survey } = collaboration("invalid");
    const broken = xml.replace('<zeebe:assignmentDefinition candidateGroups="front-office" />', "");

    // when the admin publishes it
    const { status, body } = await deploy(broken, true);

    // then the refusal names the survey process at fault, and neither process has a version
    expect(status, JSON.stringify(body)).toBe(422);
    expect(body.code).toBe("model-invalid");
    const errors = body.details!.problems.filter((p) => p.severity === "error" && !p.code.startsWith("bpmnlint/"));
    expect(errors).toContainEqual(
      expect.objectContaining({ code: "user-task-without-role", elementId: "laporan-survei", processId: survey }),
    );
    expect(await versionsOf(application)).toEqual([]);
    expect(await versionsOf(survey)).toEqual([]);
  });
});
