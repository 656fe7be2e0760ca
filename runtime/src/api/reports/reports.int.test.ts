/**
 * The performance report over the real API and store, on PGlite and PostgreSQL: cases, tasks and
 * pauses written through the store's own functions (so the rollup triggers count them as they
 * would in production), then every figure of the report compared with a direct SQL computation
 * over the base tables, and the rollups compared with a rebuild from those tables.
 */
import { randomUUID } from "node:crypto";
import { PerformanceReport } from "@alur/shared/api";
import { bucketUpperBound } from "@alur/shared/reports";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendCaseEvents } from "../../store/case-events";
import { slaStateOf } from "../../store/case-list";
import { insertCase, setCaseStatus } from "../../store/cases";
import type { Db } from "../../store/db";
import { insertProcessVersion } from "../../store/process-versions";
import { rebuildReportRollups } from "../../store/reports";
import { closeTask, createTask } from "../../store/tasks";
import { buildTestApp, call, fixturePlan, type Session, signIn, type TestApp } from "../../testing/api-app";
import { ownPostgresDb, pgliteDb } from "../../testing/servers";

const DISTRICT = "3216";
const SERVICES = ["laporan-adopsi", "laporan-rujukan"];
const FROM = "2026-08";
const TO = "2026-12";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A deterministic pseudo-random sequence in [0, 1). */
function sequence(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

/** Seeds cases of two services: completed (some paused, some late), cancelled and open ones. */
async function seed(db: Db): Promise<void> {
  const random = sequence(20261203);
  const now = Date.now();
  for (const processId of SERVICES) {
    const version = await insertProcessVersion(db, {
      plan: fixturePlan(processId, ["back-office"]),
      bpmnXml: "<definitions/>",
      district: DISTRICT,
      publish: true,
      effectiveFrom: null,
      createdBy: null,
    });
    for (let i = 0; i < 40; i++) {
      const id = randomUUID();
      // started between 1 Aug and mid-Nov 2026 (some on the WIB month boundary)
      const started = Date.UTC(2026, 7, 1) - 7 * HOUR + Math.floor(random() * 105 * DAY);
      const dueAt = i % 7 === 6 ? null : new Date(started + (5 + Math.floor(random() * 20)) * DAY);
      await insertCase(db, {
        id,
        caseNumber: `LAP/${DISTRICT}/2026/${id.slice(0, 8)}`,
        district: DISTRICT,
        processVersionId: version.id,
        processId,
        workflowId: `case-${id}`,
        applicant: { name: `Pemohon ${i}` },
        dueAt,
        createdBy: null,
        startedAt: new Date(started),
      });
      for (const [step, n] of [
        ["verify", 0],
        ["sign", 1],
      ] as const) {
        if (i % 10 === 0 && step === "sign") continue;
        const task = await createTask(db, {
          id: randomUUID(),
          caseId: id,
          district: DISTRICT,
          elementId: step,
          elementInstanceId: `${step}-${id}`,
          name: step,
          roles: ["back-office"],
          assignee: null,
          formId: null,
          documents: [],
          dueAt: i % 5 === 4 ? null : new Date(now - Math.floor(random() * 10 * DAY) + n * HOUR).toISOString(),
        });
        if (i % 10 === 0) continue; // open case: its task stays open
        // the task was opened some minutes to weeks ago; the store closes it now
        const opened = new Date(now - Math.floor(60_000 + random() ** 2 * 20 * DAY));
        await db.updateTable("tasks").set({ created_at: opened }).where("id", "=", task.id).execute();
        await closeTask(db, { taskId: task.id, status: i % 10 === 1 ? "cancelled" : "completed", by: null });
      }
      if (i % 10 === 0) {
        // open: paused, overdue, due soon or on time, by the due date
        if (i % 20 === 0) {
          await appendCaseEvents(db, [
            { caseId: id, type: "clockPaused", elementId: "verify", at: new Date(now - DAY) },
          ]);
        } else {
          await setCaseStatus(db, {
            caseId: id,
            status: "active",
            dueAt: new Date(now + (random() * 6 - 3) * DAY).toISOString(),
          });
        }
        continue;
      }
      let pausedMs = 0;
      if (i % 3 === 0) {
        const pausedSince = new Date(started + 2 * HOUR);
        pausedMs = Math.floor(HOUR + random() * 4 * DAY);
        await appendCaseEvents(db, [
          { caseId: id, type: "clockPaused", elementId: "verify", at: pausedSince },
          {
            caseId: id,
            type: "clockResumed",
            elementId: i % 2 === 0 ? "verify" : "wait-documents",
            at: new Date(pausedSince.getTime() + pausedMs),
            data: { pausedSince: pausedSince.toISOString(), pausedWorkingMinutes: 60 },
          },
        ]);
      }
      const ended = Math.min(now - HOUR, started + pausedMs + Math.floor(HOUR + random() ** 2 * 30 * DAY));
      await setCaseStatus(db, {
        caseId: id,
        status: i % 10 === 1 ? "cancelled" : i === 39 ? "terminated" : "completed",
        endedAt: new Date(ended).toISOString(),
      });
    }
  }
}

/** The WIB instant a month starts at. */
const monthStart = (month: string) => sql`(${`${month}-01`}::timestamp AT TIME ZONE 'Asia/Jakarta')`;
const periodEnd = sql`((${`${TO}-01`}::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Jakarta')`;

interface DirectCases {
  key: string;
  completed: number;
  cancelled: number;
  terminated: number;
  with_due: number;
  on_time: number;
  mean: number | null;
  p90_exact: number | null;
  paused: number;
  duration: number;
}

/** Closed cases over the base tables, grouped by `key` (service or WIB month). */
async function directCases(db: Db, key: "process_id" | "month", processId?: string): Promise<DirectCases[]> {
  const keyExpr = key === "month" ? sql`to_char(c.ended_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM')` : sql`c.process_id`;
  const service = processId ? sql`AND c.process_id = ${processId}` : sql``;
  const { rows } = await sql<DirectCases>`
    WITH closed AS (
      SELECT c.*, ${keyExpr} AS key, extract(epoch FROM c.ended_at - c.started_at)::float8 AS d,
        coalesce((SELECT sum(extract(epoch FROM e.at - (e.data->>'pausedSince')::timestamptz))
          FROM case_events e WHERE e.case_id = c.id AND e.type = 'clockResumed'), 0)::float8 AS p
      FROM cases c
      WHERE c.district = ${DISTRICT} AND c.status IN ('completed', 'cancelled', 'terminated') ${service}
        AND c.ended_at >= ${monthStart(FROM)} AND c.ended_at < ${periodEnd})
    SELECT key,
      count(*) FILTER (WHERE status = 'completed')::int AS completed,
      count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
      count(*) FILTER (WHERE status = 'terminated')::int AS terminated,
      count(*) FILTER (WHERE status = 'completed' AND due_at IS NOT NULL)::int AS with_due,
      count(*) FILTER (WHERE status = 'completed' AND ended_at <= due_at)::int AS on_time,
      avg(d) FILTER (WHERE status = 'completed') AS mean,
      percentile_disc(0.9) WITHIN GROUP (ORDER BY d) FILTER (WHERE status = 'completed') AS p90_exact,
      coalesce(sum(p) FILTER (WHERE status = 'completed'), 0) AS paused,
      coalesce(sum(d) FILTER (WHERE status = 'completed'), 0) AS duration
    FROM closed GROUP BY key ORDER BY key`.execute(db);
  return rows;
}

/** The bucket the database puts a duration in (the rule the rollups count with). */
async function bucketOf(db: Db, seconds: number): Promise<number> {
  const { rows } = await sql<{ b: number }>`SELECT report_duration_bucket(${seconds}::float8) AS b`.execute(db);
  return rows[0]!.b;
}

/** A p90 from buckets equals the upper bound of the exact nearest-rank p90's bucket. */
async function expectP90(db: Db, reported: number | null, exact: number | null) {
  if (exact === null) return expect(reported).toBeNull();
  expect(reported).toBe(bucketUpperBound(await bucketOf(db, exact)));
  expect(reported!).toBeGreaterThan(exact);
  expect(reported!).toBeLessThanOrEqual(exact * 2 ** (1 / 8) * (1 + 1e-12));
}

function expectClose(actual: number | null, expected: number | null) {
  if (expected === null) return expect(actual).toBeNull();
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
}

async function rollupSnapshot(db: Db) {
  const round = (rows: Record<string, unknown>[]) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, typeof v === "number" && !Number.isInteger(v) ? v.toFixed(3) : v]),
      ),
    );
  const cases = await sql<
    Record<string, unknown>
  >`SELECT *, to_char(month, 'YYYY-MM') AS month_text FROM report_case_rollups
    ORDER BY district, month, process_id, version`.execute(db);
  const steps = await sql<
    Record<string, unknown>
  >`SELECT *, to_char(month, 'YYYY-MM') AS month_text FROM report_step_rollups
    ORDER BY district, month, process_id, version, element_id`.execute(db);
  return { cases: round(cases.rows), steps: round(steps.rows) };
}

describe.each([
  ["PGlite", async () => ({ db: await pgliteDb(), drop: async () => {} })],
  ["PostgreSQL", async () => ownPostgresDb("reports")],
])("performance report on %s", (_name, open) => {
  let db: Db;
  let drop: () => Promise<void>;
  let app: TestApp;
  let head: Session;
  let backOffice: Session;
  let sumedangHead: Session;
  let superAdmin: Session;

  beforeAll(async () => {
    ({ db, drop } = await open());
    const built = await buildTestApp(db);
    app = built.app;
    head = await signIn(app, built.credentials, "bks.kepala-bidang");
    backOffice = await signIn(app, built.credentials, "bks.back-office");
    sumedangHead = await signIn(app, built.credentials, "smd.kepala-bidang");
    superAdmin = await signIn(app, built.credentials, "superadmin");
    await seed(db);
  }, 300_000);

  afterAll(async () => {
    await drop();
  });

  async function report(query: string): Promise<PerformanceReport> {
    const res = await call(app, head, "GET", `/reports/performance?${query}`);
    expect(res.status).toBe(200);
    return PerformanceReport.parse(await res.json());
  }

  it("gives every service's figures as a direct computation over the cases does", async () => {
    // when
    const r = await report(`from=${FROM}&to=${TO}`);
    const direct = await directCases(db, "process_id");
    // then
    expect(r.services.map((s) => s.processId)).toEqual(direct.map((d) => d.key));
    for (const d of direct) {
      const s = r.services.find((x) => x.processId === d.key)!;
      expect(s.name).toBe(`Layanan ${d.key}`);
      expect([s.completed, s.cancelled, s.terminated, s.withDue, s.onTime]).toEqual([
        d.completed,
        d.cancelled,
        d.terminated,
        d.with_due,
        d.on_time,
      ]);
      expectClose(s.onTimePercent, d.with_due > 0 ? (d.on_time / d.with_due) * 100 : null);
      expectClose(s.meanSeconds, d.mean);
      await expectP90(db, s.p90Seconds, d.p90_exact);
      expectClose(s.pausedSeconds, d.paused);
      expectClose(s.workingSeconds, d.duration - d.paused);
    }
    // the seed has late and on-time cases, and pauses
    const all = direct.reduce((n, d) => n + d.on_time, 0);
    expect(all).toBeGreaterThan(0);
    expect(all).toBeLessThan(direct.reduce((n, d) => n + d.with_due, 0));
    expect(r.totals.pausedSeconds).toBeGreaterThan(0);
    expect(r.totals.completed).toBe(direct.reduce((n, d) => n + d.completed, 0));
  });

  it("gives every month's figures (WIB months) as a direct computation does", async () => {
    // when
    const r = await report(`from=${FROM}&to=${TO}&processId=${SERVICES[0]}`);
    const direct = await directCases(db, "month", SERVICES[0]);
    // then every month of the period is listed, the empty ones with zeros
    expect(r.months.map((m) => m.month)).toEqual(["2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]);
    for (const m of r.months) {
      const d = direct.find((x) => x.key === m.month);
      expect([m.completed, m.cancelled, m.withDue, m.onTime]).toEqual([
        d?.completed ?? 0,
        d?.cancelled ?? 0,
        d?.with_due ?? 0,
        d?.on_time ?? 0,
      ]);
      expectClose(m.meanSeconds, d?.mean ?? null);
      await expectP90(db, m.p90Seconds, d?.p90_exact ?? null);
      expectClose(m.pausedSeconds, d?.paused ?? 0);
    }
    expect(direct.length).toBeGreaterThan(1);
  });

  it("gives every step's durations, on-time share and pauses as a direct computation does", async () => {
    // when
    const r = await report(`from=${FROM}&to=${TO}`);
    const { rows: tasks } = await sql<{
      process_id: string;
      element_id: string;
      completed: number;
      with_due: number;
      on_time: number;
      mean: number;
      p90_exact: number;
    }>`WITH t AS (
        SELECT c.process_id, t.element_id, t.due_at, t.closed_at, extract(epoch FROM t.closed_at - t.created_at)::float8 AS d
        FROM tasks t JOIN cases c ON c.id = t.case_id
        WHERE c.district = ${DISTRICT} AND t.status = 'completed'
          AND t.closed_at >= ${monthStart(FROM)} AND t.closed_at < ${periodEnd})
      SELECT process_id, element_id, count(*)::int AS completed,
        count(*) FILTER (WHERE due_at IS NOT NULL)::int AS with_due,
        count(*) FILTER (WHERE closed_at <= due_at)::int AS on_time,
        avg(d) AS mean, percentile_disc(0.9) WITHIN GROUP (ORDER BY d) AS p90_exact
      FROM t GROUP BY 1, 2`.execute(db);
    const { rows: pauses } = await sql<{ process_id: string; element_id: string; n: number; s: number }>`
      SELECT c.process_id, e.element_id, count(*)::int AS n,
        sum(extract(epoch FROM e.at - (e.data->>'pausedSince')::timestamptz))::float8 AS s
      FROM case_events e JOIN cases c ON c.id = e.case_id
      WHERE c.district = ${DISTRICT} AND e.type = 'clockResumed'
        AND e.at >= ${monthStart(FROM)} AND e.at < ${periodEnd}
      GROUP BY 1, 2`.execute(db);
    // then
    const keys = new Set([...tasks, ...pauses].map((t) => `${t.process_id}/${t.element_id}`));
    expect(new Set(r.steps.map((s) => `${s.processId}/${s.elementId}`))).toEqual(keys);
    for (const s of r.steps) {
      const t = tasks.find((x) => x.process_id === s.processId && x.element_id === s.elementId);
      const p = pauses.find((x) => x.process_id === s.processId && x.element_id === s.elementId);
      expect([s.completed, s.withDue, s.onTime]).toEqual([t?.completed ?? 0, t?.with_due ?? 0, t?.on_time ?? 0]);
      expectClose(s.meanSeconds, t?.mean ?? null);
      await expectP90(db, s.p90Seconds, t?.p90_exact ?? null);
      expect(s.pauses).toBe(p?.n ?? 0);
      expectClose(s.pausedSeconds, p?.s ?? 0);
      expect(s.name).toBe(s.elementId === "verify" ? "Verifikasi berkas" : null);
    }
    expect(r.steps.some((s) => s.pauses > 0 && s.completed === 0)).toBe(true); // wait-documents: a pause only
  });

  it("counts open cases by SLA state as the case list states them", async () => {
    // when
    const r = await report(`from=${FROM}&to=${TO}`);
    const open = await db
      .selectFrom("cases")
      .select(["process_id", "status", "paused_since", "due_at"])
      .where("district", "=", DISTRICT)
      .where("status", "in", ["active", "incident"])
      .execute();
    // then
    const at = new Date(r.at);
    const count = (state: string | null) => open.filter((c) => slaStateOf(c, at) === state).length;
    expect(r.open).toMatchObject({
      onTime: count("on-time"),
      dueSoon: count("due-soon"),
      overdue: count("overdue"),
      paused: count("paused"),
      noDueDate: count(null),
      total: open.length,
    });
    expect(r.open.paused).toBeGreaterThan(0);
    expect(r.open.services.map((s) => s.total).reduce((a, b) => a + b, 0)).toBe(open.length);
  });

  it("gives one service's heat map on its newest diagram", async () => {
    const r = await report(`from=${FROM}&to=${TO}&processId=${SERVICES[1]}`);
    expect(r.heatMap?.version).toBe(1);
    expect(r.heatMap?.bpmnXml).toBe("<definitions/>");
    const verify = r.heatMap!.elements.find((e) => e.elementId === "verify")!;
    expect(verify.meanSeconds).toBe(
      r.steps.find((s) => s.processId === SERVICES[1] && s.elementId === "verify")!.meanSeconds,
    );
    expect(r.services.map((s) => s.processId)).toEqual([SERVICES[1]]);
  });

  it("keeps the rollups equal to a rebuild from the base tables", async () => {
    // given the rollups the triggers kept
    const kept = await rollupSnapshot(db);
    // when
    await rebuildReportRollups(db);
    // then
    expect(await rollupSnapshot(db)).toEqual(kept);
    expect(kept.cases.length).toBeGreaterThan(4);
  });

  it("exports a section as CSV", async () => {
    const res = await call(app, head, "GET", `/reports/performance/csv?from=${FROM}&to=${TO}&section=services`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain("laporan-services-2026-08-2026-12.csv");
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toContain("persen_tepat_waktu/on_time_percent");
    const r = await report(`from=${FROM}&to=${TO}`);
    expect(lines).toHaveLength(1 + r.services.length);
    const s = r.services[0]!;
    const cells = [s.processId, s.name, s.completed, s.cancelled, s.terminated, s.withDue, s.onTime];
    expect(lines[1]!.startsWith(`${cells.join(",")},${s.onTimePercent!.toFixed(1)},`)).toBe(true);
  });

  it("is for heads and admins of the district only, and audited", async () => {
    // a back-office officer is refused (and the refusal audited)
    const refused = await call(app, backOffice, "GET", `/reports/performance?from=${FROM}&to=${TO}`);
    expect(refused.status).toBe(403);
    // a head of another district reads only their own district, where these services have no cases
    const other = await call(
      app,
      sumedangHead,
      "GET",
      `/reports/performance?from=${FROM}&to=${TO}&district=${DISTRICT}`,
    );
    expect(other.status).toBe(200);
    const theirs = PerformanceReport.parse(await other.json());
    expect(theirs.district).not.toBe(DISTRICT);
    expect(theirs.services).toEqual([]);
    // the super admin reads every district (national), or names one
    const national = await call(app, superAdmin, "GET", `/reports/performance?from=${FROM}&to=${TO}`);
    expect(national.status).toBe(200);
    const all = PerformanceReport.parse(await national.json());
    const bekasi = await report(`from=${FROM}&to=${TO}`);
    expect(all.district).toBeNull();
    for (const s of bekasi.services) {
      expect(all.services.find((x) => x.processId === s.processId)?.completed).toBe(s.completed);
    }
    expect(all.open.total).toBeGreaterThanOrEqual(bekasi.open.total);
    const named = await call(app, superAdmin, "GET", `/reports/performance?from=${FROM}&to=${TO}&district=${DISTRICT}`);
    expect(PerformanceReport.parse(await named.json())).toMatchObject({ district: DISTRICT, totals: bekasi.totals });
    // a period the other way round, or longer than five years, is refused
    expect((await call(app, head, "GET", `/reports/performance?from=2026-12&to=2026-01`)).status).toBe(400);
    expect((await call(app, head, "GET", `/reports/performance?from=2020-01&to=2026-01`)).status).toBe(400);
    const audited = await db
      .selectFrom("audit_log")
      .select(["action", "outcome"])
      .where("action", "in", ["report.performance", "report.export"])
      .execute();
    expect(audited).toEqual(
      expect.arrayContaining([
        { action: "report.performance", outcome: "ok" },
        { action: "report.performance", outcome: "denied" },
        { action: "report.export", outcome: "ok" },
      ]),
    );
  });
});
