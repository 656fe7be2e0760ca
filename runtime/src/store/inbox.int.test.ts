import { type CompiledQuery, Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownPostgresDb } from "../testing/servers";
import type { Db } from "./db";
import { queryInbox } from "./inbox";
import type { Database } from "./schema";

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows": number;
  "Actual Loops": number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The planner's choice on real PostgreSQL, which PGlite's unit tests cannot vouch for: the roles
 * filter must be answered from inbox_candidates_page, not by reading the district's open tasks.
 */
describe("unassigned inbox plan on PostgreSQL", () => {
  let dropDb: () => Promise<void>;
  let db: Db;
  let logged: Kysely<Database>;
  let pool: pg.Pool;
  let last: CompiledQuery | undefined;

  beforeAll(async () => {
    // given a database of its own (plans depend on its statistics) with 4,000 free tasks of one
    // district, for back-office or pekerja-sosial only
    const own = await ownPostgresDb("inbox_plan");
    ({ db, drop: dropDb } = own);
    const url = own.url;
    await sql`INSERT INTO process_versions (id, process_id, district, version, name, status, bpmn_xml, plan, plan_hash)
      VALUES ('v1', 'bansos', NULL, 1, 'Bansos', 'published', '<x/>', '{}'::jsonb, 'h')`.execute(db);
    await sql`INSERT INTO cases (id, case_number, district, process_version_id, process_id, workflow_id, status, applicant)
      SELECT 'c' || i, 'BKS/2026/' || i, '3216', 'v1', 'bansos', 'case-c' || i, 'active', '{}'::jsonb
      FROM generate_series(1, 800) AS i`.execute(db);
    await sql`INSERT INTO tasks (id, case_id, district, element_id, element_instance_id, roles, status, due_at)
      SELECT 't' || i, 'c' || (1 + i % 800), '3216', 'periksa', 'ei' || i,
             jsonb_build_array(CASE WHEN i % 2 = 0 THEN 'back-office' ELSE 'pekerja-sosial' END), 'open',
             now() + (i % 997 || ' minutes')::interval
      FROM generate_series(1, 4000) AS i`.execute(db);
    await sql`ANALYZE`.execute(db);
    pool = new pg.Pool({ connectionString: url, max: 1 });
    // the DROP ... WITH (FORCE) of afterAll may still find its connection closing: nothing to report
    pool.on("connect", (client) => client.on("error", () => {}));
    logged = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      log: (event) => {
        last = event.query;
      },
    });
  });
  afterAll(async () => {
    await logged?.destroy();
    await dropDb?.();
  });

  /** The plan of the query queryInbox ran, executed, as a flat list of nodes. */
  async function planOf(roles: string[]): Promise<{ rows: number; nodes: PlanNode[] }> {
    const page = await queryInbox(logged, { scope: "unassigned", userId: "u-x", district: "3216", roles, limit: 50 });
    const query = last!;
    const { rows } = await pool.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`,
      [...query.parameters],
    );
    return { rows: page.rows.length, nodes: nodes(rows[0]!["QUERY PLAN"][0].Plan) };
  }

  const taskRowsRead = (plan: PlanNode[]) =>
    plan
      .filter((n) => n["Relation Name"] === "tasks")
      .reduce((sum, n) => sum + n["Actual Rows"] * n["Actual Loops"], 0);

  it("answers a role with no tasks without reading the district's tasks", async () => {
    // when a kepala-bidang opens the unassigned inbox
    const plan = await planOf(["kepala-bidang"]);
    // then nothing is found and no task row was read
    expect(plan.rows).toBe(0);
    expect(plan.nodes.some((n) => n["Index Name"] === "inbox_candidates_page")).toBe(true);
    expect(taskRowsRead(plan.nodes)).toBe(0);
  });

  it("stops after one page for a role with 2,000 tasks", async () => {
    // when a back-office user opens the unassigned inbox
    const plan = await planOf(["back-office"]);
    // then a full page came from walking the index in page order: no more than a page of tasks read
    expect(plan.rows).toBe(50);
    expect(plan.nodes.some((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "tasks")).toBe(false);
    expect(taskRowsRead(plan.nodes)).toBeLessThanOrEqual(51);
  });
});
