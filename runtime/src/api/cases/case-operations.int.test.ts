/**
 * Supervising a case: cancelling it, and correcting its data. Cancelling a case through the API on the real servers (PostgreSQL, the Temporal dev server, a
 * worker running bpmnProcess): who may, what a user then sees (tasks gone from the inbox, the case
 * cancelled, the reason on the timeline), called cases ending with their caller, and the audit.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { CaseView, InboxPage } from "@alur/shared/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../store/db";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, startApiHarness, waitForCase } from "../../testing/api-harness";

const TAG = `${process.pid}${Date.now().toString(36)}`;
const VISIT_ID = `layanan-kunjungan-batal-${TAG}`;
const CALLER_ID = `layanan-panggil-batal-${TAG}`;
const CORRECT_ID = `layanan-koreksi-${TAG}`;
const CAST = [
  { key: "admin", district: "3216", role: "district-admin" },
  { key: "kabid", district: "3216", role: "kepala-bidang" },
  { key: "front-office", district: "3216", role: "front-office" },
  { key: "smd-admin", district: "3211", role: "district-admin" },
] as const;

let harness: ApiHarness;
let db: Db;
let app: TestApp;
let as: Record<string, Session>;

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

async function deploy(bpmnXml: string, forms?: Record<string, unknown>): Promise<void> {
  const res = await call(app, as.admin!, "POST", "/processes", { bpmnXml, district: "3216", publish: true, forms });
  if (res.status !== 201) throw new Error(`deploy: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  harness = await startApiHarness({ taskQueue: "api-cancel", usernamePrefix: `bt${TAG}`, cast: CAST });
  ({ db, app, as } = harness);
  await deploy(fixture("layanan-kunjungan.bpmn").replaceAll('"layanan-kunjungan"', `"${VISIT_ID}"`), {
    "laporan-kunjungan": { components: [{ type: "textfield", key: "hasilKunjungan", label: "Hasil kunjungan" }] },
  });
  await deploy(
    fixture("layanan-panggil.bpmn")
      .replaceAll('"layanan-panggil"', `"${CALLER_ID}"`)
      .replaceAll("__CALL__", "kunjungan")
      .replaceAll("__CALLED__", VISIT_ID),
  );
  await deploy(fixture("layanan-koreksi.bpmn").replaceAll('"layanan-koreksi"', `"${CORRECT_ID}"`));
});

afterAll(async () => {
  await harness?.stop();
});

async function startCase(processId: string, variables?: Record<string, unknown>): Promise<string> {
  const res = await call(app, as["front-office"]!, "POST", "/cases", {
    processId,
    district: "3216",
    applicant: { name: "Budi Santoso (uji pembatalan)" },
    ...(variables ? { variables } : {}),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The front office's free tasks of the case. */
async function inboxOf(caseId: string): Promise<string[]> {
  const res = await call(app, as["front-office"]!, "GET", "/tasks?scope=unassigned&limit=200");
  const page = (await res.json()) as InboxPage;
  return page.items.filter((t) => t.caseId === caseId).map((t) => t.elementId);
}

const waitFor = (caseId: string, predicate: (c: CaseView) => boolean, what: string) =>
  waitForCase(app, as.admin!, caseId, predicate, what);

async function untilInInbox(caseId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await inboxOf(caseId)).length === 0) {
    if (Date.now() > deadline) throw new Error("the task never reached the inbox");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("cancelling a case", () => {
  it("by the head of division: tasks leave the inbox, the case is cancelled, the reason is on the timeline and audited", async () => {
    // given a case waiting on the front office
    const caseId = await startCase(VISIT_ID);
    await untilInInbox(caseId);

    // when staff without the right, or another district's admin, try: 403, audited, nothing changes
    for (const who of ["front-office", "smd-admin"]) {
      const denied = await call(app, as[who]!, "POST", `/cases/${caseId}/cancel`, { reason: "coba batalkan" });
      expect(denied.status).toBe(403);
    }
    const denials = await db
      .selectFrom("audit_log")
      .select("actor_id")
      .where("action", "=", "case.cancel")
      .where("outcome", "=", "denied")
      .where("resource_id", "=", caseId)
      .execute();
    expect(denials.map((d) => d.actor_id).sort()).toEqual([as["front-office"]!.userId, as["smd-admin"]!.userId].sort());
    expect(await inboxOf(caseId)).toEqual(["laporanKunjungan"]);
    // a reason is required
    expect((await call(app, as.kabid!, "POST", `/cases/${caseId}/cancel`, { reason: " " })).status).toBe(400);

    // when the head of division cancels it with a reason
    const res = await call(app, as.kabid!, "POST", `/cases/${caseId}/cancel`, { reason: "Pemohon mengundurkan diri" });

    // then the case is cancelled and its task is gone from the inbox
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ id: caseId, status: "cancelled" });
    await waitFor(caseId, (c) => c.status === "cancelled", "the cancelled case");
    expect(await inboxOf(caseId)).toEqual([]);
    const tasks = await db.selectFrom("tasks").select("status").where("case_id", "=", caseId).execute();
    expect(tasks.map((t) => t.status)).toEqual(["cancelled"]);
    // the timeline says who and why; the audit log too
    const timeline = (await (await call(app, as.admin!, "GET", `/cases/${caseId}/timeline`)).json()) as {
      items: { type: string; actor: string | null; data: Record<string, unknown> }[];
    };
    expect(timeline.items.find((e) => e.type === "case.cancel-requested")).toMatchObject({
      actor: as.kabid!.userId,
      data: { reason: "Pemohon mengundurkan diri", authorName: expect.any(String) },
    });
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "case.cancel")
      .where("outcome", "=", "ok")
      .where("resource_id", "=", caseId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: as.kabid!.userId, details: { reason: "Pemohon mengundurkan diri" } });

    // and cancelling again is refused
    const again = await call(app, as.admin!, "POST", `/cases/${caseId}/cancel`, { reason: "sekali lagi" });
    expect(again.status).toBe(409);
  });

  it("by the district admin: a case waiting in a called process ends with it, the called task leaves the inbox", async () => {
    // given a case whose call activity waits on the called process's task
    const caseId = await startCase(CALLER_ID);
    await untilInInbox(caseId);

    // when the district admin cancels the calling case
    const res = await call(app, as.admin!, "POST", `/cases/${caseId}/cancel`, {
      reason: "Berkas ganda, diajukan dua kali",
    });

    // then both end and no task of theirs is left open
    expect(res.status, await res.clone().text()).toBe(200);
    await waitFor(caseId, (c) => c.status === "cancelled", "the cancelled case");
    const deadline = Date.now() + 30_000;
    while ((await inboxOf(caseId)).length > 0) {
      if (Date.now() > deadline) throw new Error("the called task stayed in the inbox");
      await new Promise((r) => setTimeout(r, 100));
    }
    const open = await db
      .selectFrom("tasks")
      .select("id")
      .where("case_id", "=", caseId)
      .where("status", "in", ["open", "claimed"])
      .execute();
    expect(open).toEqual([]);
  });
});

describe("correcting a case's data", () => {
  it("the head corrects a mistyped value with a reason; the next decision reads it; audited with old and new values", async () => {
    // given a case registered with a mistyped income decile (9 instead of 2)
    const caseId = await startCase(CORRECT_ID, { desil: 9, alamat: "Jl. Melati 3" });
    await untilInInbox(caseId);
    const url = `/cases/${caseId}/variables`;
    const shown = (await (await call(app, as.kabid!, "GET", url)).json()) as {
      variables: Record<string, unknown>;
      correctable: string[];
    };
    expect(shown.variables).toMatchObject({ desil: 9, alamat: "Jl. Melati 3" });
    expect(shown.correctable).toEqual(expect.arrayContaining(["desil", "alamat"]));
    expect(shown.correctable).not.toContain("caseNumber");

    // when staff without the right try, or the head names what the case does not hold or may not change
    expect(
      (await call(app, as["front-office"]!, "POST", url, { variables: { desil: 2 }, reason: "salah ketik" })).status,
    ).toBe(403);
    expect((await call(app, as["front-office"]!, "GET", url)).status).toBe(403);
    const unknown = await call(app, as.kabid!, "POST", url, { variables: { gaji: 1 }, reason: "salah ketik" });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ code: "correction-refused", details: { fields: ["gaji"] } });
    expect(
      (await call(app, as.kabid!, "POST", url, { variables: { caseNumber: "X" }, reason: "salah ketik" })).status,
    ).toBe(422);
    expect((await call(app, as.kabid!, "POST", url, { variables: { desil: 2 }, reason: "" })).status).toBe(400);

    // when the head corrects it with a reason
    const res = await call(app, as.kabid!, "POST", url, {
      variables: { desil: 2 },
      reason: "Salah ketik saat pendaftaran (desil 2 menurut DTKS)",
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { variables: Record<string, unknown> }).variables).toMatchObject({ desil: 2 });

    // then the verification's decision reads the corrected value
    const inbox = (await (
      await call(app, as["front-office"]!, "GET", "/tasks?scope=unassigned&limit=200")
    ).json()) as InboxPage;
    const task = inbox.items.find((t) => t.caseId === caseId)!;
    const done = await call(app, as["front-office"]!, "POST", `/tasks/${task.id}/complete`, {
      revision: task.revision,
      data: {},
    });
    expect(done.status, await done.clone().text()).toBe(200);
    await waitFor(caseId, (c) => c.status === "completed", "completion");
    const timeline = (await (await call(app, as.admin!, "GET", `/cases/${caseId}/timeline`)).json()) as {
      items: { type: string; elementId: string | null; data: Record<string, unknown> }[];
    };
    expect(timeline.items.filter((e) => e.type === "elementEntered").map((e) => e.elementId)).toContain("diterima");
    expect(timeline.items.find((e) => e.type === "variablesCorrected")?.data).toMatchObject({
      variables: ["desil"],
      reason: "Salah ketik saat pendaftaran (desil 2 menurut DTKS)",
      actor: as.kabid!.userId,
    });
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "case.correct-variables")
      .where("outcome", "=", "ok")
      .where("resource_id", "=", caseId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: as.kabid!.userId, before: { desil: 9 }, after: { desil: 2 } });
    // a case that ended takes no correction
    expect((await call(app, as.kabid!, "POST", url, { variables: { desil: 3 }, reason: "terlambat" })).status).toBe(
      409,
    );
  });
});
