import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresDb } from "../testing/servers";
import { appendCaseEvent, listCaseEvents } from "./case-events";
import { type Db, migrate, openDb } from "./db";
import { closeTask, createTask, getTask } from "./tasks";

/** The same storage behaviour on both dialects: embedded PGlite and a real PostgreSQL server. */
const dialects: Array<[string, () => Promise<Db>]> = [
  ["pglite", () => openDb({ kind: "pglite", dataDir: null })],
  ["postgres", postgresDb],
];

describe.each(dialects)("storage on %s", (_name, open) => {
  let db: Db;
  beforeAll(async () => {
    db = await open();
    await db
      .insertInto("process_versions")
      .values({
        id: "pv-1",
        process_id: "smoke",
        district: "3216",
        version: 1,
        name: "Smoke",
        status: "published",
        bpmn_xml: "<xml/>",
        plan: JSON.stringify({ planVersion: 1 }),
        plan_hash: "h",
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  });
  afterAll(async () => {
    await db.destroy();
  });

  async function newCase(id: string) {
    await db
      .insertInto("cases")
      .values({
        id,
        case_number: `SMK/BKS/2026/${id}`,
        district: "3216",
        process_version_id: "pv-1",
        process_id: "smoke",
        workflow_id: `case-${id}`,
        status: "active",
        applicant: JSON.stringify({ name: "Siti" }),
      })
      .execute();
  }

  it("migrates twice without error (migrations are recorded)", async () => {
    // given a migrated database, when migrating again, then nothing fails and nothing is re-run
    await migrate(db);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    expect(applied.rows.map((r) => r.name)).toContain("0001-core");
  });

  it("creates a task once per activation even when the create is retried", async () => {
    await newCase("c1");
    const task = {
      id: "t1",
      caseId: "c1",
      district: "3216",
      elementId: "verify",
      elementInstanceId: "ei-1",
      name: "Verifikasi",
      roles: ["front-office"],
      assignee: null,
      formId: null,
      documents: ["ktp"],
      dueAt: "2026-11-24T08:00:00.000Z",
    };
    const first = await createTask(db, task);
    // a retried activity may come with a fresh id: the activation key decides
    const second = await createTask(db, { ...task, id: "t1-retry" });
    expect(second.id).toBe(first.id);
    // the inserted row (RETURNING) and the one found on a retry (SELECT) read the same
    expect(second).toEqual(first);
    const count = await db
      .selectFrom("tasks")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("case_id", "=", "c1")
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    expect(first.roles).toEqual(["front-office"]);
    expect(first.status).toBe("open");
  });

  it("closes an open task once; closing again changes nothing", async () => {
    await closeTask(db, { taskId: "t1", status: "completed", by: "u1", result: { ok: true } });
    await closeTask(db, { taskId: "t1", status: "cancelled", by: "u2" });
    const row = await getTask(db, "t1");
    expect(row?.status).toBe("completed");
    expect(row?.closed_by).toBe("u1");
    expect(row?.result).toEqual({ ok: true });
    expect(row?.revision).toBe(1);
  });

  it("appends case events idempotently by dedupe key, in order", async () => {
    await appendCaseEvent(db, { caseId: "c1", type: "elementEntered", elementId: "start", dedupeKey: "c1:1" });
    await appendCaseEvent(db, { caseId: "c1", type: "elementEntered", elementId: "start", dedupeKey: "c1:1" });
    await appendCaseEvent(db, { caseId: "c1", type: "taskCreated", elementId: "verify", data: { taskId: "t1" } });
    const events = await listCaseEvents(db, "c1");
    expect(events.map((e) => e.type)).toEqual(["elementEntered", "taskCreated"]);
    expect(events[1]?.data).toEqual({ taskId: "t1" });
  });

  it("rejects a task for a case that does not exist (foreign key)", async () => {
    await expect(
      createTask(db, {
        id: "t-orphan",
        caseId: "missing",
        district: "3216",
        elementId: "x",
        elementInstanceId: "ei-x",
        name: null,
        roles: [],
        assignee: null,
        formId: null,
        documents: [],
        dueAt: null,
      }),
    ).rejects.toThrow();
  });
});

describe("PGlite on disk", () => {
  it("keeps data across close and reopen", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const dir = mkdtempSync(path.join(tmpdir(), "alur-pglite-"));
    try {
      const first = await openDb({ kind: "pglite", dataDir: dir });
      await first
        .insertInto("process_versions")
        .values({
          id: "pv-disk",
          process_id: "p",
          district: null,
          version: 1,
          name: "P",
          status: "draft",
          bpmn_xml: "<x/>",
          plan: "{}",
          plan_hash: "h",
        })
        .execute();
      await first.destroy();
      const second = await openDb({ kind: "pglite", dataDir: dir });
      const row = await second
        .selectFrom("process_versions")
        .selectAll()
        .where("id", "=", "pv-disk")
        .executeTakeFirst();
      expect(row?.name).toBe("P");
      await second.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
