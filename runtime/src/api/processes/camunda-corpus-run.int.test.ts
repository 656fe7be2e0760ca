/**
 * The Camunda 8 corpus end to end (issue 14 "Done when"), on the real servers (PostgreSQL, the
 * Temporal dev server, a worker running bpmnProcess, a local HTTP server as the REST connector's
 * outside system): every model of workflows/camunda-corpus, unchanged but for process ids made
 * unique to the run and the edits its manifest lists, is published through POST /processes; a
 * case is started through POST /cases and driven by the model's `run` script through the API
 * alone: user tasks from the inbox, claimed and completed by a cast member holding the role (or
 * named by FEEL in the start data); custom job types served by one external worker through the
 * job API (POST /workers, /jobs/activation, /jobs/{jobKey}/completion|error); messages through
 * POST /cases/{id}/messages; signals through POST /signals. Each case must complete at the end
 * events its script names. Cases run in parallel.
 */

import { setTimeout as delay } from "node:timers/promises";
import type { ActivatedJob, CaseView, InboxPage, TaskDetail, WorkerCredentialCreated } from "@alur/shared/api";
import { executableProcesses, parseBpmn } from "@alur/shared/compiler";
import {
  type CorpusModel,
  type CorpusStep,
  loadCamundaCorpus,
  loadCorpusManifest,
  withCast,
} from "@alur/workflows/camunda-corpus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OutsideSystem, startOutsideSystem } from "../../testing";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, caseView, startApiHarness } from "../../testing/api-harness";

const TAG = `${process.pid}${Date.now().toString(36)}`;
const DISTRICT = "3216";
const PREFIX = `c8run${TAG}`;
const manifest = loadCorpusManifest();
const corpus = loadCamundaCorpus();
const CAST = [
  { key: "admin", district: DISTRICT, role: "district-admin" },
  ...Object.entries(manifest.cast).map(([key, role]) => ({ key, district: DISTRICT, role })),
];
const username = (key: string) => `${PREFIX}.${key}`;
/** How long one step may wait for the engine (a loaded 2-core machine runs 18 cases at once). */
const STEP_MS = 60_000;

let harness: ApiHarness;
let app: TestApp;
let as: Record<string, Session>;
let scoring: OutsideSystem;
let jobs: JobBroker;
/** Every process id of the corpus: renamed together, so calls across files still find each other. */
const processIds = [
  ...new Set(corpus.flatMap((m) => [...m.xml.matchAll(/<bpmn:process id="([^"]+)"/g)].map((x) => x[1]!))),
];
const unique = (id: string) => `${id}-${TAG}`;

/** The model as this run deploys it: its manifest's edits, then every corpus process id made unique. */
function forThisRun(model: CorpusModel): string {
  const edited = model.run.edits.reduce(
    (xml, e) => xml.replaceAll(e.find, e.replace.replaceAll("{{outsideSystem}}", scoring.url("").replace(/\/$/, ""))),
    model.xml,
  );
  return processIds.reduce((xml, id) => xml.replaceAll(`"${id}"`, `"${unique(id)}"`), edited);
}

const bearer = (token: string): Session => ({
  username: "worker",
  userId: "",
  headers: { authorization: `Bearer ${token}` },
});

/**
 * One external job worker for the whole run, as a real one would be: a long poll per job type
 * while a step waits for a job of it; each job goes to the case (and element) whose step asks
 * for it. Several models share a type (payment-service), so the job is matched by its case.
 */
class JobBroker {
  private readonly held: ActivatedJob[] = [];
  private readonly polling = new Map<string, Promise<void>>();
  private waiting = new Map<string, number>();
  private stopped = false;

  constructor(readonly worker: Session) {}

  async next(type: string, caseId: string, elementId: string): Promise<ActivatedJob> {
    this.waiting.set(type, (this.waiting.get(type) ?? 0) + 1);
    if (!this.polling.has(type)) this.polling.set(type, this.poll(type));
    try {
      const deadline = Date.now() + STEP_MS;
      for (;;) {
        const i = this.held.findIndex((j) => j.type === type && j.caseId === caseId && j.elementId === elementId);
        if (i >= 0) return this.held.splice(i, 1)[0]!;
        if (Date.now() > deadline) throw new Error(`no ${type} job for ${caseId}@${elementId}`);
        await delay(100);
      }
    } finally {
      this.waiting.set(type, this.waiting.get(type)! - 1);
    }
  }

  private async poll(type: string): Promise<void> {
    while (!this.stopped && (this.waiting.get(type) ?? 0) > 0) {
      const res = await call(app, this.worker, "POST", "/jobs/activation", {
        type,
        worker: "camunda-corpus",
        maxJobsToActivate: 10,
        timeout: 120_000,
        requestTimeout: 2_000,
      });
      expect(res.status, await res.clone().text()).toBe(200);
      this.held.push(...((await res.json()) as { jobs: ActivatedJob[] }).jobs);
    }
    this.polling.delete(type);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.polling.values());
  }
}

async function timeline(caseId: string): Promise<{ type: string; elementId: string | null }[]> {
  const res = await call(app, as.admin!, "GET", `/cases/${caseId}/timeline`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { type: string; elementId: string | null }[] }).items;
}

/** Waits until the case's timeline holds an event of `type` at `elementId`. */
async function reached(caseId: string, type: string, elementId: string): Promise<void> {
  const deadline = Date.now() + STEP_MS;
  while (!(await timeline(caseId)).some((e) => e.type === type && e.elementId === elementId)) {
    if (Date.now() > deadline) throw new Error(`case ${caseId} never had ${type} at ${elementId}`);
    await delay(200);
  }
}

/**
 * The user task `elementId` of the case as cast member `who` finds it in the inbox: assigned to
 * them (scope mine) or free for their role or as a candidate user (scope unassigned).
 */
async function inboxTask(processId: string, caseId: string, elementId: string, who: Session) {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    for (const scope of ["mine", "unassigned"]) {
      const res = await call(app, who, "GET", `/tasks?scope=${scope}&service=${encodeURIComponent(processId)}`);
      expect(res.status).toBe(200);
      const item = ((await res.json()) as InboxPage).items.find(
        (t) => t.caseId === caseId && t.elementId === elementId,
      );
      if (item) return item;
    }
    if (Date.now() > deadline) throw new Error(`${who.username} never saw task ${elementId} of ${caseId}`);
    await delay(200);
  }
}

async function runStep(step: CorpusStep, processId: string, caseId: string): Promise<void> {
  switch (step.do) {
    case "task": {
      const who = as[step.as]!;
      const item = await inboxTask(processId, caseId, step.elementId, who);
      let revision = item.revision;
      if (item.status === "open") {
        const claimed = await call(app, who, "POST", `/tasks/${item.id}/claim`, { revision });
        expect(claimed.status, await claimed.clone().text()).toBe(200);
        revision = ((await claimed.json()) as TaskDetail).revision;
      }
      const data = withCast(step.data, username) as Record<string, unknown>;
      const done = await call(app, who, "POST", `/tasks/${item.id}/complete`, { revision, data });
      expect(done.status, `${step.elementId}: ${await done.clone().text()}`).toBe(200);
      return;
    }
    case "job": {
      const job = await jobs.next(step.type, caseId, step.elementId);
      const res = step.errorCode
        ? await call(app, jobs.worker, "POST", `/jobs/${job.jobKey}/error`, { errorCode: step.errorCode })
        : await call(app, jobs.worker, "POST", `/jobs/${job.jobKey}/completion`, { variables: step.variables ?? {} });
      expect(res.status, `${step.elementId}: ${await res.clone().text()}`).toBe(204);
      return;
    }
    case "message": {
      if (step.after) await reached(caseId, "elementEntered", step.after);
      const res = await call(app, as["front-office"]!, "POST", `/cases/${caseId}/messages`, {
        name: step.name,
        ...(step.correlationKey !== undefined ? { correlationKey: step.correlationKey } : {}),
        payload: step.payload,
      });
      const body = (await res.json()) as { correlated: boolean; buffered: boolean };
      expect(body.correlated || body.buffered, `${step.name}: ${JSON.stringify(body)}`).toBe(true);
      return;
    }
    case "signal": {
      if (step.after) await reached(caseId, "elementEntered", step.after);
      const res = await call(app, as.admin!, "POST", "/signals", {
        district: DISTRICT,
        name: step.name,
        payload: step.payload,
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(((await res.json()) as { delivered: number }).delivered).toBeGreaterThanOrEqual(1);
      return;
    }
    case "timer":
      await reached(caseId, "elementLeft", step.elementId);
      return;
  }
}

beforeAll(async () => {
  // The REST connector's scoring service: answers what the (one) model calling it expects.
  const rest = corpus.find((m) => m.run.outsideSystem);
  scoring = await startOutsideSystem({ ok: rest?.run.outsideSystem?.answer ?? {}, failing: { error: "down" } });
  scoring.status = 200;
  harness = await startApiHarness({
    taskQueue: "api-camunda-corpus-run",
    usernamePrefix: PREFIX,
    cast: CAST,
    httpAllow: "127.0.0.1",
  });
  ({ app, as } = harness);
  // Every model published first: subscription-renewal calls payment-collection of another file,
  // which a call resolves to its newest published version when it starts.
  for (const model of corpus) {
    const res = await call(app, as.admin!, "POST", "/processes", {
      bpmnXml: forThisRun(model),
      district: DISTRICT,
      publish: true,
      ...(Object.keys(model.forms).length > 0 ? { forms: model.forms } : {}),
    });
    expect(res.status, `${model.file}: ${await res.clone().text()}`).toBe(201);
  }
  const jobTypes = [...new Set(corpus.flatMap((m) => m.run.steps.flatMap((s) => (s.do === "job" ? [s.type] : []))))];
  const created = await call(app, as.admin!, "POST", "/workers", {
    name: "camunda-corpus",
    district: DISTRICT,
    jobTypes,
  });
  expect(created.status, await created.clone().text()).toBe(201);
  jobs = new JobBroker(bearer(((await created.json()) as WorkerCredentialCreated).token));
});

afterAll(async () => {
  await jobs?.stop();
  await harness?.stop();
  await scoring?.close();
});

describe.concurrent("the Camunda 8 corpus, run end to end through the API", () => {
  it.each(corpus.map((m) => [m.file, m] as const))("%s runs to its end events", async (_file, model) => {
    // given the model published (beforeAll)
    const { definitions } = await parseBpmn(model.xml);
    const processId = unique(model.start ?? executableProcesses(definitions!)[0]!.id!);

    // when the front office starts a case with the run's start data and the script drives it
    const started = await call(app, as["front-office"]!, "POST", "/cases", {
      processId,
      district: DISTRICT,
      applicant: { name: "Siti Aminah (korpus Camunda)" },
      variables: withCast(model.run.variables, username),
    });
    expect(started.status, await started.clone().text()).toBe(201);
    const caseId = ((await started.json()) as CaseView).id;
    for (const step of model.run.steps) await runStep(step, processId, caseId);

    // then the case completes, having reached every end event the script names
    const deadline = Date.now() + STEP_MS;
    let view = await caseView(app, as.admin!, caseId);
    while (view.status !== "completed") {
      if (Date.now() > deadline || view.status === "incident")
        throw new Error(`not completed: ${JSON.stringify(view)}`);
      await delay(200);
      view = await caseView(app, as.admin!, caseId);
    }
    const entered = (await timeline(caseId)).filter((e) => e.type === "elementEntered").map((e) => e.elementId);
    expect(entered).toEqual(expect.arrayContaining(model.run.end));
    if (model.run.outsideSystem) expect(scoring.calls).toBeGreaterThanOrEqual(1);
  });
});
