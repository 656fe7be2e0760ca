import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccounts } from "../../auth/accounts";
import type { DemoCredential } from "../../auth/seed-demo";
import { type Db, openDb } from "../../store/db";
import { buildTestApp, call, fixtureCase, type Session, signIn, type TestApp } from "../../testing/api-app";

let db: Db;
let app: TestApp;
let credentials: DemoCredential[];
const users: Record<string, Session> = {};

beforeAll(async () => {
  db = await openDb({ kind: "pglite", dataDir: null });
  ({ app, credentials } = await buildTestApp(db));
  for (const u of [
    "bks.back-office",
    "bks.pekerja-sosial",
    "bks.kepala-bidang",
    "bks.front-office",
    "smd.back-office",
  ]) {
    users[u] = await signIn(app, credentials, u);
  }
}, 120_000);
afterAll(() => db.destroy());

async function json<T>(res: Response | Promise<Response>): Promise<T> {
  return (await (await res).json()) as T;
}

type Page = {
  items: { id: string; revision: number; caseNumber: string; applicantName: string }[];
  nextCursor: string | null;
};

describe("inbox", () => {
  it("shows unassigned tasks of my roles and district only, sorted by due date, with cursor pages", async () => {
    // given 5 back-office tasks in Bekasi, one pekerja-sosial task, one back-office task in Sumedang
    const bksTasks: Awaited<ReturnType<typeof fixtureCase>>[] = [];
    for (let i = 0; i < 5; i++) {
      bksTasks.push(
        await fixtureCase(db, {
          district: "3216",
          roles: ["back-office"],
          createdBy: null,
          applicantName: `Pemohon ${i}`,
        }),
      );
    }
    await fixtureCase(db, { district: "3216", roles: ["pekerja-sosial"], createdBy: null });
    await fixtureCase(db, { district: "3211", roles: ["back-office"], createdBy: null });
    // due dates in reverse creation order
    for (const [i, f] of bksTasks.entries()) {
      await db
        .updateTable("tasks")
        .set({ due_at: new Date(Date.UTC(2030, 0, 10 - i)) })
        .where("id", "=", f.task.id)
        .execute();
    }

    // when
    const first = await json<Page>(call(app, users["bks.back-office"]!, "GET", "/tasks?scope=unassigned&limit=3"));
    const second = await json<Page>(
      call(app, users["bks.back-office"]!, "GET", `/tasks?scope=unassigned&limit=3&cursor=${first.nextCursor}`),
    );

    // then
    const ids = [...first.items, ...second.items].map((t) => t.id);
    expect(ids).toEqual(bksTasks.map((f) => f.task.id).reverse());
    expect(second.nextCursor).toBeNull();

    // text search on applicant name
    const found = await json<Page>(
      call(app, users["bks.back-office"]!, "GET", "/tasks?scope=unassigned&q=pemohon%203"),
    );
    expect(found.items.map((t) => t.applicantName)).toEqual(["Pemohon 3"]);

    // a head sees the whole district, including the pekerja-sosial task; a non-head may not ask
    const district = await json<Page>(call(app, users["bks.kepala-bidang"]!, "GET", "/tasks?scope=district&limit=200"));
    expect(district.items.length).toBeGreaterThanOrEqual(6);
    expect((await call(app, users["bks.back-office"]!, "GET", "/tasks?scope=district")).status).toBe(403);

    // Sumedang sees none of Bekasi's
    const smd = await json<Page>(call(app, users["smd.back-office"]!, "GET", "/tasks?scope=unassigned&limit=200"));
    expect(smd.items.every((t) => !bksTasks.some((f) => f.task.id === t.id))).toBe(true);
  });

  it("rejects a malformed cursor with 400", async () => {
    const res = await call(app, users["bks.back-office"]!, "GET", "/tasks?scope=unassigned&cursor=garbage");
    expect(res.status).toBe(400);
  });
});

describe("task actions", () => {
  it("lets exactly one of two concurrent claims win; the other gets 409 with a bilingual message", async () => {
    // given
    const { task } = await fixtureCase(db, {
      district: "3216",
      roles: ["back-office", "pekerja-sosial"],
      createdBy: null,
    });
    const a = users["bks.back-office"]!;
    const b = users["bks.pekerja-sosial"]!;

    // when
    const [ra, rb] = await Promise.all([
      call(app, a, "POST", `/tasks/${task.id}/claim`, { revision: task.revision }),
      call(app, b, "POST", `/tasks/${task.id}/claim`, { revision: task.revision }),
    ]);

    // then
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const loser = ra.status === 409 ? ra : rb;
    expect(await loser.json()).toMatchObject({
      code: "task-revision-conflict",
      message: { id: expect.stringContaining("Tugas"), en: expect.stringContaining("task") },
    });
  });

  it("claims, saves a draft, unclaims, delegates, comments; every change audited", async () => {
    const { task, caseId } = await fixtureCase(db, { district: "3216", roles: ["back-office"], createdBy: null });
    const me = users["bks.back-office"]!;
    const head = users["bks.kepala-bidang"]!;

    const claimed = await json<{ assignee: string; revision: number }>(
      call(app, me, "POST", `/tasks/${task.id}/claim`, { revision: task.revision }),
    );
    expect(claimed.assignee).toBe(me.userId);

    expect(
      (await call(app, me, "PUT", `/tasks/${task.id}/draft`, { data: { catatan: "berkas lengkap" } })).status,
    ).toBe(200);
    const detail = await json<{ draft: unknown }>(call(app, me, "GET", `/tasks/${task.id}`));
    expect(detail.draft).toEqual({ catatan: "berkas lengkap" });

    // a head takes it back and delegates it to the back office again
    const unclaimed = await json<{ assignee: null; revision: number }>(
      call(app, head, "POST", `/tasks/${task.id}/unclaim`, { revision: claimed.revision }),
    );
    expect(unclaimed.assignee).toBeNull();
    const toWrong = await call(app, head, "POST", `/tasks/${task.id}/delegate`, {
      revision: unclaimed.revision,
      userId: users["bks.front-office"]!.userId,
    });
    expect(toWrong.status).toBe(422);
    const delegated = await json<{ assignee: string }>(
      call(app, head, "POST", `/tasks/${task.id}/delegate`, { revision: unclaimed.revision, userId: me.userId }),
    );
    expect(delegated.assignee).toBe(me.userId);

    expect((await call(app, me, "POST", `/tasks/${task.id}/comments`, { text: "Menunggu SKTM" })).status).toBe(201);
    const timeline = await db.selectFrom("case_events").select(["type"]).where("case_id", "=", caseId).execute();
    expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(["task.delegated", "task.comment"]));

    const audit = await db
      .selectFrom("audit_log")
      .select(["action"])
      .where("resource_id", "=", task.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["task.claim", "task.unclaim", "task.delegate", "task.comment"]);
  });

  it("answers 409, not 403, to a candidate whose colleague claimed the task first; the draft is kept", async () => {
    // given a second back-office user, and a task the first one claimed
    const [colleague] = await createAccounts(db, [
      { username: "bks.back-office-2", orgUnitId: "3216", district: "3216", roles: ["back-office"] },
    ]);
    const other = await signIn(app, [...credentials, { ...colleague!, roles: ["back-office"] }], "bks.back-office-2");
    const { task } = await fixtureCase(db, { district: "3216", roles: ["back-office"], createdBy: null });
    const claimed = await json<{ revision: number }>(
      call(app, users["bks.back-office"]!, "POST", `/tasks/${task.id}/claim`, { revision: task.revision }),
    );

    // when the colleague completes it with the revision they now see
    const res = await call(app, other, "POST", `/tasks/${task.id}/complete`, {
      revision: claimed.revision,
      data: { hasil: "dari rekan" },
    });

    // then a conflict naming the assignee, and the colleague's input is their draft
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      code: "task-revision-conflict",
      details: { assignee: users["bks.back-office"]!.userId },
    });
    const detail = await json<{ draft: unknown }>(call(app, other, "GET", `/tasks/${task.id}`));
    expect(detail.draft).toEqual({ hasil: "dari rekan" });
  });

  it("keeps what the user typed when a completion loses on revision", async () => {
    // given the task changed (claimed) after I loaded it at revision 0
    const { task } = await fixtureCase(db, { district: "3216", roles: ["back-office"], createdBy: null });
    const me = users["bks.back-office"]!;
    await call(app, me, "POST", `/tasks/${task.id}/claim`, { revision: task.revision });

    // when I complete with the stale revision
    const res = await call(app, me, "POST", `/tasks/${task.id}/complete`, {
      revision: task.revision,
      data: { hasil: "layak" },
    });

    // then 409, and my input is my draft
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      code: "task-revision-conflict",
      details: { revision: task.revision + 1 },
    });
    const detail = await json<{ draft: unknown; status: string }>(call(app, me, "GET", `/tasks/${task.id}`));
    expect(detail).toMatchObject({ draft: { hasil: "layak" }, status: "claimed" });
  });
});

describe("audit log", () => {
  it("is append-only in the database: UPDATE and DELETE raise", async () => {
    await expect(db.updateTable("audit_log").set({ action: "x" }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
  });

  it("is readable by the district admin for the district and audits a denied read", async () => {
    const admin = await signIn(app, credentials, "bks.admin");
    const page = await json<{ items: { district: string | null }[] }>(call(app, admin, "GET", "/audit?limit=50"));
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((e) => e.district === "3216")).toBe(true);
    const denied = await call(app, admin, "GET", "/audit?district=3211");
    expect(denied.status).toBe(403);
    const last = await db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: "audit.read", outcome: "denied", actor_id: admin.userId });
  });
});
