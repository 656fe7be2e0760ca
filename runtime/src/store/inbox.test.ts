import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, migrate, openDb } from "./db";
import { type InboxFilter, queryInbox } from "./inbox";
import { migrations } from "./migrations";
import { assignTask, claimTask, unclaimTask } from "./task-actions";
import { closeTask, createTask, getTask } from "./tasks";

const ROLES = ["back-office", "pekerja-sosial", "kepala-bidang", "front-office"];
const USERS = ["u-siti", "u-budi", "u-ani"];

async function seedVersionsAndCases(db: Db, cases: number): Promise<void> {
  for (const service of ["bansos", "pkh"]) {
    await db
      .insertInto("process_versions")
      .values({
        id: `pv-${service}`,
        process_id: service,
        district: null,
        version: 1,
        name: service,
        status: "published",
        bpmn_xml: "<x/>",
        plan: "{}",
        plan_hash: "h",
      })
      .execute();
  }
  for (let i = 0; i < cases; i++) {
    const service = i % 2 === 0 ? "bansos" : "pkh";
    await db
      .insertInto("cases")
      .values({
        id: `c${i}`,
        case_number: `BKS/2026/${String(i).padStart(4, "0")}`,
        district: i % 3 === 0 ? "3211" : "3216",
        process_version_id: `pv-${service}`,
        process_id: service,
        workflow_id: `case-c${i}`,
        status: "active",
        applicant: JSON.stringify({ name: `Pemohon ${i}` }),
      })
      .execute();
  }
}

/** The unassigned inbox as the `roles ?|` filter on tasks answered it before migration 0008. */
async function reference(db: Db, f: InboxFilter & { district: string }): Promise<string[]> {
  const mine = sql<boolean>`t.candidate_users ? ${f.userId}`;
  let q = db
    .selectFrom("tasks as t")
    .innerJoin("cases as c", "c.id", "t.case_id")
    .select("t.id")
    .where("t.district", "=", f.district)
    .where("t.status", "=", "open")
    .where("t.assignee", "is", null)
    .where(f.roles.length === 0 ? mine : sql<boolean>`(t.roles ?| array[${sql.join(f.roles)}]::text[] or ${mine})`);
  if (f.service) q = q.where("c.process_id", "=", f.service);
  if (f.overdue === true) q = q.where("t.due_at", "<", new Date());
  if (f.q) q = q.where("c.case_number", "ilike", `%${f.q}%`);
  const rows = await q.orderBy(sql`coalesce(t.due_at, 'infinity'::timestamptz)`).orderBy("t.id").execute();
  return rows.map((r) => r.id);
}

/** Every page of the inbox, followed by cursor, as one list of task ids. */
async function allPages(db: Db, f: InboxFilter): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await queryInbox(db, { ...f, ...(cursor ? { cursor } : {}) });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error("more than 100 pages");
}

describe("unassigned inbox (inbox_candidates)", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb({ kind: "pglite", dataDir: null });
    await seedVersionsAndCases(db, 30);
    // given 240 tasks: one or two roles (or none), candidate users, shared due dates, some claimed or closed
    for (let i = 0; i < 240; i++) {
      const caseIndex = i % 30;
      const roles = i % 11 === 0 ? [] : i % 4 === 0 ? [ROLES[i % 4]!, ROLES[(i + 1) % 4]!] : [ROLES[i % 4]!];
      await createTask(db, {
        id: `t${String(i).padStart(3, "0")}`,
        caseId: `c${caseIndex}`,
        district: caseIndex % 3 === 0 ? "3211" : "3216",
        elementId: "periksa",
        elementInstanceId: `ei${i}`,
        name: "Periksa",
        roles,
        assignee: i % 17 === 0 ? USERS[i % 3]! : null,
        candidateUsers: i % 5 === 0 ? [USERS[i % 3]!] : [],
        formId: null,
        documents: [],
        // a few due dates shared by many tasks (ties broken by id), some past, some none
        dueAt: i % 7 === 0 ? null : new Date(Date.UTC(2026, 0, 1 + (i % 9)) + (i % 2) * 365 * 86_400_000).toISOString(),
      });
      if (i % 13 === 0)
        await closeTask(db, { taskId: `t${String(i).padStart(3, "0")}`, status: "completed", by: null });
    }
  });
  afterAll(async () => {
    await db.destroy();
  });

  const filters: Array<[string, Omit<InboxFilter, "scope" | "limit"> & { district: string }]> = [
    ["one role", { userId: "u-x", district: "3216", roles: ["back-office"] }],
    ["two roles", { userId: "u-x", district: "3216", roles: ["pekerja-sosial", "kepala-bidang"] }],
    ["a role and candidate user", { userId: "u-siti", district: "3216", roles: ["front-office"] }],
    ["candidate user without roles", { userId: "u-budi", district: "3216", roles: [] }],
    ["a role nobody has", { userId: "u-x", district: "3216", roles: ["sakti-peksos"] }],
    ["the same role twice", { userId: "u-ani", district: "3211", roles: ["back-office", "back-office"] }],
    ["service filter", { userId: "u-siti", district: "3216", roles: ["back-office", "front-office"], service: "pkh" }],
    ["overdue filter", { userId: "u-x", district: "3216", roles: ["back-office", "pekerja-sosial"], overdue: true }],
    ["search", { userId: "u-x", district: "3216", roles: ["back-office", "pekerja-sosial"], q: "/001" }],
  ];

  it.each(filters)(
    "pages through the same tasks, in the same order, as the roles filter on tasks: %s",
    async (_, f) => {
      // given the seeded tasks; when paging 4 at a time
      const ids = await allPages(db, { scope: "unassigned", limit: 4, ...f });
      // then
      const expected = await reference(db, { scope: "unassigned", limit: 4, ...f });
      expect(ids).toEqual(expected);
      if (f.roles[0] !== "sakti-peksos") expect(ids.length).toBeGreaterThan(0);
    },
  );

  it("follows a task through claim, unclaim, assignment, a new due date and its close", async () => {
    // given a free back-office task due first of all
    await db
      .insertInto("cases")
      .values({
        id: "c-life",
        case_number: "BKS/2026/LIFE",
        district: "3216",
        process_version_id: "pv-bansos",
        process_id: "bansos",
        workflow_id: "case-c-life",
        status: "active",
        applicant: "{}",
      })
      .execute();
    const task = await createTask(db, {
      id: "t-life",
      caseId: "c-life",
      district: "3216",
      elementId: "periksa",
      elementInstanceId: "ei-life",
      name: "Periksa",
      roles: ["back-office"],
      assignee: null,
      formId: null,
      documents: [],
      dueAt: "2020-01-01T00:00:00.000Z",
    });
    const filter: InboxFilter = {
      scope: "unassigned",
      userId: "u-x",
      district: "3216",
      roles: ["back-office"],
      limit: 3,
    };
    const first = async () => (await queryInbox(db, filter)).rows[0]?.id;
    expect(await first()).toBe("t-life");

    // when claimed, then it leaves the unassigned inbox; when unclaimed, it is back
    const claimed = await claimTask(db, { taskId: task.id, revision: task.revision, userId: "u-budi" });
    expect(claimed.ok).toBe(true);
    expect(await first()).not.toBe("t-life");
    const unclaimed = await unclaimTask(db, { taskId: task.id, revision: task.revision + 1 });
    expect(unclaimed.ok).toBe(true);
    expect(await first()).toBe("t-life");

    // when its due date moves past every other task, then it sorts after them
    await db
      .updateTable("tasks")
      .set({ due_at: new Date(Date.UTC(2099, 0, 1)) })
      .where("id", "=", task.id)
      .execute();
    expect(await first()).not.toBe("t-life");
    await db
      .updateTable("tasks")
      .set({ due_at: new Date(Date.UTC(2020, 0, 1)) })
      .where("id", "=", task.id)
      .execute();
    expect(await first()).toBe("t-life");

    // when assigned, then it is nobody's free task; when closed, it is gone and leaves no candidate rows
    const assigned = await assignTask(db, { taskId: task.id, revision: task.revision + 2, userId: "u-ani" });
    expect(assigned.ok).toBe(true);
    expect(await first()).not.toBe("t-life");
    await unclaimTask(db, { taskId: task.id, revision: task.revision + 3 });
    expect(await first()).toBe("t-life");
    await closeTask(db, { taskId: task.id, status: "cancelled", by: null });
    expect((await getTask(db, task.id))?.status).toBe("cancelled");
    expect(await first()).not.toBe("t-life");
    const left = await db.selectFrom("inbox_candidates").selectAll().where("task_id", "=", task.id).execute();
    expect(left).toEqual([]);
  });

  it("keeps candidate rows only for free tasks: one per role and candidate user", async () => {
    // given the seeded tasks; then the table holds exactly what the tasks name
    const { rows } = await sql<{ missing: number; extra: number }>`
      WITH expected AS (
        SELECT t.id AS task_id, t.district, x.kind, x.name, coalesce(t.due_at, 'infinity'::timestamptz) AS due_key
        FROM tasks t CROSS JOIN LATERAL (
          SELECT 'role' AS kind, jsonb_array_elements_text(t.roles) AS name
          UNION SELECT 'user', jsonb_array_elements_text(t.candidate_users)
        ) x
        WHERE t.status = 'open' AND t.assignee IS NULL
      ), actual AS (SELECT task_id, district, kind, name, due_key FROM inbox_candidates)
      SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) m)::int AS missing,
             (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) e)::int AS extra`.execute(db);
    expect(rows[0]).toEqual({ missing: 0, extra: 0 });
  });
});

describe("migration 0008-inbox-candidates", () => {
  it("backfills the free tasks that existed before it", async () => {
    // given a database at 0006 with a free task, a claimed one and a closed one
    const db = await openDb({ kind: "pglite", dataDir: null });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const down = await migrator.migrateTo("0006-task-assignment");
      expect(down.error).toBeUndefined();
      await seedVersionsAndCases(db, 1);
      for (const [id, status, assignee] of [
        ["t-free", "open", null],
        ["t-claimed", "claimed", "u-siti"],
        ["t-closed", "completed", null],
      ] as const) {
        await db
          .insertInto("tasks")
          .values({
            id,
            case_id: "c0",
            district: "3211",
            element_id: "periksa",
            element_instance_id: id,
            name: null,
            roles: JSON.stringify(["back-office"]),
            candidate_users: JSON.stringify(["u-budi"]),
            assignee,
            status,
          })
          .execute();
      }

      // when migrated to the latest
      await migrate(db);

      // then the free task is in the inbox of its role and of its candidate user, the others are not
      const byRole = await queryInbox(db, {
        scope: "unassigned",
        userId: "u-x",
        district: "3211",
        roles: ["back-office"],
        limit: 10,
      });
      const byUser = await queryInbox(db, {
        scope: "unassigned",
        userId: "u-budi",
        district: "3211",
        roles: [],
        limit: 10,
      });
      expect(byRole.rows.map((r) => r.id)).toEqual(["t-free"]);
      expect(byUser.rows.map((r) => r.id)).toEqual(["t-free"]);
    } finally {
      await db.destroy();
    }
  });
});
