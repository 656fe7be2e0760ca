/**
 * A connector outage on the real servers (PostgreSQL, the Temporal dev server, a worker running
 * bpmnProcess, a local HTTP server as the outside system): the http service task fails after its
 * retries, the case holds a `connector-failed` incident (its catch-all error boundary does not take
 * it), the outside system recovers, the district admin retries through the API and the case ends.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { CaseView } from "@alur/shared/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../store/db";
import { type OutsideSystem, startOutsideSystem } from "../../testing";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, caseView, startApiHarness, waitForCase } from "../../testing/api-harness";

const TASK_QUEUE = "api-incidents";
const TAG = `${process.pid}${Date.now().toString(36)}`;
const PROCESS_ID = `layanan-http-${TAG}`;
// Accounts of their own, so the test does not depend on which other file seeded the database.
const CAST = [
  { key: "admin", district: "3216", role: "district-admin" },
  { key: "front-office", district: "3216", role: "front-office" },
  { key: "kepala-bidang", district: "3216", role: "kepala-bidang" },
  { key: "smd-admin", district: "3211", role: "district-admin" },
] as const;

let harness: ApiHarness;
let db: Db;
let app: TestApp;
let as: Record<string, Session>;

// The outside system (think SIKS-NG): answers 500 until it is switched back to 200.
let dtks: OutsideSystem;

beforeAll(async () => {
  dtks = await startOutsideSystem({ ok: { terdaftar: true, desil: 2 }, failing: { error: "sedang gangguan" } });
  harness = await startApiHarness({
    taskQueue: TASK_QUEUE,
    usernamePrefix: `inc${TAG}`,
    cast: CAST,
    httpAllow: "127.0.0.1",
  });
  ({ db, app, as } = harness);
  const xml = readFileSync(path.join(import.meta.dirname, "fixtures/layanan-http.bpmn"), "utf8")
    .replaceAll("__DTKS_URL__", dtks.url("/dtks"))
    .replaceAll('"layanan-http"', `"${PROCESS_ID}"`);
  const deploy = await call(app, as.admin!, "POST", "/processes", { bpmnXml: xml, district: "3216", publish: true });
  if (deploy.status !== 201) throw new Error(`deploy: ${deploy.status} ${await deploy.text()}`);
});

afterAll(async () => {
  await harness?.stop();
  await dtks?.close();
});

const caseOf = (caseId: string, s: Session = as.admin!) => caseView(app, s, caseId);
const waitFor = (caseId: string, predicate: (c: CaseView) => boolean, what: string) =>
  waitForCase(app, as.admin!, caseId, predicate, what);

async function startCase(): Promise<string> {
  const res = await call(app, as["front-office"]!, "POST", "/cases", {
    processId: PROCESS_ID,
    district: "3216",
    applicant: { name: "Sri Wahyuni (uji insiden)" },
    variables: { nik: "3216015505800002" },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe("a connector outage through the API", () => {
  it("shows a connector-failed incident, not the error boundary; the admin retries once the system is back", async () => {
    // given the outside system is down and a case calls it (retries="1": two attempts)
    dtks.status = 500;
    dtks.calls = 0;
    const caseId = await startCase();

    // when its retries run out
    const failed = await waitFor(caseId, (c) => c.status === "incident", "the incident");

    // then the case shows the incident and the catch-all boundary's manual step did not open
    expect(dtks.calls).toBe(2);
    expect(failed.currentSteps).toEqual([]);
    expect(failed.incidents).toHaveLength(1);
    const incident = failed.incidents![0]!;
    expect(incident).toMatchObject({ code: "connector-failed", elementId: "cekDtks" });
    expect(incident.message).toContain("HTTP 500");
    expect(Number.isNaN(Date.parse(incident.at))).toBe(false);

    // an unknown incident id is refused with a clear message and changes nothing
    const unknown = await call(app, as.admin!, "POST", `/cases/${caseId}/incidents/x999/retry`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      code: "not-found",
      details: { code: "unknown-incident", id: expect.stringContaining("x999"), en: expect.stringContaining("x999") },
    });

    // when the system is back and the district admin retries, fixing a variable on the way
    dtks.status = 200;
    const retried = await call(app, as.admin!, "POST", `/cases/${caseId}/incidents/${incident.id}/retry`, {
      variables: { dicobaUlangOleh: "bks.admin" },
    });

    // then the connector runs again and the case completes on the success path
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as CaseView).incidents ?? []).toEqual([]);
    const done = await waitFor(caseId, (c) => c.status === "completed", "completion");
    expect(done.incidents).toEqual([]);
    expect(dtks.calls).toBe(3);
    const timeline = (await (await call(app, as.admin!, "GET", `/cases/${caseId}/timeline`)).json()) as {
      items: { type: string; elementId: string | null; actor: string | null; data: Record<string, unknown> }[];
    };
    const types = timeline.items.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["incident", "incidentResolved", "case.incident-retried"]));
    expect(timeline.items.find((e) => e.type === "case.incident-retried")).toMatchObject({
      actor: as.admin!.userId,
      data: { incidentId: incident.id, variables: ["dicobaUlangOleh"] },
    });
    const entered = timeline.items.filter((e) => e.type === "elementEntered").map((e) => e.elementId);
    expect(entered).toContain("selesai");
    expect(entered).not.toContain("manual");
  });

  it("only the super admin and the case district's admin may retry; others get an audited 403", async () => {
    // given a case holding an incident
    dtks.status = 500;
    const caseId = await startCase();
    const failed = await waitFor(caseId, (c) => (c.incidents ?? []).length > 0, "the incident");
    const url = `/cases/${caseId}/incidents/${failed.incidents![0]!.id}/retry`;

    // when a head of the district and another district's admin try
    for (const who of ["kepala-bidang", "smd-admin"]) {
      const res = await call(app, as[who]!, "POST", url);

      // then 403, audited, and the incident is still there
      expect(res.status).toBe(403);
      const denial = await db
        .selectFrom("audit_log")
        .selectAll()
        .where("actor_id", "=", as[who]!.userId)
        .where("action", "=", "case.retry-incident")
        .where("outcome", "=", "denied")
        .where("resource_id", "=", caseId)
        .execute();
      expect(denial).toHaveLength(1);
    }
    expect((await caseOf(caseId)).incidents).toHaveLength(1);
    // (the case is left holding its incident: nothing else waits on it)
  });
});
