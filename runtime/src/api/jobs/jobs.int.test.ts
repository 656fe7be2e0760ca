/**
 * External job workers on the real servers (PostgreSQL, the Temporal dev server, a worker running
 * bpmnProcess): a job type no connector runs is served through the job API by a worker holding a
 * credential for it: activation with long polling and a lock, completion with variables, failure
 * with retries and back-off, a BPMN error caught by the model, lock expiry, no worker at all, a
 * job its case no longer waits for, and workers in Python over plain HTTP, one killed mid-job.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as delay } from "node:timers/promises";
import type { ActivatedJob, CaseView, WorkerCredentialCreated } from "@alur/shared/api";
import { serve } from "@hono/node-server";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../logger";
import type { Db } from "../../store/db";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, startApiHarness, waitForCase } from "../../testing/api-harness";
import { sweepJobs } from "./job-sweeper";

const TASK_QUEUE = "api-jobs";
const TAG = `${process.pid}${Date.now().toString(36)}`;
const BANSOS = `layanan-bansos-${TAG}`;
const PYTHON = `layanan-bansos-py-${TAG}`;
const UNSERVED = `layanan-tanpa-pekerja-${TAG}`;
const DEADLINE = `layanan-batas-waktu-${TAG}`;
const TYPE = `bansos-transfer-${TAG}`;
const PY_TYPE = `bansos-python-${TAG}`;
const NOBODY_TYPE = `arsip-eksternal-${TAG}`;
const DEADLINE_TYPE = `cek-dukcapil-${TAG}`;
const CAST = [
  { key: "admin", district: "3216", role: "district-admin" },
  { key: "front-office", district: "3216", role: "front-office" },
  { key: "smd-admin", district: "3211", role: "district-admin" },
  { key: "smd-front", district: "3211", role: "front-office" },
] as const;

let harness: ApiHarness;
let db: Db;
let app: TestApp;
let as: Record<string, Session>;
/** Bearer headers of worker credentials: Bekasi's (all four types), Sumedang's, Bekasi's narrow one. */
let bekasi: Session;
let sumedang: Session;
let narrow: Session;
let narrowId: string;

function fixture(name: string, processId: string, type: string): string {
  const base = name.replace(".bpmn", "");
  return readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8")
    .replaceAll(`"${base}"`, `"${processId}"`)
    .replaceAll("__TYPE__", type);
}

async function deploy(xml: string, district: string, session: Session) {
  const res = await call(app, session, "POST", "/processes", { bpmnXml: xml, district, publish: true });
  if (res.status !== 201) throw new Error(`deploy: ${res.status} ${await res.text()}`);
}

async function credential(session: Session, body: unknown): Promise<WorkerCredentialCreated> {
  const res = await call(app, session, "POST", "/workers", body);
  if (res.status !== 201) throw new Error(`credential: ${res.status} ${await res.text()}`);
  return (await res.json()) as WorkerCredentialCreated;
}

const bearer = (token: string): Session => ({
  username: "worker",
  userId: "",
  headers: { authorization: `Bearer ${token}` },
});

beforeAll(async () => {
  harness = await startApiHarness({ taskQueue: TASK_QUEUE, usernamePrefix: `job${TAG}`, cast: CAST });
  ({ db, app, as } = harness);
  await deploy(fixture("layanan-bansos.bpmn", BANSOS, TYPE), "3216", as.admin!);
  await deploy(fixture("layanan-bansos.bpmn", `${BANSOS}-smd`, TYPE), "3211", as["smd-admin"]!);
  await deploy(fixture("layanan-bansos.bpmn", PYTHON, PY_TYPE), "3216", as.admin!);
  await deploy(fixture("layanan-batas-waktu.bpmn", UNSERVED, NOBODY_TYPE), "3216", as.admin!);
  await deploy(fixture("layanan-batas-waktu.bpmn", DEADLINE, DEADLINE_TYPE), "3216", as.admin!);
  const all = [TYPE, PY_TYPE, DEADLINE_TYPE];
  bekasi = bearer((await credential(as.admin!, { name: "bank-bekasi", district: "3216", jobTypes: all })).token);
  sumedang = bearer(
    (await credential(as["smd-admin"]!, { name: "bank-smd", district: "3211", jobTypes: [TYPE] })).token,
  );
  const narrowCredential = await credential(as.admin!, { name: "sempit", district: "3216", jobTypes: [PY_TYPE] });
  narrow = bearer(narrowCredential.token);
  narrowId = narrowCredential.id;
});

afterAll(async () => {
  await harness?.stop();
});

async function startCase(processId: string, district = "3216", who = "front-office"): Promise<string> {
  const res = await call(app, as[who]!, "POST", "/cases", {
    processId,
    district,
    applicant: { name: "Siti Aminah (uji pekerja)" },
    variables: processId.includes("batas") || processId.includes("tanpa") ? {} : { nik: "3216015505800002" },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function activate(worker: Session, body: Record<string, unknown>) {
  const res = await call(app, worker, "POST", "/jobs/activation", { worker: "uji", timeout: 30_000, ...body });
  return { status: res.status, body: (await res.json()) as { jobs: ActivatedJob[]; code?: string } };
}

/** Long-polls until the case's job is offered (its workflow reaches the task in its own time). */
async function jobOf(caseId: string, type = TYPE, timeout = 30_000, worker = bekasi): Promise<ActivatedJob> {
  const { status, body } = await activate(worker, { type, requestTimeout: 20_000, maxJobsToActivate: 1, timeout });
  expect(status, JSON.stringify(body)).toBe(200);
  const job = body.jobs[0];
  expect(job?.caseId, "the job of this case").toBe(caseId);
  return job!;
}

const answer = (worker: Session, jobKey: string, what: "completion" | "failure" | "error", body: unknown) =>
  call(app, worker, "POST", `/jobs/${jobKey}/${what}`, body);

const waitFor = (caseId: string, predicate: (c: CaseView) => boolean, what: string) =>
  waitForCase(app, as.admin!, caseId, predicate, what);

async function entered(caseId: string): Promise<string[]> {
  const res = await call(app, as.admin!, "GET", `/cases/${caseId}/timeline`);
  const { items } = (await res.json()) as { items: { type: string; elementId: string | null }[] };
  return items.filter((e) => e.type === "elementEntered").map((e) => e.elementId ?? "");
}

describe("the job-worker API", () => {
  it("offers a job to its worker under a lock; the completion's variables move the case on", async () => {
    // given a case reaching the external task
    const caseId = await startCase(BANSOS);

    // when the worker long-polls and completes the job with variables
    const job = await jobOf(caseId);
    expect(job).toMatchObject({ type: TYPE, elementId: "bayar", customHeaders: { bank: "BRI" }, retries: 2 });
    expect(job.variables).toMatchObject({ nik: "3216015505800002" });
    const done = await answer(bekasi, job.jobKey, "completion", { variables: { transfer: "berhasil" } });

    // then the gateway reads the variable and the case ends where it says
    expect(done.status, await done.clone().text()).toBe(204);
    await waitFor(caseId, (c) => c.status === "completed", "completion");
    expect(await entered(caseId)).toContain("selesai");
    // a second answer changes nothing
    const again = await answer(bekasi, job.jobKey, "completion", { variables: { transfer: "gagal" } });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe("job-closed");
    // and both the activation and the completion are audited under the credential
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "outcome", "actor_id"])
      .where("action", "in", ["job.activate", "job.complete"])
      .where(sql<boolean>`details @> ${JSON.stringify({ caseId })}::jsonb`)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["job.complete"]);
    expect(audit[0]?.actor_id).toMatch(/^worker:[0-9a-f]{16}$/);
    const activations = await db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "job.activate")
      .where("outcome", "=", "ok")
      .execute();
    expect(JSON.stringify(activations.map((a) => a.details))).toContain(caseId);
  });

  it("a failure with retries left offers the job again after its back-off; at 0 the case holds an incident", async () => {
    // given an activated job
    const caseId = await startCase(BANSOS);
    const first = await jobOf(caseId);

    // when the worker fails it with one retry left and a 1.5 s back-off
    const failed = await answer(bekasi, first.jobKey, "failure", {
      retries: 1,
      errorMessage: "bank sedang gangguan",
      retryBackOff: 1500,
    });
    expect(failed.status, await failed.clone().text()).toBe(204);

    // then it is not offered during the back-off, and is offered after it, with the retries left
    expect((await activate(bekasi, { type: TYPE, requestTimeout: 0 })).body.jobs).toEqual([]);
    const second = await jobOf(caseId);
    expect(second.retries).toBe(1);
    expect(second.jobKey.slice(0, 32)).toBe(first.jobKey.slice(0, 32));

    // when it fails with no retries left
    const last = await answer(bekasi, second.jobKey, "failure", { retries: 0, errorMessage: "rekening ditutup" });
    expect(last.status).toBe(204);

    // then the case stops with an incident naming the worker's message
    const view = await waitFor(caseId, (c) => c.status === "incident", "the incident");
    expect(view.incidents?.[0]).toMatchObject({ elementId: "bayar" });
    expect(view.incidents?.[0]?.message).toContain("rekening ditutup");
  });

  it("a BPMN error thrown by the worker is caught by the task's error boundary", async () => {
    const caseId = await startCase(BANSOS);
    const job = await jobOf(caseId);
    const res = await answer(bekasi, job.jobKey, "error", { errorCode: "NIK_TIDAK_VALID", errorMessage: "NIK ganda" });
    expect(res.status).toBe(204);
    const view = await waitFor(caseId, (c) => c.currentSteps.some((s) => s.elementId === "periksa"), "the check step");
    expect(view.status).toBe("active");
  });

  it("re-offers a job whose lock expired and refuses the late answer of its first worker", async () => {
    // given a job locked for 1 s to a worker that does not answer in time
    const caseId = await startCase(BANSOS);
    const stale = await jobOf(caseId, TYPE, 1_000);
    await delay(1_500);

    // when another worker activates it
    const fresh = await jobOf(caseId);

    // then the first worker's completion is refused, the second's is taken
    expect(fresh.jobKey).not.toBe(stale.jobKey);
    const late = await answer(bekasi, stale.jobKey, "completion", { variables: { transfer: "gagal" } });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { code: string }).code).toBe("job-lock-expired");
    expect((await answer(bekasi, fresh.jobKey, "completion", { variables: { transfer: "berhasil" } })).status).toBe(
      204,
    );
    await waitFor(caseId, (c) => c.status === "completed", "completion");
    expect(await entered(caseId)).toContain("selesai");
  });

  it("scopes a credential to its job types and district; anything else is refused and audited", async () => {
    // given a Sumedang case and a Bekasi case waiting for the same job type
    const smdCase = await startCase(`${BANSOS}-smd`, "3211", "smd-front");
    const bksCase = await startCase(BANSOS);

    // then Bekasi's credential never sees Sumedang's job, and Sumedang's gets only its own
    const bksJob = await jobOf(bksCase);
    const smdJob = await jobOf(smdCase, TYPE, 30_000, sumedang);
    expect((await answer(sumedang, bksJob.jobKey, "completion", { variables: {} })).status).toBe(404);
    expect((await answer(bekasi, smdJob.jobKey, "completion", { variables: {} })).status).toBe(404);

    // a type outside the credential: 403, audited
    const refused = await activate(narrow, { type: TYPE });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("job-type-not-allowed");
    const denial = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("actor_id", "=", `worker:${narrowId}`)
      .where("outcome", "=", "denied")
      .executeTakeFirst();
    expect(denial).toMatchObject({ action: "job.activate", resource_id: TYPE });

    // a worker token opens no other route, and a user's session none of the job API
    expect((await call(app, bekasi, "GET", "/tasks")).status).toBe(401);
    expect((await call(app, bekasi, "POST", "/processes", { bpmnXml: "<x/>" })).status).toBe(401);
    expect((await activate(as.admin!, { type: TYPE })).status).toBe(401);

    // an admin creates credentials for their own district only; only a super admin for all
    expect(
      (await call(app, as.admin!, "POST", "/workers", { name: "x", district: "3211", jobTypes: [TYPE] })).status,
    ).toBe(403);
    expect(
      (await call(app, as.admin!, "POST", "/workers", { name: "x", district: null, jobTypes: [TYPE] })).status,
    ).toBe(403);
    const listed = (await (await call(app, as.admin!, "GET", "/workers")).json()) as {
      items: { name: string; district: string }[];
    };
    expect(listed.items.map((i) => i.name)).toEqual(expect.arrayContaining(["bank-bekasi", "sempit"]));
    expect(listed.items.every((i) => i.district === "3216")).toBe(true);
    expect(JSON.stringify(listed)).not.toContain("alurw_");

    // a revoked credential is refused at once
    expect((await call(app, as["smd-admin"]!, "DELETE", `/workers/${narrowId}`)).status).toBe(403);
    const revoked = await call(app, as.admin!, "DELETE", `/workers/${narrowId}`);
    expect(revoked.status, await revoked.clone().text()).toBe(200);
    expect((await activate(narrow, { type: PY_TYPE })).status).toBe(401);

    // the jobs are still there for their own workers
    expect((await answer(bekasi, bksJob.jobKey, "completion", { variables: { transfer: "berhasil" } })).status).toBe(
      204,
    );
    expect((await answer(sumedang, smdJob.jobKey, "completion", { variables: { transfer: "berhasil" } })).status).toBe(
      204,
    );
    await waitFor(bksCase, (c) => c.status === "completed", "Bekasi's case");
    await waitForCase(app, as["smd-admin"]!, smdCase, (c) => c.status === "completed", "Sumedang's case");
  });

  it("a job no worker serves stops its case with a visible incident", async () => {
    // given a case waiting on a job type nobody serves
    const caseId = await startCase(UNSERVED);
    await waitFor(caseId, (c) => c.currentSteps.length === 0 && c.status === "active", "the job");
    await waitUntilOffered(caseId);
    await delay(1_200);

    // when the sweep runs with a 1 s limit
    const swept = await sweepJobs({ ...sweepDeps(), env: { ALUR_JOB_NO_WORKER_SECONDS: 1 } });

    // then the case holds an incident saying so, in both languages
    expect(swept.unserved).toBeGreaterThanOrEqual(1);
    const view = await waitFor(caseId, (c) => c.status === "incident", "the incident");
    expect(view.incidents?.[0]?.message).toContain(`No job worker served job type "${NOBODY_TYPE}"`);
    expect(view.incidents?.[0]?.message).toContain("Tidak ada pekerja");
  });

  it("a job its case no longer waits for (a boundary timer fired) stops being offered", async () => {
    // given a case whose 2 s boundary timer takes it past the job
    const caseId = await startCase(DEADLINE);
    await waitUntilOffered(caseId);
    await waitFor(caseId, (c) => c.status === "completed", "the timer's end");
    expect(await entered(caseId)).toContain("kedaluwarsa");

    // when the sweep checks open jobs against Temporal
    await sweepJobs(sweepDeps(), { checkSeconds: 0 });

    // then the job is ended as cancelled and no worker gets it
    const row = await db.selectFrom("external_jobs").select("state").where("case_id", "=", caseId).executeTakeFirst();
    expect(row?.state).toBe("cancelled");
    expect((await activate(bekasi, { type: DEADLINE_TYPE, requestTimeout: 0 })).body.jobs).toEqual([]);
  });
});

function sweepDeps() {
  return {
    db,
    logger: createLogger({ level: "silent", pretty: false }),
    temporal: { client: harness.env.client, taskQueue: TASK_QUEUE },
    env: { ALUR_JOB_NO_WORKER_SECONDS: 300 },
  };
}

async function waitUntilOffered(caseId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await db.selectFrom("external_jobs").select("job_key").where("case_id", "=", caseId).executeTakeFirst())) {
    if (Date.now() > deadline) throw new Error("the job was never offered");
    await delay(100);
  }
}

describe("workers in Python over plain HTTP", () => {
  let server: ReturnType<typeof serve>;
  let url: string;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const w of workers) w.kill("SIGKILL");
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  /** A Python worker; its JSON lines arrive through `events`. */
  function pythonWorker(name: string, args: string[]) {
    const child = spawn(
      "python3",
      [
        path.join(import.meta.dirname, "fixtures/job_worker.py"),
        "--url",
        url,
        "--type",
        PY_TYPE,
        "--worker",
        name,
        ...args,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    workers.push(child);
    const events: Record<string, unknown>[] = [];
    createInterface({ input: child.stdout! }).on("line", (line) => events.push(JSON.parse(line)));
    let stderr = "";
    child.stderr!.on("data", (d) => {
      stderr += String(d);
    });
    const next = async (event: string, timeoutMs = 40_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find((e) => e.event === event);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`${name}: no "${event}" (${JSON.stringify(events)}) ${stderr}`);
        await delay(100);
      }
    };
    return { child, events, next };
  }

  it("two workers, one killed mid-job: the job is offered again and completed once", async () => {
    // given a fresh credential for the Python type and a case waiting for it
    const token = (await credential(as.admin!, { name: "python", district: "3216", jobTypes: [PY_TYPE] })).token;
    const caseId = await startCase(PYTHON);

    // when worker A activates the job with a 2 s lock and is killed before it answers
    const a = pythonWorker("worker-a", ["--token", token, "--lock-ms", "2000", "--hang"]);
    const activatedByA = await a.next("activated");
    expect(activatedByA.caseId).toBe(caseId);
    a.child.kill("SIGKILL");

    // and worker B is polling for the same type
    const b = pythonWorker("worker-b", ["--token", token, "--lock-ms", "30000"]);
    const completed = await b.next("completed");

    // then B got the same job after A's lock expired and completed it; the case used B's variables
    expect(completed).toMatchObject({ caseId, status: 204 });
    expect(String(completed.jobKey).slice(0, 32)).toBe(String(activatedByA.jobKey).slice(0, 32));
    await waitFor(caseId, (c) => c.status === "completed", "completion");
    expect(await entered(caseId)).toContain("selesai");
    const row = await db
      .selectFrom("external_jobs")
      .select(["state", "activations", "worker"])
      .where("case_id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: "completed", activations: 2, worker: "worker-b" });
    // completed once: one completion audited, and A's key is refused if it ever comes back
    const completions = await db
      .selectFrom("audit_log")
      .select("outcome")
      .where("action", "=", "job.complete")
      .where(sql<boolean>`details @> ${JSON.stringify({ caseId })}::jsonb`)
      .execute();
    expect(completions).toEqual([{ outcome: "ok" }]);
    const lateA = await answer(bearer(token), String(activatedByA.jobKey), "completion", { variables: {} });
    expect(lateA.status).toBe(409);
  });
});
