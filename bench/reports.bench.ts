/**
 * Benchmark: the performance reports (GET /reports/performance) read from the rollups, against
 * the direct scan a DBA would write for the same figures, side by side, on many cases in
 * PostgreSQL: 20 districts, 4 services × 2 versions, two years of cases (a quarter open), two
 * completed steps per completed case, a pause in one case of five. Creates and drops its own
 * database. The seed writes the base tables set-based with triggers off, then builds the rollups
 * with report_rollups_rebuild() (the migration's path for existing data, timed); the cost the
 * triggers add to a task's and a case's completion is measured through the store's functions.
 * Prints JSON; each report's p95 must stay under 500 ms, and its figures equal the direct scan's.
 *
 *   npx tsx bench/reports.bench.ts [--cases 1000000] [--runs 40] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
 */

import { readPerformanceReport } from "@alur/runtime/reports";
import { closeTask, openDb, setCaseStatus } from "@alur/runtime/store";
import { bucketUpperBound } from "@alur/shared/reports";
import { sql } from "kysely";
import pg from "pg";

const TARGET_P95_MS = 500;
const DISTRICTS = 20;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const caseCount = option("--cases", 1_000_000);
const runs = option("--runs", 40);
const urlIndex = process.argv.indexOf("--postgres");
const adminUrl =
  (urlIndex >= 0 ? process.argv[urlIndex + 1] : undefined) ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `alur_bench_reports_${process.pid}`;
const benchUrl = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const db = await openDb({ kind: "postgres", url: benchUrl });
const plain = new pg.Pool({ connectionString: benchUrl, max: 2 });

const wibMonth = (d: Date) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit" })
    .format(d)
    .slice(0, 7);
const now = new Date();
const to = wibMonth(now);
const from = wibMonth(new Date(now.getTime() - 335 * 86_400_000));
const districtOf = (r: number) => String(3200 + (r % DISTRICTS));
/** The WIB instants the period starts and ends at. */
const PERIOD = `ended_at >= ($2 || '-01')::timestamp AT TIME ZONE 'Asia/Jakarta'
  AND ended_at < (($3 || '-01')::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Jakarta'`;

interface Scenario {
  name: string;
  store: (r: number) => Promise<unknown>;
  direct: (r: number) => Promise<unknown>;
}
const scenarios: Scenario[] = [
  {
    name: "whole report: a district, 12 months, every service",
    store: (r) => readPerformanceReport(db, { district: districtOf(r), from, to, at: now }),
    direct: (r) =>
      Promise.all(
        [DIRECT_SERVICES, DIRECT_MONTHS, DIRECT_STEPS, DIRECT_OPEN].map((text) =>
          plain.query(text, [districtOf(r), from, to]),
        ),
      ),
  },
  {
    name: "one service with its heat map, 12 months",
    store: (r) => readPerformanceReport(db, { district: districtOf(r), processId: `svc${r % 4}`, from, to, at: now }),
    direct: (r) =>
      Promise.all(
        [DIRECT_SERVICES, DIRECT_MONTHS, DIRECT_STEPS, DIRECT_OPEN].map((text) =>
          plain.query(text.replace("WHERE c.district = $1", "WHERE c.district = $1 AND c.process_id = $4"), [
            districtOf(r),
            from,
            to,
            `svc${r % 4}`,
          ]),
        ),
      ),
  },
];

/** On-time share, mean and exact p90 per service: the scan of the closed cases. */
const DIRECT_SERVICES = `SELECT c.process_id, count(*) FILTER (WHERE status = 'completed')::int AS completed,
    count(*) FILTER (WHERE status = 'completed' AND due_at IS NOT NULL)::int AS with_due,
    count(*) FILTER (WHERE status = 'completed' AND ended_at <= due_at)::int AS on_time,
    avg(extract(epoch FROM ended_at - started_at)) FILTER (WHERE status = 'completed')::float8 AS mean,
    percentile_disc(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM ended_at - started_at)::float8)
      FILTER (WHERE status = 'completed') AS p90
  FROM cases c WHERE c.district = $1 AND c.status IN ('completed', 'cancelled', 'terminated') AND ${PERIOD}
  GROUP BY 1 ORDER BY 1`;
const DIRECT_MONTHS = `SELECT to_char(ended_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') AS month,
    count(*) FILTER (WHERE status = 'completed')::int AS completed,
    count(*) FILTER (WHERE status = 'completed' AND ended_at <= due_at)::int AS on_time,
    percentile_disc(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM ended_at - started_at)::float8)
      FILTER (WHERE status = 'completed') AS p90
  FROM cases c WHERE c.district = $1 AND c.status IN ('completed', 'cancelled', 'terminated') AND ${PERIOD}
  GROUP BY 1 ORDER BY 1`;
const DIRECT_STEPS = `SELECT c.process_id, t.element_id, count(*)::int AS completed,
    avg(extract(epoch FROM t.closed_at - t.created_at))::float8 AS mean,
    percentile_disc(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM t.closed_at - t.created_at)::float8) AS p90
  FROM tasks t JOIN cases c ON c.id = t.case_id
  WHERE c.district = $1 AND t.status = 'completed'
    AND t.closed_at >= ($2 || '-01')::timestamp AT TIME ZONE 'Asia/Jakarta'
    AND t.closed_at < (($3 || '-01')::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Jakarta'
  GROUP BY 1, 2 ORDER BY 1, 2`;
const DIRECT_OPEN = `SELECT c.process_id, count(*)::int AS total FROM cases c
  WHERE c.district = $1 AND c.status IN ('active', 'incident') AND $2::text IS NOT NULL AND $3::text IS NOT NULL
  GROUP BY 1`;

try {
  // given: the base tables, written set-based with the triggers off (replica role), then the rollups rebuilt
  const seedStart = performance.now();
  const seeder = new pg.Client({ connectionString: benchUrl });
  // the drop at the end ends this connection if a seed statement failed: not a second, unhandled error
  seeder.on("error", () => {});
  await seeder.connect();
  await seeder.query("SET session_replication_role = replica");
  for (let s = 0; s < 4; s++) {
    for (const v of [1, 2]) {
      await seeder.query(
        `INSERT INTO process_versions (id, process_id, district, version, name, status, bpmn_xml, plan, plan_hash)
         VALUES ($1, $2, NULL, $3, $4, 'published', '<definitions/>',
           '{"nodes": {"step0": {"name": "Verifikasi"}, "step1": {"name": "Tanda tangan"}}}'::jsonb, 'h')`,
        [`svc${s}-v${v}`, `svc${s}`, v, `Layanan ${s}`],
      );
    }
  }
  const batch = 100_000;
  for (let lo = 0; lo < caseCount; lo += batch) {
    const hi = Math.min(caseCount, lo + batch) - 1;
    // 5/8 completed, 1/8 cancelled, the rest open (some paused); durations 6 h to 20 days, due in 14 days
    await seeder.query(
      `INSERT INTO cases (id, case_number, district, process_version_id, process_id, workflow_id, status,
         applicant, started_at, ended_at, due_at, paused_since)
       SELECT 'c' || i, 'SVC/' || i, (3200 + (i / 8) % 20)::text, 'svc' || (i % 4) || '-v' || (1 + i % 2),
         'svc' || (i % 4), 'case-c' || i,
         CASE WHEN i % 8 < 5 THEN 'completed' WHEN i % 8 = 5 THEN 'cancelled' WHEN i % 97 = 0 THEN 'incident' ELSE 'active' END,
         '{}'::jsonb, s.started,
         CASE WHEN i % 8 < 6 THEN s.started + ((i::bigint * 7919) % 80 + 1) * interval '6 hours' END,
         CASE WHEN i % 8 < 6 THEN s.started + interval '14 days' ELSE now() + ((i % 11) - 5) * interval '1 day' END,
         CASE WHEN i % 8 = 7 AND i % 5 = 0 THEN now() - interval '1 day' END
       FROM generate_series($1::int, $2::int) AS i,
         LATERAL (SELECT now() - interval '25 days' - (i % 730) * interval '1 day' - (i % 1440) * interval '1 minute' AS started) s`,
      [lo, hi],
    );
    // two completed steps per completed case (each a third of the case), one open step per open case
    await seeder.query(
      `INSERT INTO tasks (id, case_id, district, element_id, element_instance_id, name, roles, status,
         due_at, created_at, closed_at)
       SELECT 't' || c.id || '-' || k, c.id, c.district, 'step' || k, 'ei' || k, 'Langkah', '["back-office"]'::jsonb,
         'completed', c.started_at + (k + 1) * interval '3 days',
         c.started_at + k * (c.ended_at - c.started_at) / 3, c.started_at + (k + 1) * (c.ended_at - c.started_at) / 3
       FROM cases c, generate_series(0, 1) k
       WHERE c.status = 'completed' AND c.id IN (SELECT 'c' || i FROM generate_series($1::int, $2::int) i)`,
      [lo, hi],
    );
    await seeder.query(
      `INSERT INTO tasks (id, case_id, district, element_id, element_instance_id, name, roles, status, created_at)
       SELECT 't' || i, 'c' || i, (3200 + (i / 8) % 20)::text, 'step' || (i % 2), 'ei' || i, 'Langkah',
         '["back-office"]'::jsonb, 'open', now()
       FROM generate_series($1::int, $2::int) AS i WHERE i % 8 >= 6`,
      [lo, hi],
    );
    // a pause (waiting on the applicant) in one completed case of five
    await seeder.query(
      `INSERT INTO case_events (case_id, at, type, element_id, data)
       SELECT c.id, c.started_at + interval '1 day', 'clockResumed', 'step0',
         jsonb_build_object('pausedSince', c.started_at + interval '2 hours', 'pausedWorkingMinutes', 60)
       FROM cases c WHERE c.status = 'completed' AND c.id IN (SELECT 'c' || i FROM generate_series($1::int, $2::int) i WHERE i % 5 = 0)`,
      [lo, hi],
    );
  }
  await seeder.end();
  const seedMs = performance.now() - seedStart;
  const rebuildStart = performance.now();
  await sql`SELECT report_rollups_rebuild()`.execute(db);
  const rebuildMs = performance.now() - rebuildStart;
  await sql`VACUUM ANALYZE`.execute(db);

  // the figures agree with the direct scan (a district, every service)
  const check = await readPerformanceReport(db, { district: districtOf(0), from, to, at: now });
  const direct = (await plain.query(DIRECT_SERVICES, [districtOf(0), from, to])).rows as {
    process_id: string;
    completed: number;
    on_time: number;
    with_due: number;
    mean: number;
    p90: number;
  }[];
  const bucketOf = async (seconds: number) =>
    (await plain.query("SELECT report_duration_bucket($1::float8) AS b", [seconds])).rows[0].b as number;
  let sameFigures = direct.length === check.services.length && direct.length > 0;
  for (const d of direct) {
    const s = check.services.find((x) => x.processId === d.process_id);
    if (
      !s ||
      s.completed !== d.completed ||
      s.onTime !== d.on_time ||
      s.withDue !== d.with_due ||
      Math.abs((s.meanSeconds ?? 0) - d.mean) > 1e-6 * d.mean ||
      s.p90Seconds !== bucketUpperBound(await bucketOf(d.p90))
    ) {
      sameFigures = false;
    }
  }

  // when: each report, rollups and direct scan alternating, over rotating districts
  const results = [];
  for (const scenario of scenarios) {
    const storeMs: number[] = [];
    const directMs: number[] = [];
    for (let r = 0; r < runs + 3; r++) {
      const timed = async (run: () => Promise<unknown>) => {
        const t0 = performance.now();
        await run();
        return performance.now() - t0;
      };
      const first = r % 2 === 0;
      const a = await timed(() => (first ? scenario.store(r) : scenario.direct(r)));
      const b = await timed(() => (first ? scenario.direct(r) : scenario.store(r)));
      if (r < 3) continue; // warm-up
      storeMs.push(first ? a : b);
      directMs.push(first ? b : a);
    }
    const storeP95 = percentile(storeMs, 95);
    results.push({
      report: scenario.name,
      rollupP50Ms: Number(percentile(storeMs, 50).toFixed(1)),
      rollupP95Ms: Number(storeP95.toFixed(1)),
      directScanP50Ms: Number(percentile(directMs, 50).toFixed(1)),
      directScanP95Ms: Number(percentile(directMs, 95).toFixed(1)),
      pass: storeP95 < TARGET_P95_MS,
    });
  }

  // and: what the triggers cost a completion, through the store's functions (open tasks and cases)
  const completions = { taskMs: [] as number[], caseMs: [] as number[] };
  const countSteps = async () =>
    (await readPerformanceReport(db, { district: districtOf(1), from, to, at: new Date() })).steps.reduce(
      (n, s) => n + s.completed,
      0,
    );
  const stepsBefore = await countSteps();
  const openTasks = await plain.query(
    "SELECT id, case_id FROM tasks WHERE district = $1 AND status = 'open' ORDER BY id LIMIT 200",
    [districtOf(1)],
  );
  for (const t of openTasks.rows as { id: string; case_id: string }[]) {
    let t0 = performance.now();
    await closeTask(db, { taskId: t.id, status: "completed", by: null });
    completions.taskMs.push(performance.now() - t0);
    t0 = performance.now();
    await setCaseStatus(db, { caseId: t.case_id, status: "completed", endedAt: new Date().toISOString() });
    completions.caseMs.push(performance.now() - t0);
  }
  const countedAtOnce = (await countSteps()) - stepsBefore === completions.taskMs.length;
  const pass = sameFigures && countedAtOnce && results.every((r) => r.pass);
  console.log(
    JSON.stringify({
      bench: "reports",
      cases: caseCount,
      districts: DISTRICTS,
      period: { from, to },
      runsPerReport: runs,
      seedMs: Math.round(seedMs),
      rebuildMs: Math.round(rebuildMs),
      completionWithRollups: {
        closeTaskP50Ms: Number(percentile(completions.taskMs, 50).toFixed(1)),
        closeTaskP95Ms: Number(percentile(completions.taskMs, 95).toFixed(1)),
        completeCaseP50Ms: Number(percentile(completions.caseMs, 50).toFixed(1)),
        completeCaseP95Ms: Number(percentile(completions.caseMs, 95).toFixed(1)),
        completed: completions.taskMs.length,
        countedAtOnce,
      },
      sameFigures,
      targetP95Ms: TARGET_P95_MS,
      results,
      pass,
    }),
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  await plain.end();
  await db.destroy();
  // wait for the pools' connections to close: terminating a closing one makes pg emit 57P01
  for (let i = 0; i < 100; i++) {
    const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [dbName]);
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
