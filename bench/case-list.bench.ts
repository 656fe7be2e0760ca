/**
 * Benchmark: the case list's store query (GET /cases) against the plain indexed SQL for the same
 * filter, side by side (alternating, same connection pool), on many cases in PostgreSQL: 20
 * districts, 4 services × 2 versions, two years of cases, a quarter still open with one open step.
 * Creates and drops its own database. Prints JSON; each filter's p95 must stay under 50 ms and
 * within 1.5× the plain SQL's p95.
 *
 *   npx tsx bench/case-list.bench.ts [--cases 1000000] [--runs 400] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
 */
import { type CaseListFilter, type CaseListReader, openDb, queryCaseList } from "@alur/runtime/store";
import { sql } from "kysely";
import pg from "pg";

const TARGET_P95_MS = 50;
const TARGET_RATIO = 1.5;
const DISTRICTS = 20;
const NAMES = ["Siti", "Budi", "Dewi", "Agus", "Rina", "Joko", "Sri", "Eko", "Wati", "Hadi"];

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
const runs = option("--runs", 400);
const urlIndex = process.argv.indexOf("--postgres");
const adminUrl =
  (urlIndex >= 0 ? process.argv[urlIndex + 1] : undefined) ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `alur_bench_cases_${process.pid}`;
const benchUrl = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const db = await openDb({ kind: "postgres", url: benchUrl });
const plain = new pg.Pool({ connectionString: benchUrl, max: 2 });

const DAY = 86_400_000;
const head = (district: string): CaseListReader => ({
  userId: "head",
  district,
  roles: ["kepala-bidang"],
  seesAllDistricts: false,
  seesWholeDistrict: true,
});
const staff = (district: string): CaseListReader => ({
  userId: `user-${district}-1`,
  district,
  roles: ["back-office"],
  seesAllDistricts: false,
  seesWholeDistrict: false,
});
const base: Omit<CaseListFilter, "now"> = { statuses: [], sla: [], limit: 50, order: "desc", sort: "received" };

const COLUMNS = `c.id, c.case_number, c.district, c.process_id, v.name AS service_name, v.version, c.status,
  c.paused_since, c.applicant->>'name' AS applicant_name, c.applicant_nik, c.due_at, c.started_at, c.ended_at,
  v.plan->'privacy' AS privacy`;
const FROM = "FROM cases c JOIN process_versions v ON v.id = c.process_version_id";

/** Each filter: the store's call and the hand-written SQL a DBA would write for it. */
interface Scenario {
  name: string;
  store: (r: number) => [CaseListReader, CaseListFilter];
  plain: (r: number) => [string, unknown[]];
}
const districtOf = (r: number) => String(3200 + (r % DISTRICTS));
const now = new Date();
const scenarios: Scenario[] = [
  {
    name: "district, newest first",
    store: (r) => [head(districtOf(r)), { ...base, now }],
    plain: (r) => [
      `SELECT ${COLUMNS} ${FROM} WHERE c.district = $1 ORDER BY c.started_at DESC, c.id DESC LIMIT 51`,
      [districtOf(r)],
    ],
  },
  {
    name: "district, overdue open cases by due date",
    store: (r) => [head(districtOf(r)), { ...base, sla: ["overdue"], sort: "due", order: "asc", now }],
    plain: (r) => [
      `SELECT ${COLUMNS} ${FROM} WHERE c.district = $1 AND c.status IN ('active', 'incident')
         AND c.paused_since IS NULL AND c.due_at < $2
       ORDER BY coalesce(c.due_at, 'infinity'::timestamptz) ASC, c.id ASC LIMIT 51`,
      [districtOf(r), now],
    ],
  },
  {
    name: "district, service, completed in a month, by closing date",
    store: (r) => [
      head(districtOf(r)),
      {
        ...base,
        service: `svc${r % 4}`,
        statuses: ["completed"],
        closedFrom: new Date(now.getTime() - 90 * DAY),
        closedBefore: new Date(now.getTime() - 60 * DAY),
        sort: "closed",
        now,
      },
    ],
    plain: (r) => [
      `SELECT ${COLUMNS} ${FROM} WHERE c.district = $1 AND c.process_id = $2 AND c.status = 'completed'
         AND coalesce(c.ended_at, 'infinity'::timestamptz) >= $3 AND c.ended_at IS NOT NULL
         AND coalesce(c.ended_at, 'infinity'::timestamptz) < $4
       ORDER BY coalesce(c.ended_at, 'infinity'::timestamptz) DESC, c.id DESC LIMIT 51`,
      [districtOf(r), `svc${r % 4}`, new Date(now.getTime() - 90 * DAY), new Date(now.getTime() - 60 * DAY)],
    ],
  },
  {
    name: "district, applicant name prefix",
    store: (r) => [head(districtOf(r)), { ...base, name: `${NAMES[r % NAMES.length]} ${r % 97}`, now }],
    plain: (r) => [
      `SELECT ${COLUMNS} ${FROM} WHERE c.district = $1 AND c.applicant_name_key LIKE $2
         AND (v.plan->'privacy'->'fields'->'name' IS NULL OR v.plan->'privacy'->'fields'->'name' ?| $3::text[])
       ORDER BY c.started_at DESC, c.id DESC LIMIT 51`,
      [districtOf(r), `${NAMES[r % NAMES.length]!.toLowerCase()} ${r % 97}%`, ["kepala-bidang"]],
    ],
  },
  {
    name: "NIK exact",
    store: (r) => [head(districtOf(r)), { ...base, nik: nikOf(r * 7919 + 1), now }],
    plain: (r) => [
      `SELECT ${COLUMNS} ${FROM} WHERE c.district = $1 AND c.applicant_nik = $2
         AND (v.plan->'privacy'->'fields'->'nik' IS NULL OR v.plan->'privacy'->'fields'->'nik' ?| $3::text[])
       ORDER BY c.started_at DESC, c.id DESC LIMIT 51`,
      [districtOf(r), nikOf(r * 7919 + 1), ["kepala-bidang"]],
    ],
  },
  {
    name: "staff (own cases and role), active, newest first",
    store: (r) => [staff(districtOf(r)), { ...base, statuses: ["active"], now }],
    plain: (r) => [
      `SELECT ${COLUMNS} ${FROM} WHERE c.district = $1 AND c.status = 'active' AND c.paused_since IS NULL
         AND (c.created_by = $2 OR c.viewer_users @> ARRAY[$2]::text[] OR c.viewer_roles && $3::text[])
       ORDER BY c.started_at DESC, c.id DESC LIMIT 51`,
      [districtOf(r), `user-${districtOf(r)}-1`, ["back-office"]],
    ],
  },
];

/** The NIK the seed gives case i. */
function nikOf(i: number): string {
  return `3200${String(i % caseCount).padStart(12, "0")}`;
}

try {
  // given: cases over 20 districts, 4 services with 2 versions each, two years, a quarter open
  const seedStart = performance.now();
  for (let s = 0; s < 4; s++) {
    for (const v of [1, 2]) {
      await sql`INSERT INTO process_versions (id, process_id, district, version, name, status, bpmn_xml, plan, plan_hash)
        VALUES (${`svc${s}-v${v}`}, ${`svc${s}`}, NULL, ${v}, ${`Layanan ${s}`}, 'published', '<x/>', '{}'::jsonb, 'h')`.execute(
        db,
      );
    }
  }
  const batch = 100_000;
  for (let from = 0; from < caseCount; from += batch) {
    const to = Math.min(caseCount, from + batch) - 1;
    // ~75% closed (completed/cancelled), the rest active (some paused) or in incident
    await sql`INSERT INTO cases (id, case_number, district, process_version_id, process_id, workflow_id, status,
        applicant, created_by, started_at, ended_at, due_at, paused_since)
      SELECT 'c' || i, 'SVC' || (i % 4) || '/' || (3200 + (i / 8) % 20) || '/2026/' || lpad(i::text, 7, '0'),
        (3200 + (i / 8) % 20)::text, 'svc' || (i % 4) || '-v' || (1 + i % 2), 'svc' || (i % 4), 'case-c' || i,
        CASE WHEN i % 8 < 5 THEN 'completed' WHEN i % 8 = 5 THEN 'cancelled' WHEN i % 97 = 0 THEN 'incident' ELSE 'active' END,
        jsonb_build_object('name', (ARRAY[${sql.join(NAMES)}])[1 + i % 10] || ' ' || (i % 97) || ' ' || i,
                           'nik', '3200' || lpad(i::text, 12, '0')),
        CASE WHEN i % 3 = 0 THEN 'user-' || (3200 + (i / 8) % 20) || '-' || (i % 40) END,
        now() - ((i % 730) || ' days')::interval - ((i % 1440) || ' minutes')::interval,
        CASE WHEN i % 8 < 6 THEN now() - ((i % 730) || ' days')::interval + '10 days'::interval END,
        now() - ((i % 730) || ' days')::interval + '14 days'::interval,
        CASE WHEN i % 8 = 7 AND i % 5 = 0 THEN now() - interval '1 day' END
      FROM generate_series(${from}::int, ${to}::int) AS i`.execute(db);
    // one open step per open case
    await sql`INSERT INTO tasks (id, case_id, district, element_id, element_instance_id, name, roles, status, created_at)
      SELECT 't' || i, 'c' || i, (3200 + (i / 8) % 20)::text, 'step' || (i % 5), 'ei' || i, 'Langkah ' || (i % 5),
        jsonb_build_array((ARRAY['front-office', 'back-office', 'pekerja-sosial'])[1 + i % 3]), 'open', now()
      FROM generate_series(${from}::int, ${to}::int) AS i WHERE i % 8 >= 6`.execute(db);
  }
  await sql`VACUUM ANALYZE`.execute(db);
  const seedMs = performance.now() - seedStart;

  // when: each filter, store query and plain SQL alternating, over rotating districts
  const results = [];
  for (const scenario of scenarios) {
    const storeMs: number[] = [];
    const plainMs: number[] = [];
    let sameRows = true;
    for (let r = 0; r < runs + 10; r++) {
      const [reader, filter] = scenario.store(r);
      const [text, values] = scenario.plain(r);
      // Which goes first alternates, so neither gains from always running second.
      const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
        const t0 = performance.now();
        const value = await run();
        return [value, performance.now() - t0];
      };
      let page: Awaited<ReturnType<typeof queryCaseList>>;
      let rows: pg.QueryResult;
      let storeTime: number;
      let plainTime: number;
      if (r % 2 === 0) {
        [page, storeTime] = await timed(() => queryCaseList(db, reader, filter));
        [rows, plainTime] = await timed(() => plain.query(text, values));
      } else {
        [rows, plainTime] = await timed(() => plain.query(text, values));
        [page, storeTime] = await timed(() => queryCaseList(db, reader, filter));
      }
      // the first runs warm the caches and check both answer the same rows
      if (r < 10) {
        const ids = rows.rows.slice(0, 50).map((x: { id: string }) => x.id);
        if (JSON.stringify(ids) !== JSON.stringify(page.rows.map((x) => x.id))) sameRows = false;
        continue;
      }
      storeMs.push(storeTime);
      plainMs.push(plainTime);
    }
    const storeP95 = percentile(storeMs, 95);
    const plainP95 = percentile(plainMs, 95);
    results.push({
      filter: scenario.name,
      sameRows,
      storeP50Ms: Number(percentile(storeMs, 50).toFixed(2)),
      storeP95Ms: Number(storeP95.toFixed(2)),
      plainP50Ms: Number(percentile(plainMs, 50).toFixed(2)),
      plainP95Ms: Number(plainP95.toFixed(2)),
      ratioP95: Number((storeP95 / plainP95).toFixed(2)),
      pass: sameRows && storeP95 < TARGET_P95_MS && storeP95 <= TARGET_RATIO * plainP95,
    });
  }

  // then
  const pass = results.every((r) => r.pass);
  console.log(
    JSON.stringify({
      bench: "case-list-query",
      cases: caseCount,
      districts: DISTRICTS,
      pageSize: 50,
      runsPerFilter: runs,
      seedMs: Math.round(seedMs),
      targetP95Ms: TARGET_P95_MS,
      targetRatio: TARGET_RATIO,
      results,
      pass,
    }),
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  await plain.end();
  await db.destroy();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
