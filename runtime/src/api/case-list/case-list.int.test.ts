/**
 * The case list on real PostgreSQL through the HTTP API: who sees which case, every filter, sort
 * and cursor paging, the personal-data rules in the list and in both export formats, the audit,
 * and saved filters. Cases are written directly (no workflow): the list reads rows, not Temporal.
 */
import { randomUUID } from "node:crypto";
import type { CaseListItem, CaseListPage, SavedCaseFilter } from "@alur/shared/api";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredential } from "../../auth/seed-demo";
import type { Db } from "../../store/db";
import { insertProcessVersion } from "../../store/process-versions";
import { createTask } from "../../store/tasks";
import { caseWorkflowId } from "../../temporal/definitions";
import { buildTestApp, call, fixturePlan, type Session, signIn, type TestApp } from "../../testing/api-app";
import { ownPostgresDb } from "../../testing/servers";

const RUN = randomUUID().slice(0, 8);
/** Services of this run only, so cases other test files leave in the shared database never count. */
const SVC = `daftar-${RUN}`;
const SECRET = `rahasia-${RUN}`;
const SMD_SVC = `daftar-smd-${RUN}`;
const DAY = 86_400_000;

let db: Db;
let app: TestApp;
const as: Record<string, Session> = {};
const versions: Record<string, string> = {};
const ids: Record<string, string> = {};

async function version(processId: string, district: string, privacy?: unknown): Promise<string> {
  const row = await insertProcessVersion(db, {
    plan: { ...fixturePlan(processId, ["back-office"]), ...(privacy ? { privacy } : {}) } as never,
    bpmnXml: "<definitions/>",
    district,
    publish: true,
    effectiveFrom: null,
    createdBy: null,
  });
  return row.id;
}

interface Seed {
  key: string;
  versionId: string;
  processId: string;
  district?: string;
  status?: string;
  name?: string;
  nik?: string;
  number?: string;
  receivedDaysAgo?: number;
  closedDaysAgo?: number;
  dueInDays?: number | null;
  createdBy?: string | null;
  /** Open task: element id and roles. */
  task?: { elementId: string; roles: string[]; assignee?: string };
}

async function seed(s: Seed): Promise<string> {
  const id = randomUUID();
  const district = s.district ?? "3216";
  const now = Date.now();
  await db
    .insertInto("cases")
    .values({
      id,
      case_number: s.number ?? `DFT/${district}/2026/${RUN}-${s.key}`,
      district,
      process_version_id: s.versionId,
      process_id: s.processId,
      workflow_id: caseWorkflowId(id),
      status: s.status ?? "active",
      applicant: JSON.stringify({ name: s.name ?? "Siti Aminah", ...(s.nik ? { nik: s.nik } : {}) }),
      created_by: s.createdBy ?? null,
      started_at: new Date(now - (s.receivedDaysAgo ?? 1) * DAY),
      ended_at: s.closedDaysAgo === undefined ? null : new Date(now - s.closedDaysAgo * DAY),
      due_at: s.dueInDays === null || s.dueInDays === undefined ? null : new Date(now + s.dueInDays * DAY),
    })
    .execute();
  if (s.task) {
    await createTask(db, {
      id: randomUUID(),
      caseId: id,
      district,
      elementId: s.task.elementId,
      elementInstanceId: `${s.task.elementId}-${id}`,
      name: `Langkah ${s.task.elementId}`,
      roles: s.task.roles,
      assignee: s.task.assignee ?? null,
      formId: null,
      documents: [],
      dueAt: null,
    });
  }
  ids[s.key] = id;
  return id;
}

async function list(who: string, query: string): Promise<CaseListPage> {
  const res = await call(app, as[who]!, "GET", `/cases?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as CaseListPage;
}

const keysOf = (items: CaseListItem[]) =>
  items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0] ?? i.id).sort();

let dropDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  // A database of its own: the demo cast is seeded once per database, and other files share the run's PostgreSQL.
  const own = await ownPostgresDb("case_list");
  db = own.db;
  dropDb = own.drop;
  let credentials: DemoCredential[];
  ({ app, credentials } = await buildTestApp(db));
  for (const u of [
    "superadmin",
    "bks.admin",
    "bks.back-office",
    "bks.front-office",
    "bks.pekerja-sosial",
    "bks.kepala-bidang",
    "smd.kepala-bidang",
  ]) {
    as[u] = await signIn(app, credentials, u);
  }
  versions.v1 = await version(SVC, "3216");
  versions.v2 = await version(SVC, "3216");
  versions.secret = await version(SECRET, "3216", {
    sensitive: true,
    fields: { name: ["pekerja-sosial"], nik: ["pekerja-sosial"] },
    documents: {},
  });
  versions.smd = await version(SMD_SVC, "3211");
  const back = { elementId: "verifikasi", roles: ["back-office"] };
  await seed({
    key: "open-v1",
    versionId: versions.v1!,
    processId: SVC,
    task: back,
    dueInDays: 10,
    name: "Budi Santoso",
    nik: "3216010101010001",
    receivedDaysAgo: 5,
  });
  await seed({
    key: "soon-v2",
    versionId: versions.v2!,
    processId: SVC,
    task: back,
    dueInDays: 1,
    name: "Budiman Hadi",
    receivedDaysAgo: 4,
  });
  await seed({
    key: "late",
    versionId: versions.v2!,
    processId: SVC,
    task: { elementId: "survei", roles: ["back-office"] },
    dueInDays: -2,
    name: "Citra Lestari",
    receivedDaysAgo: 20,
  });
  await seed({
    key: "done",
    versionId: versions.v1!,
    processId: SVC,
    status: "completed",
    closedDaysAgo: 3,
    receivedDaysAgo: 30,
    name: "Dewi Kartika",
    nik: "3216010101010004",
  });
  await seed({
    key: "cancelled",
    versionId: versions.v1!,
    processId: SVC,
    status: "cancelled",
    closedDaysAgo: 40,
    receivedDaysAgo: 45,
    name: "Eko Prasetyo",
  });
  await seed({
    key: "incident",
    versionId: versions.v1!,
    processId: SVC,
    status: "incident",
    task: back,
    dueInDays: 5,
    receivedDaysAgo: 2,
    name: '=HYPERLINK("x")',
  });
  await seed({
    key: "waiting",
    versionId: versions.v1!,
    processId: SVC,
    task: { elementId: "lengkapi", roles: ["front-office"] },
    dueInDays: -1,
    receivedDaysAgo: 8,
    name: "Fajar Nugroho",
  });
  // Nothing for the back office: a social worker's step, started by the front office.
  await seed({
    key: "peksos-only",
    versionId: versions.v1!,
    processId: SVC,
    task: { elementId: "kunjungan", roles: ["pekerja-sosial"] },
    createdBy: as["bks.front-office"]!.userId,
    dueInDays: 10,
    receivedDaysAgo: 3,
    name: "Gita Permata",
  });
  await seed({
    key: "secret",
    versionId: versions.secret!,
    processId: SECRET,
    task: back,
    dueInDays: 10,
    name: "Hana Rahasia",
    nik: "3216010101010009",
    receivedDaysAgo: 6,
  });
  await seed({
    key: "sumedang",
    versionId: versions.smd!,
    processId: SMD_SVC,
    district: "3211",
    task: back,
    dueInDays: 10,
    name: "Budi Sumedang",
  });
  // The engine records the clock stop of a step waiting on the applicant; the trigger keeps the row's state.
  await db
    .insertInto("case_events")
    .values({
      case_id: ids.waiting!,
      type: "clockPaused",
      element_id: "lengkapi",
      actor: null,
      data: "{}",
      at: new Date(),
    })
    .execute();
});

afterAll(() => dropDb?.());

describe("who sees which case", () => {
  it("staff see their district's cases they have a part in, heads all of the district, the super admin every district", async () => {
    // when each lists the run's services
    const back = await list("bks.back-office", `service=${SVC}&limit=200`);
    const head = await list("bks.kepala-bidang", `service=${SVC}&limit=200`);
    const front = await list("bks.front-office", `service=${SVC}&limit=200`);
    const smdHead = await list("smd.kepala-bidang", `service=${SVC}&limit=200`);
    const superAdmin = await list("superadmin", `service=${SMD_SVC}&limit=200`);

    // then the back office sees the cases with a back-office step, and no one else's
    expect(keysOf(back.items)).toEqual(["incident", "late", "open-v1", "soon-v2"]);
    // the head sees the whole district, completed and cancelled cases included
    expect(keysOf(head.items)).toEqual([
      "cancelled",
      "done",
      "incident",
      "late",
      "open-v1",
      "peksos-only",
      "soon-v2",
      "waiting",
    ]);
    // the front office sees what it started and the step waiting on it
    expect(keysOf(front.items)).toEqual(["peksos-only", "waiting"]);
    // another district's head sees none of Bekasi's; the super admin sees Sumedang's
    expect(smdHead.items).toEqual([]);
    expect(keysOf(superAdmin.items)).toEqual(["sumedang"]);
  });

  it("staff see a case whose task was assigned to them, by a role they do not hold, until it moves on", async () => {
    // given a case whose social-worker task is assigned to a back-office user
    const other = `${SVC}-assigned`;
    const me = as["bks.back-office"]!.userId;
    const id = await seed({
      key: "assigned",
      versionId: versions.v1!,
      processId: other,
      task: { elementId: "kunjungan", roles: ["sakti-peksos"], assignee: me },
    });
    expect(keysOf((await list("bks.back-office", `service=${other}`)).items)).toEqual(["assigned"]);
    // when the task is handed to someone else, then the case is no longer theirs to see
    await db
      .updateTable("tasks")
      .set({ assignee: as["bks.pekerja-sosial"]!.userId })
      .where("case_id", "=", id)
      .execute();
    expect((await list("bks.back-office", `service=${other}`)).items).toEqual([]);
    expect(keysOf((await list("bks.pekerja-sosial", `service=${other}`)).items)).toEqual(["assigned"]);
  });

  it("refuses another district's filter (403, audited) and answers sign-in first without a session", async () => {
    const res = await call(app, as["bks.kepala-bidang"]!, "GET", "/cases?district=3211");
    expect(res.status).toBe(403);
    const denied = await db
      .selectFrom("audit_log")
      .select(["action", "outcome"])
      .where("actor_id", "=", as["bks.kepala-bidang"]!.userId)
      .where("action", "=", "case.list")
      .where("outcome", "=", "denied")
      .execute();
    expect(denied.length).toBeGreaterThan(0);
    expect((await call(app, null, "GET", "/cases")).status).toBe(401);
  });
});

describe("filters", () => {
  const head = (query: string) =>
    list("bks.kepala-bidang", `service=${SVC}&limit=200&${query}`).then((p) => keysOf(p.items));

  it("by status: a completed case can be found, and waiting means the clock waits on the applicant", async () => {
    expect(await head("status=completed")).toEqual(["done"]);
    expect(await head("status=completed,cancelled")).toEqual(["cancelled", "done"]);
    expect(await head("status=incident")).toEqual(["incident"]);
    expect(await head("status=waiting")).toEqual(["waiting"]);
    expect(await head("status=active")).toEqual(["late", "open-v1", "peksos-only", "soon-v2"]);
  });

  it("takes a case out of waiting once its clock runs again", async () => {
    // given a case waiting on the applicant
    const id = await seed({
      key: "resumed",
      versionId: versions.v1!,
      processId: SVC,
      dueInDays: 10,
      name: "Joko Waluyo",
    });
    const event = (type: string) => ({
      case_id: id,
      type,
      element_id: "lengkapi",
      actor: null,
      data: "{}",
      at: new Date(),
    });
    await db.insertInto("case_events").values(event("clockPaused")).execute();
    expect(await head("status=waiting")).toEqual(["resumed", "waiting"]);
    // when the engine records the end of its last pause
    await db.insertInto("case_events").values(event("clockResumed")).execute();
    // then it is active and on time again
    expect(await head("status=waiting")).toEqual(["waiting"]);
    expect(await head("status=active&name=joko")).toEqual(["resumed"]);
    await db.deleteFrom("case_events").where("case_id", "=", id).execute();
    await db.deleteFrom("cases").where("id", "=", id).execute();
    delete ids.resumed;
  });

  it("by SLA state, version, current step", async () => {
    expect(await head("sla=overdue")).toEqual(["late"]);
    expect(await head("sla=due-soon")).toEqual(["soon-v2"]);
    expect(await head("sla=paused")).toEqual(["waiting"]);
    expect(await head("sla=on-time")).toEqual(["incident", "open-v1", "peksos-only"]);
    expect(await head("version=2")).toEqual(["late", "soon-v2"]);
    expect(await head("step=survei")).toEqual(["late"]);
  });

  it("by received and closed dates, applicant NIK (exact), name (prefix) and case number (prefix)", async () => {
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();
    expect(
      await head(`receivedFrom=${encodeURIComponent(day(5.5))}&receivedTo=${encodeURIComponent(day(3.5))}`),
    ).toEqual(["open-v1", "soon-v2"]);
    expect(await head(`closedFrom=${encodeURIComponent(day(10))}`)).toEqual(["done"]);
    expect(await head("nik=3216010101010004")).toEqual(["done"]);
    expect(await head("nik=3216010101010999")).toEqual([]);
    expect(await head("name=budi")).toEqual(["open-v1", "soon-v2"]);
    expect(await head("name=budim")).toEqual(["soon-v2"]);
    expect(await head(`caseNumber=dft/3216/2026/${RUN}-LATE`)).toEqual(["late"]);
  });

  it("answers a bad filter with the validation error, not a crash", async () => {
    for (const query of [
      "status=lost",
      "sla=late",
      "nik=123",
      "receivedFrom=yesterday",
      "closedTo=2026-02-30",
      "version=413546589350187",
      "sort=name",
      "limit=0",
    ]) {
      const res = await call(app, as["bks.kepala-bidang"]!, "GET", `/cases?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe("validation-failed");
    }
  });
});

describe("odd input", () => {
  it("answers what a fuzzer sent (old dates, odd offsets, a junk cursor, unknown keys) without a 5xx", async () => {
    const query =
      "%C2%BB=6%C3%9E&caseNumber=L%C2%A9f%C2%9E&closedTo=1788-12-05T21%3A35%3A19-02%3A38" +
      "&receivedFrom=1397-02-22T07%3A07%3A32-04%3A54&sort=due&cursor=%F1%A6%B4%BF&order=asc" +
      "&closedFrom=0578-02-10T10%3A52%3A19Z&version=7";
    const res = await call(app, as["bks.kepala-bidang"]!, "GET", `/cases?${query}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as CaseListPage).items).toEqual([]);
  });
});

describe("sort and paging", () => {
  it("pages by cursor through every sort order without repeats or gaps", async () => {
    const all = await list("bks.kepala-bidang", `service=${SVC}&limit=200&sort=received&order=desc`);
    for (const sort of ["received", "closed", "due", "case-number"]) {
      for (const order of ["asc", "desc"]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: CaseListPage = await list(
            "bks.kepala-bidang",
            `service=${SVC}&limit=3&sort=${sort}&order=${order}${cursor ? `&cursor=${cursor}` : ""}`,
          );
          seen.push(...page.items.map((i) => i.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(new Set(seen).size, `${sort} ${order}`).toBe(all.items.length);
      }
    }
    // received, newest first
    const received = all.items.map((i) => Date.parse(i.receivedAt));
    expect(received).toEqual([...received].sort((a, b) => b - a));
    const byNumber = await list("bks.kepala-bidang", `service=${SVC}&limit=200&sort=case-number&order=asc`);
    const numbers = byNumber.items.map((i) => i.caseNumber);
    expect(numbers).toEqual([...numbers].sort());
  });
});

describe("personal data", () => {
  it("leaves restricted fields out of the list, refuses them as search keys, and audits the read", async () => {
    // given a sensitive service whose name and NIK only social workers see
    const back = await list("bks.back-office", `service=${SECRET}`);
    const head = await list("bks.kepala-bidang", `service=${SECRET}`);
    expect(back.items).toHaveLength(1);
    expect(back.items[0]).toMatchObject({ applicantName: null, nik: null, withheld: ["name", "nik"] });
    // a head without the role does not see them either
    expect(head.items[0]).toMatchObject({ applicantName: null, nik: null });
    // a restricted name or NIK finds nothing for whoever may not read it
    expect((await list("bks.back-office", `service=${SECRET}&name=hana`)).items).toEqual([]);
    expect((await list("bks.back-office", `service=${SECRET}&nik=3216010101010009`)).items).toEqual([]);
    const audit = await db
      .selectFrom("audit_log")
      .select(["details"])
      .where("actor_id", "=", as["bks.back-office"]!.userId)
      .where("action", "=", "case.list")
      .where("outcome", "=", "ok")
      .execute();
    expect(audit.some((a) => JSON.stringify(a.details).includes(ids.secret!))).toBe(true);
  });

  it("the social worker, who may read them, sees and finds them (when the case is theirs)", async () => {
    // given a case of the sensitive service with a social worker's step
    await seed({
      key: "secret-peksos",
      versionId: versions.secret!,
      processId: SECRET,
      task: { elementId: "kunjungan", roles: ["pekerja-sosial"] },
      name: "Indah Rahasia",
      nik: "3216010101010010",
      dueInDays: 10,
    });
    const page = await list("bks.pekerja-sosial", `service=${SECRET}&name=indah`);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ applicantName: "Indah Rahasia", nik: "3216010101010010" });
    expect(page.items[0]!.withheld).toBeUndefined();
  });
});

describe("export", () => {
  it("CSV: same filters and rules, formulas neutralized, audited", async () => {
    const res = await call(app, as["bks.back-office"]!, "GET", `/cases/export?format=csv&service=${SVC}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const text = await res.text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toContain("Nomor permohonan");
    // the four cases the back office sees, no more
    expect(lines).toHaveLength(5);
    expect(text).not.toContain("Gita Permata");
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    const secret = await (await call(app, as["bks.back-office"]!, "GET", `/cases/export?service=${SECRET}`)).text();
    expect(secret).not.toContain("Hana Rahasia");
    expect(secret).not.toContain("3216010101010009");
    const audit = await db
      .selectFrom("audit_log")
      .select(["details"])
      .where("actor_id", "=", as["bks.back-office"]!.userId)
      .where("action", "=", "case.export")
      .execute();
    expect(audit.map((a) => (a.details as { rows: number }).rows)).toEqual(expect.arrayContaining([4, 1]));
  });

  it("XLSX: a real workbook with the same rows, NIK kept as text", async () => {
    const res = await call(
      app,
      as["bks.kepala-bidang"]!,
      "GET",
      `/cases/export?format=xlsx&service=${SVC}&status=completed`,
    );
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet("Permohonan")!;
    expect(sheet.rowCount).toBe(2);
    const header = sheet.getRow(1).values as unknown[];
    const row = sheet.getRow(2).values as unknown[];
    expect(row[header.indexOf("Nama pemohon")]).toBe("Dewi Kartika");
    expect(row[header.indexOf("NIK")]).toBe("3216010101010004");
    expect(row[header.indexOf("Status")]).toBe("completed");
  });
});

describe("saved filters", () => {
  it("are per user: create, list, rename, refuse a duplicate name, delete; each change audited", async () => {
    const me = as["bks.back-office"]!;
    const created = await call(app, me, "POST", "/case-filters", {
      name: "Terlambat",
      filter: { service: SVC, sla: "overdue" },
    });
    expect(created.status).toBe(201);
    const saved = (await created.json()) as SavedCaseFilter;
    expect(saved.filter).toEqual({ service: SVC, sla: "overdue" });
    expect((await call(app, me, "POST", "/case-filters", { name: "Terlambat", filter: {} })).status).toBe(409);
    expect((await call(app, me, "POST", "/case-filters", { name: "Salah", filter: { sla: "late" } })).status).toBe(400);
    // another user neither sees nor deletes it
    const other = as["bks.front-office"]!;
    expect(((await (await call(app, other, "GET", "/case-filters")).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await call(app, other, "DELETE", `/case-filters/${saved.id}`)).status).toBe(404);
    const renamed = await call(app, me, "PUT", `/case-filters/${saved.id}`, {
      name: "Lewat tenggat",
      filter: { service: SVC, sla: "overdue,due-soon" },
    });
    expect(renamed.status).toBe(200);
    const mine = (await (await call(app, me, "GET", "/case-filters")).json()) as { items: SavedCaseFilter[] };
    expect(mine.items.map((f) => f.name)).toEqual(["Lewat tenggat"]);
    // the saved filter is a valid list query
    const query = new URLSearchParams(mine.items[0]!.filter as Record<string, string>).toString();
    expect(keysOf((await list("bks.back-office", query)).items)).toEqual(["late", "soon-v2"]);
    expect((await call(app, me, "DELETE", `/case-filters/${saved.id}`)).status).toBe(204);
    const actions = await db
      .selectFrom("audit_log")
      .select("action")
      .where("resource_id", "=", saved.id)
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["case-filter.create", "case-filter.update", "case-filter.delete"]);
  });
});
