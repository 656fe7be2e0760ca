/**
 * Role × district × endpoint: every cell is asserted, allowed (anything but 401/403) or denied
 * (403, and an audit entry with outcome "denied"). Resources belong to Bekasi (3216); every demo
 * user of Bekasi and Sumedang (3211) and the super admin is tried. Allowed calls are shaped to stop
 * right after authorization where a side effect would disturb other cells (e.g. a stale revision
 * gives 409, an unpublished service 422). Runs against the dev server so allowed message and
 * signal calls reach a real Temporal.
 */

import { randomUUID } from "node:crypto";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_ROLES } from "../auth/roles";
import type { DemoCredential } from "../auth/seed-demo";
import { appendAudit } from "../store/audit";
import { appendCaseEvent } from "../store/case-events";
import { insertComplaint } from "../store/complaints";
import type { Db } from "../store/db";
import { storeFile } from "../store/file-store";
import { insertProcessVersion } from "../store/process-versions";
import { closeTask } from "../store/tasks";
import { buildTestApp, call, fixtureCase, fixturePlan, type Session, signIn, type TestApp } from "../testing/api-app";
import { devServerEnv, pgliteDb } from "../testing/servers";

const HEADS = ["ketua-tim", "kepala-bidang", "sekretaris", "kepala-dinas"];
const STAFF = BUILTIN_ROLES.filter((r) => r.kind === "staff").map((r) => r.id);

let env: TestWorkflowEnvironment;
let db: Db;
let app: TestApp;
let credentials: DemoCredential[];
const sessions: Record<string, Session> = {};
let fx: Awaited<ReturnType<typeof fixtureCase>>;
/** A case of a sensitive service (as adoption is): NIK, name and the police record are restricted. */
let sensitive: Awaited<ReturnType<typeof fixtureCase>> & { skck: string; ktp: string; doneTask: string };
const CASEWORK = ["sakti-peksos", "kepala-dinas"];
const COMPLAINT_ROLE = "pengelola-pengaduan";
let answeredComplaint: string;
const APPLICANT = "Rahasia Wulandari";

beforeAll(async () => {
  env = await devServerEnv();
  db = await pgliteDb();
  let filesDir: string;
  ({ app, credentials, filesDir } = await buildTestApp(db, { client: env.client, taskQueue: "matrix-no-worker" }));
  for (const c of credentials) sessions[c.username] = await signIn(app, credentials, c.username);
  fx = await fixtureCase(db, {
    district: "3216",
    roles: ["back-office"],
    createdBy: sessions["bks.front-office"]!.userId,
  });
  sensitive = await sensitiveFixture(filesDir);
  answeredComplaint = randomUUID();
  await insertComplaint(db, {
    id: answeredComplaint,
    district: "3216",
    districtAbbreviation: "BKS",
    channel: "phone",
    processId: null,
    serviceName: null,
    caseId: null,
    name: null,
    phone: null,
    email: null,
    category: "lainnya",
    text: "Pengaduan yang sudah ditanggapi.",
    ip: null,
    trackingCodeHash: "x",
    trackUrl: "http://localhost/pengaduan/lacak",
    receivedBy: null,
    receivedAt: new Date(),
    dueAt: new Date(Date.now() + 72 * 3600_000),
  });
  await db
    .updateTable("complaints")
    .set({ responded_at: new Date(), answer: "Sudah." })
    .where("id", "=", answeredComplaint)
    .execute();
});

async function sensitiveFixture(filesDir: string) {
  const processId = "matrix-adopsi";
  await insertProcessVersion(db, {
    plan: {
      ...fixturePlan(processId, ["back-office"]),
      privacy: {
        sensitive: true,
        retention: "P5Y",
        // the family card number only the district admin sees: so an audit reader is listed for one field
        fields: { nik: CASEWORK, name: CASEWORK, laporanSosial: CASEWORK, nomorKk: ["district-admin"] },
        documents: { skck: CASEWORK },
      },
    },
    bpmnXml: "<definitions/>",
    district: "3216",
    publish: true,
    effectiveFrom: null,
    createdBy: null,
  });
  const created = await fixtureCase(db, {
    district: "3216",
    roles: ["back-office"],
    createdBy: sessions["bks.front-office"]!.userId,
    processId,
    applicantName: APPLICANT,
  });
  await db
    .updateTable("cases")
    .set({ applicant: JSON.stringify({ name: APPLICANT, nik: "3216010101010001", alamat: "Cikarang" }) })
    .where("id", "=", created.caseId)
    .execute();
  const docs: Record<string, string> = {};
  for (const requirement of ["skck", "ktp"]) {
    const id = randomUUID();
    await db
      .insertInto("case_documents")
      .values({
        id,
        case_id: created.caseId,
        requirement_id: requirement,
        sha256: await storeFile(filesDir, new TextEncoder().encode(`${requirement} of the applicant`)),
        filename: `${requirement}.pdf`,
        content_type: "application/pdf",
        size: 20,
        uploaded_by: null,
      })
      .execute();
    docs[requirement] = id;
  }
  // a social worker's finished visit: its result and its timeline entry carry the social report
  const visit = await fixtureCase(db, { district: "3216", roles: ["sakti-peksos"], createdBy: null, processId });
  await db.updateTable("tasks").set({ case_id: created.caseId }).where("id", "=", visit.task.id).execute();
  await closeTask(db, {
    taskId: visit.task.id,
    status: "completed",
    result: { laporanSosial: "Keluarga layak", tanggalKunjungan: "2026-11-01" },
    by: sessions["bks.sakti-peksos"]!.userId,
    // the user's completion: its `task.complete` audit entry carries the data entered
    audit: { ip: null },
  });
  // what the front office's start of the case records: the applicant as entered
  await appendAudit(db, {
    actorId: sessions["bks.front-office"]!.userId,
    ip: null,
    action: "case.start",
    outcome: "ok",
    resourceType: "case",
    resourceId: created.caseId,
    district: "3216",
    after: {
      caseNumber: "ADP/3216/2026/000001",
      applicant: { name: APPLICANT, nik: "3216010101010001", nomorKk: "3216020202020002", alamat: "Cikarang" },
    },
  });
  await appendCaseEvent(db, {
    caseId: created.caseId,
    type: "task.completed",
    actor: sessions["bks.sakti-peksos"]!.userId,
    data: { data: { laporanSosial: "Keluarga layak", tanggalKunjungan: "2026-11-01" } },
  });
  return { ...created, skck: docs.skck!, ktp: docs.ktp!, doneTask: visit.task.id };
}

afterAll(async () => {
  await env?.teardown();
  await db?.destroy();
});

type Who = { username: string; district: string | null; role: string };

interface Endpoint {
  name: string;
  request: () => [method: string, url: string, body?: unknown];
  allowed: (who: Who) => boolean;
}

const bks = (who: Who) => who.district === "3216";
const isSuper = (who: Who) => who.role === "super-admin";
const bksAdmin = (who: Who) => bks(who) && who.role === "district-admin";

const ENDPOINTS: Endpoint[] = [
  { name: "GET /auth/me", request: () => ["GET", "/auth/me"], allowed: () => true },
  { name: "GET /roles", request: () => ["GET", "/roles"], allowed: () => true },
  { name: "GET /org-units", request: () => ["GET", "/org-units"], allowed: () => true },
  {
    name: "POST /roles",
    request: () => ["POST", "/roles", { id: "role-exists-check", nameId: "x", nameEn: "x" }],
    allowed: (w) => isSuper(w) || w.role === "district-admin",
  },
  {
    name: "GET /users?district=3216",
    request: () => ["GET", "/users?district=3216"],
    allowed: (w) => isSuper(w) || bksAdmin(w),
  },
  {
    name: "POST /users (Bekasi)",
    // an existing username: allowed callers get 409, so no user is created
    request: () => [
      "POST",
      "/users",
      {
        username: "bks.admin",
        displayName: "x",
        password: "long-enough-pw",
        orgUnitId: "3216",
        roles: ["back-office"],
      },
    ],
    allowed: (w) => isSuper(w) || bksAdmin(w),
  },
  {
    // the name it already has: allowed callers change nothing
    name: "PATCH /users/{bekasi back office}",
    request: () => ["PATCH", `/users/${sessions["bks.back-office"]!.userId}`, { displayName: "Demo bks.back-office" }],
    allowed: (w) => isSuper(w) || bksAdmin(w),
  },
  {
    name: "POST /users/{bekasi back office}/enable (already enabled)",
    request: () => ["POST", `/users/${sessions["bks.back-office"]!.userId}/enable`],
    allowed: (w) => isSuper(w) || bksAdmin(w),
  },
  {
    // a taken username: allowed callers get 422 and nothing is imported (another district's admin
    // too, each row then also names the unit they may not manage)
    name: "POST /users/import",
    request: () => [
      "POST",
      "/users/import",
      { csv: "username,displayName,district,roles\nbks.admin,X,3216,back-office\n" },
    ],
    allowed: (w) => isSuper(w) || w.role === "district-admin",
  },
  {
    name: "GET /acting?district=3216",
    request: () => ["GET", "/acting?district=3216"],
    allowed: (w) => isSuper(w) || bksAdmin(w),
  },
  {
    // a wrong current password: 400 for everyone, changes nothing
    name: "POST /auth/password",
    request: () => ["POST", "/auth/password", { currentPassword: "not-the-password", newPassword: "whatever-1234" }],
    allowed: () => true,
  },
  {
    name: "POST /users/disable-demo",
    // no non-demo super admin exists here: the allowed caller gets 409 and nothing is disabled
    request: () => ["POST", "/users/disable-demo"],
    allowed: isSuper,
  },
  {
    name: "POST /processes (Bekasi)",
    request: () => ["POST", "/processes", { bpmnXml: "<not-bpmn/>", district: "3216" }],
    allowed: (w) => isSuper(w) || bksAdmin(w),
  },
  {
    name: "GET /processes/versions/{bekasi}",
    request: () => ["GET", `/processes/versions/${fx.versionId}`],
    allowed: (w) => isSuper(w) || bks(w),
  },
  {
    // the fixture's model has no standard: an allowed caller gets 422, never 403
    name: "GET /processes/versions/{bekasi}/standard",
    request: () => ["GET", `/processes/versions/${fx.versionId}/standard`],
    allowed: (w) => isSuper(w) || bks(w),
  },
  {
    name: "GET /processes/versions/{bekasi}/standard.pdf",
    request: () => ["GET", `/processes/versions/${fx.versionId}/standard.pdf`],
    allowed: (w) => isSuper(w) || bks(w),
  },
  {
    name: "POST /processes/versions/{bekasi}/publish",
    request: () => ["POST", `/processes/versions/${fx.versionId}/publish`],
    allowed: (w) => isSuper(w) || bksAdmin(w),
  },
  {
    name: "POST /cases (Bekasi)",
    request: () => ["POST", "/cases", { processId: "not-published", district: "3216", applicant: { name: "X" } }],
    allowed: (w) => bks(w) && w.role === "front-office",
  },
  {
    name: "GET /cases/{bekasi}",
    request: () => ["GET", `/cases/${fx.caseId}`],
    allowed: (w) =>
      isSuper(w) || (bks(w) && ["district-admin", "front-office", "back-office", ...HEADS].includes(w.role)),
  },
  {
    name: "GET /cases/{bekasi}/timeline",
    request: () => ["GET", `/cases/${fx.caseId}/timeline`],
    allowed: (w) =>
      isSuper(w) || (bks(w) && ["district-admin", "front-office", "back-office", ...HEADS].includes(w.role)),
  },
  {
    name: "GET /cases/{sensitive}",
    request: () => ["GET", `/cases/${sensitive.caseId}`],
    // back-office has the case's task, sakti-peksos its finished visit
    allowed: (w) =>
      isSuper(w) ||
      (bks(w) && ["district-admin", "front-office", "back-office", "sakti-peksos", ...HEADS].includes(w.role)),
  },
  {
    name: "GET /cases/{sensitive}/documents/{ktp}",
    request: () => ["GET", `/cases/${sensitive.caseId}/documents/${sensitive.ktp}`],
    allowed: (w) =>
      isSuper(w) ||
      (bks(w) && ["district-admin", "front-office", "back-office", "sakti-peksos", ...HEADS].includes(w.role)),
  },
  {
    name: "GET /cases/{sensitive}/documents/{skck, restricted}",
    request: () => ["GET", `/cases/${sensitive.caseId}/documents/${sensitive.skck}`],
    allowed: (w) => bks(w) && CASEWORK.includes(w.role),
  },
  {
    name: "POST /cases/{bekasi}/messages",
    request: () => ["POST", `/cases/${fx.caseId}/messages`, { name: "matrix" }],
    allowed: (w) => bks(w) && ["district-admin", "front-office", "back-office", ...HEADS].includes(w.role),
  },
  {
    name: "POST /cases/{bekasi}/incidents/{i}/retry",
    // the fixture case has no workflow: allowed callers get 409 case-not-running, nothing is retried
    request: () => ["POST", `/cases/${fx.caseId}/incidents/x1/retry`],
    allowed: (w) => isSuper(w) || bksAdmin(w),
  },
  {
    name: "POST /signals (Bekasi)",
    request: () => ["POST", "/signals", { district: "3216", name: "matrix" }],
    allowed: (w) => isSuper(w) || bksAdmin(w),
  },
  {
    name: "GET /cases/{bekasi}/tasks/{t}/eligible-users",
    request: () => ["GET", `/cases/${fx.caseId}/tasks/${fx.task.id}/eligible-users`],
    allowed: (w) => isSuper(w) || (bks(w) && ["district-admin", ...HEADS].includes(w.role)),
  },
  {
    name: "POST /cases/{bekasi}/tasks/{t}/reassign (ineligible user)",
    // nobody by that id: allowed callers get 422 reassign-invalid, the task keeps its assignee
    request: () => [
      "POST",
      `/cases/${fx.caseId}/tasks/${fx.task.id}/reassign`,
      { userId: "nobody", reason: "matrix reassign" },
    ],
    allowed: (w) => isSuper(w) || (bks(w) && ["district-admin", ...HEADS].includes(w.role)),
  },
  {
    name: "POST /cases/{bekasi}/resume (not suspended)",
    // allowed callers get 409 case-not-suspended: nothing is audited or changed
    request: () => ["POST", `/cases/${fx.caseId}/resume`, { reason: "matrix resume" }],
    allowed: (w) => isSuper(w) || (bks(w) && ["district-admin", ...HEADS].includes(w.role)),
  },
  ...(["migrations/dry-run", "migrations"] as const).map((action) => ({
    name: `POST /processes/{p}/${action} (Bekasi, unknown target version)`,
    // allowed callers get 422 migration-invalid: no case is checked or moved
    request: (): [string, string, unknown] => [
      "POST",
      `/processes/matrix-process/${action}`,
      { fromVersion: 1, toVersion: 99, district: "3216" },
    ],
    allowed: (w: Who) => isSuper(w) || (bks(w) && ["district-admin", ...HEADS].includes(w.role)),
  })),
  // batch previews count and store nothing; a filter of Bekasi is another district's for Sumedang
  {
    name: "POST /batches (cancel, Bekasi, preview)",
    request: () => ["POST", "/batches", { operation: "cancel", filter: { district: "3216" }, preview: true }],
    allowed: (w: Who) => isSuper(w) || (bks(w) && ["district-admin", ...HEADS].includes(w.role)),
  },
  {
    name: "POST /batches (retry-incidents, Bekasi, preview)",
    request: () => ["POST", "/batches", { operation: "retry-incidents", filter: { district: "3216" }, preview: true }],
    allowed: (w: Who) => isSuper(w) || bksAdmin(w),
  },
  {
    name: "GET /batches",
    request: () => ["GET", "/batches"],
    allowed: (w: Who) => isSuper(w) || (w.district !== null && ["district-admin", ...HEADS].includes(w.role)),
  },
  { name: "GET /tasks?scope=mine", request: () => ["GET", "/tasks?scope=mine"], allowed: () => true },
  { name: "GET /tasks?scope=unassigned", request: () => ["GET", "/tasks?scope=unassigned"], allowed: () => true },
  {
    name: "GET /tasks?scope=district",
    request: () => ["GET", "/tasks?scope=district"],
    allowed: (w) => w.district !== null && HEADS.includes(w.role),
  },
  {
    name: "GET /tasks/{bekasi back-office}",
    request: () => ["GET", `/tasks/${fx.task.id}`],
    allowed: (w) => bks(w) && ["back-office", ...HEADS].includes(w.role),
  },
  {
    name: "POST /tasks/{t}/claim (stale revision)",
    request: () => ["POST", `/tasks/${fx.task.id}/claim`, { revision: 999 }],
    allowed: (w) => bks(w) && w.role === "back-office",
  },
  {
    name: "POST /tasks/{t}/unclaim (stale revision)",
    request: () => ["POST", `/tasks/${fx.task.id}/unclaim`, { revision: 999 }],
    allowed: (w) => bks(w) && HEADS.includes(w.role),
  },
  {
    name: "POST /tasks/{t}/delegate (stale revision)",
    request: () => ["POST", `/tasks/${fx.task.id}/delegate`, { revision: 999, userId: "nobody" }],
    allowed: (w) => bks(w) && HEADS.includes(w.role),
  },
  {
    name: "GET /tasks/{t}/delegates",
    request: () => ["GET", `/tasks/${fx.task.id}/delegates`],
    allowed: (w) => bks(w) && ["back-office", ...HEADS].includes(w.role),
  },
  {
    name: "POST /tasks/{t}/comments",
    request: () => ["POST", `/tasks/${fx.task.id}/comments`, { text: "matrix" }],
    allowed: (w) => bks(w) && ["back-office", ...HEADS].includes(w.role),
  },
  {
    name: "PUT /tasks/{t}/draft",
    request: () => ["PUT", `/tasks/${fx.task.id}/draft`, { data: { x: 1 } }],
    allowed: (w) => bks(w) && w.role === "back-office",
  },
  {
    name: "POST /tasks/{t}/complete (stale revision)",
    request: () => ["POST", `/tasks/${fx.task.id}/complete`, { revision: 999, data: {} }],
    allowed: (w) => bks(w) && w.role === "back-office",
  },
  {
    name: "GET /audit?district=3216",
    request: () => ["GET", "/audit?district=3216"],
    allowed: (w) => isSuper(w) || bksAdmin(w),
  },
  {
    name: "GET /audit (all)",
    request: () => ["GET", "/audit"],
    allowed: (w) => isSuper(w) || w.role === "district-admin",
  },
  {
    // each district's team reads its own district's complaints (Sumedang's list is its own, empty)
    name: "GET /complaints",
    request: () => ["GET", "/complaints"],
    allowed: (w) => [COMPLAINT_ROLE, ...HEADS].includes(w.role),
  },
  {
    // a case number the district does not have: allowed callers get 404, nothing is filed
    name: "POST /complaints (unknown case)",
    request: () => [
      "POST",
      "/complaints",
      { channel: "phone", caseNumber: "TIDAK/ADA/1", category: "lainnya", text: "Uji otorisasi pengaduan." },
    ],
    allowed: (w) => ["front-office", COMPLAINT_ROLE].includes(w.role),
  },
  {
    // already answered: allowed callers get 409
    name: "POST /complaints/{answered}/answer",
    request: () => ["POST", `/complaints/${answeredComplaint}/answer`, { answer: "Jawaban uji otorisasi." }],
    allowed: (w) => bks(w) && [COMPLAINT_ROLE, ...HEADS].includes(w.role),
  },
  {
    name: "GET /reports/complaints",
    request: () => ["GET", "/reports/complaints?from=2026-01-01&to=2026-01-31&district=3216"],
    // staff get their own district's report whatever they name; the super admin names Bekasi
    allowed: (w) => isSuper(w) || ["district-admin", COMPLAINT_ROLE, ...HEADS].includes(w.role),
  },
  {
    name: "GET /reports/complaints/lapor.csv",
    request: () => ["GET", "/reports/complaints/lapor.csv?from=2026-01-01&to=2026-01-31&district=3216"],
    // staff get their own district's report whatever they name; the super admin names Bekasi
    allowed: (w) => isSuper(w) || ["district-admin", COMPLAINT_ROLE, ...HEADS].includes(w.role),
  },
  {
    // each reads their own district's report (the super admin names one)
    name: "GET /reports/performance",
    request: () => ["GET", "/reports/performance?from=2026-01&to=2026-12"],
    allowed: (w) => isSuper(w) || (w.district !== null && (HEADS.includes(w.role) || w.role === "district-admin")),
  },
  {
    name: "GET /reports/performance/csv",
    request: () => ["GET", "/reports/performance/csv?from=2026-01&to=2026-12&section=steps"],
    allowed: (w) => isSuper(w) || (w.district !== null && (HEADS.includes(w.role) || w.role === "district-admin")),
  },
];

describe("authorization matrix", () => {
  it("covers every demo role of both districts", () => {
    const roles = new Set(credentials.map((c) => c.roles[0]));
    for (const r of [...STAFF, "super-admin", "district-admin"]) expect(roles.has(r)).toBe(true);
  });

  it("allows and denies every cell as specified, auditing each denial", async () => {
    const cells: string[] = [];
    const wrong: string[] = [];
    for (const endpoint of ENDPOINTS) {
      for (const cred of credentials) {
        const who: Who = { username: cred.username, district: cred.district, role: cred.roles[0]! };
        const [method, url, body] = endpoint.request();
        const before = await db
          .selectFrom("audit_log")
          .select((eb) => eb.fn.max("id").as("max"))
          .executeTakeFirstOrThrow();
        const res = await call(app, sessions[cred.username]!, method, url, body);
        const expectAllowed = endpoint.allowed(who);
        const denied = res.status === 403 || res.status === 401;
        cells.push(`${endpoint.name} × ${cred.username}`);
        if (expectAllowed === denied) {
          wrong.push(
            `${endpoint.name} × ${cred.username}: expected ${expectAllowed ? "allowed" : "denied"}, got ${res.status} ${await res.text()}`,
          );
          continue;
        }
        if (!expectAllowed) {
          const audit = await db
            .selectFrom("audit_log")
            .selectAll()
            .where("id", ">", Number(before.max ?? 0))
            .where("outcome", "=", "denied")
            .where("actor_id", "=", sessions[cred.username]!.userId)
            .execute();
          if (audit.length !== 1) wrong.push(`${endpoint.name} × ${cred.username}: denial not audited`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(cells.length).toBe(ENDPOINTS.length * credentials.length);
    console.log(JSON.stringify({ metric: "authorization-matrix-cells", value: cells.length }));
  });
  it("withholds a sensitive case's restricted fields and documents from every role not listed, and audits every read", async () => {
    const wrong: string[] = [];
    for (const cred of credentials) {
      const session = sessions[cred.username]!;
      const role = cred.roles[0]!;
      const listed = cred.district === "3216" && CASEWORK.includes(role);
      const before = await db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.max("id").as("max"))
        .executeTakeFirstOrThrow();
      const res = await call(app, session, "GET", `/cases/${sensitive.caseId}`);
      if (res.status !== 200) continue;
      const view = (await res.json()) as {
        applicant: Record<string, unknown>;
        documents: { requirementId: string }[];
        withheld?: { fields: string[]; documents: number };
        completedSteps: { taskId: string; data: Record<string, unknown> | null }[];
      };
      const timeline = (await (await call(app, session, "GET", `/cases/${sensitive.caseId}/timeline`)).json()) as {
        items: { data: unknown }[];
      };
      const sees = {
        nik: "nik" in view.applicant,
        name: view.applicant.name === APPLICANT,
        skck: view.documents.some((d) => d.requirementId === "skck"),
        report: JSON.stringify(timeline.items).includes("Keluarga layak"),
        // the finished visit's result on the case page: the restricted report left out, the rest shown
        stepReport: JSON.stringify(view.completedSteps).includes("Keluarga layak"),
        stepDate:
          view.completedSteps.find((s) => s.taskId === sensitive.doneTask)?.data?.tanggalKunjungan === "2026-11-01",
      };
      const expected = { nik: listed, name: listed, skck: listed, report: listed, stepReport: listed, stepDate: true };
      if (JSON.stringify(sees) !== JSON.stringify(expected) || view.applicant.alamat !== "Cikarang") {
        wrong.push(`${cred.username}: sees ${JSON.stringify(sees)}, expected ${JSON.stringify(expected)}`);
      }
      if (!listed && view.withheld?.documents !== 1)
        wrong.push(`${cred.username}: withheld ${JSON.stringify(view.withheld)}`);
      const reads = await db
        .selectFrom("audit_log")
        .select(["action", "details"])
        .where("id", ">", Number(before.max ?? 0))
        .where("outcome", "=", "ok")
        .where("actor_id", "=", session.userId)
        .where("resource_id", "=", sensitive.caseId)
        .execute();
      const actions = reads.map((r) => r.action).sort();
      if (JSON.stringify(actions) !== JSON.stringify(["case.read", "case.read-timeline"])) {
        wrong.push(`${cred.username}: audited ${JSON.stringify(actions)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("leaves a restricted applicant name out of the inbox and its search, and a restricted result out of the task", async () => {
    // given the sensitive case's open task, offered to the back office (not listed for the name)
    const backOffice = sessions["bks.back-office"]!;
    const inbox = (await (await call(app, backOffice, "GET", "/tasks?scope=unassigned")).json()) as {
      items: { id: string; applicantName: string | null }[];
    };
    expect(inbox.items.find((i) => i.id === sensitive.task.id)).toMatchObject({ applicantName: null });
    expect(inbox.items.find((i) => i.id === fx.task.id)).toMatchObject({ applicantName: "Siti Aminah" });
    // the name finds nothing for them, while the case number still does
    const byName = (await (
      await call(app, backOffice, "GET", `/tasks?scope=unassigned&q=${encodeURIComponent("Rahasia")}`)
    ).json()) as {
      items: unknown[];
    };
    expect(byName.items).toEqual([]);
    const caseNumber = (
      await db.selectFrom("cases").select("case_number").where("id", "=", sensitive.caseId).executeTakeFirstOrThrow()
    ).case_number;
    const byNumber = (await (
      await call(app, backOffice, "GET", `/tasks?scope=unassigned&q=${encodeURIComponent(caseNumber)}`)
    ).json()) as {
      items: { id: string }[];
    };
    expect(byNumber.items.map((i) => i.id)).toEqual([sensitive.task.id]);
    // the head of office (listed) sees the name in the task; a head not listed does not, nor the report
    const head = await (await call(app, sessions["bks.kepala-dinas"]!, "GET", `/tasks/${sensitive.doneTask}`)).json();
    expect(head).toMatchObject({ applicantName: APPLICANT, result: { laporanSosial: "Keluarga layak" } });
    const other = (await (
      await call(app, sessions["bks.kepala-bidang"]!, "GET", `/tasks/${sensitive.doneTask}`)
    ).json()) as {
      applicantName: string | null;
      result: Record<string, unknown>;
    };
    expect(other.applicantName).toBeNull();
    expect(other.result).toEqual({ tanggalKunjungan: "2026-11-01" });
    const audited = await db
      .selectFrom("audit_log")
      .select("actor_id")
      .where("action", "=", "case.read-task")
      .where("resource_id", "=", sensitive.caseId)
      .execute();
    expect(audited.map((a) => a.actor_id).sort()).toEqual(
      [sessions["bks.kepala-dinas"]!.userId, sessions["bks.kepala-bidang"]!.userId].sort(),
    );
  });

  it("redacts the audit log's entries about a sensitive case for every reader as the case itself", async () => {
    const wrong: string[] = [];
    const readers = credentials.filter((c) => c.roles[0] === "super-admin" || c.username === "bks.admin");
    expect(readers.map((c) => c.username).sort()).toEqual(["bks.admin", "superadmin"]);
    for (const cred of credentials) {
      const session = sessions[cred.username]!;
      // the entries written by the social worker (task.complete) and the front office (case.start)
      const entries: { resourceId: string | null; action: string; withheld?: { fields: string[] } }[] = [];
      let status = 0;
      for (const author of ["bks.sakti-peksos", "bks.front-office"]) {
        const res = await call(
          app,
          session,
          "GET",
          `/audit?district=3216&limit=500&actorId=${sessions[author]!.userId}`,
        );
        status = res.status;
        if (res.status === 200) entries.push(...((await res.json()) as { items: typeof entries }).items);
      }
      if (status !== 200) {
        if (readers.includes(cred)) wrong.push(`${cred.username}: audit read ${status}`);
        continue;
      }
      const about = entries.filter((e) => e.resourceId === sensitive.caseId || e.resourceId === sensitive.doneTask);
      const text = JSON.stringify(about);
      const sees = {
        completion: about.some((e) => e.action === "task.complete") && text.includes("2026-11-01"),
        start: about.some((e) => e.action === "case.start") && text.includes("Cikarang"),
        nik: text.includes("3216010101010001"),
        name: text.includes(APPLICANT),
        report: text.includes("Keluarga layak"),
        nomorKk: text.includes("3216020202020002"),
      };
      // admins are listed for no field but the family card number, which only the district admin sees
      const expected = {
        completion: true,
        start: true,
        nik: false,
        name: false,
        report: false,
        nomorKk: cred.username === "bks.admin",
      };
      if (JSON.stringify(sees) !== JSON.stringify(expected)) {
        wrong.push(`${cred.username}: sees ${JSON.stringify(sees)}, expected ${JSON.stringify(expected)}`);
      }
      const start = about.find((e) => e.action === "case.start");
      if (!start?.withheld?.fields.includes("nik")) wrong.push(`${cred.username}: withheld ${JSON.stringify(start)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("audits a read of each sensitive case a task listing shows, once per case", async () => {
    // given the back office, offered the open tasks of a sensitive case and of an ordinary one
    const backOffice = sessions["bks.back-office"]!;
    const before = await db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.max("id").as("max"))
      .executeTakeFirstOrThrow();

    // when they list their unassigned tasks
    const res = await call(app, backOffice, "GET", "/tasks?scope=unassigned");
    const listed = ((await res.json()) as { items: { id: string; caseId: string }[] }).items;

    // then the sensitive case's read is audited, naming the task shown; the ordinary one is not
    expect(listed.map((i) => i.caseId)).toEqual(expect.arrayContaining([sensitive.caseId, fx.caseId]));
    const reads = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("id", ">", Number(before.max ?? 0))
      .where("action", "=", "case.read-list")
      .execute();
    expect(reads.map((r) => r.resource_id)).toEqual([sensitive.caseId]);
    expect(reads[0]).toMatchObject({
      actor_id: backOffice.userId,
      outcome: "ok",
      resource_type: "case",
      district: "3216",
    });
    expect(reads[0]!.details).toMatchObject({
      scope: "unassigned",
      taskIds: [sensitive.task.id],
      hiddenFields: expect.arrayContaining(["nik", "name"]),
    });
  });
});
