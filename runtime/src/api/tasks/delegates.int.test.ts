/**
 * GET /tasks/{id}/delegates on the run's PostgreSQL: whom a task can be handed to, that the list is
 * exactly what POST /delegate accepts, and that the delegated task moves between the two inboxes.
 * Accounts get unique names so the test does not depend on which other files seeded the database.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CreatedAccount, createAccounts } from "../../auth/accounts";
import { ensureReferenceData } from "../../auth/seed-demo";
import type { Db } from "../../store/db";
import { buildTestApp, call, fixtureCase, type Session, signIn, type TestApp } from "../../testing/api-app";
import { postgresDb } from "../../testing/servers";

type Candidates = { items: { id: string; username: string; displayName: string; roles: string[] }[] };
type Page = { items: { id: string }[] };

const tag = randomUUID().slice(0, 8);
let db: Db;
let app: TestApp;
let accounts: CreatedAccount[];
const s: Record<string, Session> = {};

const PEOPLE = [
  { key: "me", district: "3216", roles: ["back-office"] },
  { key: "colleague", district: "3216", roles: ["back-office", "pekerja-sosial"] },
  { key: "social", district: "3216", roles: ["pekerja-sosial"] },
  { key: "disabled", district: "3216", roles: ["back-office"] },
  { key: "front", district: "3216", roles: ["front-office"] },
  { key: "head", district: "3216", roles: ["kepala-bidang"] },
  { key: "sumedang", district: "3211", roles: ["back-office"] },
] as const;
type Key = (typeof PEOPLE)[number]["key"];
const username = (key: Key) => `dlg-${tag}.${key}`;
const id = (key: Key) => accounts.find((a) => a.username === username(key))!.id;

beforeAll(async () => {
  db = await postgresDb();
  await ensureReferenceData(db);
  accounts = await createAccounts(
    db,
    PEOPLE.map((p) => ({
      username: username(p.key),
      displayName: `Uji ${p.key}`,
      orgUnitId: p.district,
      district: p.district,
      roles: [...p.roles],
    })),
  );
  // credentials given: no demo seed, the accounts above are the cast
  ({ app } = await buildTestApp(db, { credentials: accounts }));
  for (const p of PEOPLE) s[p.key] = await signIn(app, accounts, username(p.key));
  await db.updateTable("users").set({ disabled: true }).where("id", "=", id("disabled")).execute();
});

afterAll(async () => {
  await db?.destroy();
});

const mine = (key: Key) => call(app, s[key]!, "GET", "/tasks?scope=mine&limit=200");

describe("delegates of a task", () => {
  it("lists active colleagues of the district with a candidate role, and delegating moves the task to them", async () => {
    // given a back-office task of Bekasi that I claimed
    const { task } = await fixtureCase(db, { district: "3216", roles: ["back-office"], createdBy: null });
    const claimed = await call(app, s.me!, "POST", `/tasks/${task.id}/claim`, { revision: task.revision });
    expect(claimed.status).toBe(200);
    const { revision } = (await claimed.json()) as { revision: number };

    // when I ask whom I can hand it to
    const res = await call(app, s.me!, "GET", `/tasks/${task.id}/delegates`);

    // then my back-office colleague, with their roles and name; not me, not the disabled account,
    // not other roles, not Sumedang
    expect(res.status).toBe(200);
    const list = (await res.json()) as Candidates;
    const ours = list.items.filter((u) => u.username.startsWith(`dlg-${tag}.`));
    expect(ours).toEqual([
      {
        id: id("colleague"),
        username: username("colleague"),
        displayName: "Uji colleague",
        roles: ["back-office", "pekerja-sosial"],
      },
    ]);
    // whoever else the shared database holds is an active back-office user of Bekasi too
    const others = list.items.filter((u) => !u.username.startsWith(`dlg-${tag}.`));
    if (others.length > 0) {
      const rows = await db
        .selectFrom("users")
        .select(["id", "district", "disabled"])
        .where(
          "id",
          "in",
          others.map((u) => u.id),
        )
        .execute();
      expect(rows.every((r) => r.district === "3216" && !r.disabled)).toBe(true);
      expect(others.every((u) => u.roles.includes("back-office"))).toBe(true);
    }

    // and the one listed is accepted by delegate; the task leaves my inbox and enters theirs
    const delegated = await call(app, s.me!, "POST", `/tasks/${task.id}/delegate`, {
      revision,
      userId: id("colleague"),
    });
    expect(delegated.status).toBe(200);
    expect(((await (await mine("me")).json()) as Page).items.map((t) => t.id)).not.toContain(task.id);
    expect(((await (await mine("colleague")).json()) as Page).items.map((t) => t.id)).toContain(task.id);

    // the new assignee's list leaves themselves out, and the previous holder is offered back
    const back = (await (await call(app, s.colleague!, "GET", `/tasks/${task.id}/delegates`)).json()) as Candidates;
    const names = back.items.map((u) => u.username);
    expect(names).toContain(username("me"));
    expect(names).not.toContain(username("colleague"));
  });

  it("answers a head too, and excludes the current assignee from the list", async () => {
    const { task } = await fixtureCase(db, { district: "3216", roles: ["back-office"], createdBy: null });
    await call(app, s.me!, "POST", `/tasks/${task.id}/claim`, { revision: task.revision });

    const res = await call(app, s.head!, "GET", `/tasks/${task.id}/delegates`);

    expect(res.status).toBe(200);
    const names = ((await res.json()) as Candidates).items.map((u) => u.username);
    expect(names).toContain(username("colleague"));
    expect(names).not.toContain(username("me"));
    expect(names).not.toContain(username("head"));
  });

  it("refuses, with an audited 403 or a 404, whoever may not act on the task", async () => {
    const { task } = await fixtureCase(db, { district: "3216", roles: ["back-office"], createdBy: null });

    for (const key of ["front", "social", "sumedang"] as const) {
      const res = await call(app, s[key]!, "GET", `/tasks/${task.id}/delegates`);
      expect(res.status, key).toBe(403);
      const audit = await db
        .selectFrom("audit_log")
        .select(["action", "outcome", "resource_id"])
        .where("actor_id", "=", id(key))
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(audit).toEqual({ action: "task.delegates", outcome: "denied", resource_id: task.id });
    }
    expect((await call(app, s.me!, "GET", `/tasks/${randomUUID()}/delegates`)).status).toBe(404);
    expect((await call(app, null, "GET", `/tasks/${task.id}/delegates`)).status).toBe(401);
  });

  it("lists nobody for a task without candidate roles", async () => {
    // given a task addressed to the assignee only (no roles), claimed by me
    const { task } = await fixtureCase(db, { district: "3216", roles: [], createdBy: null });
    await db
      .updateTable("tasks")
      .set({ assignee: id("me"), status: "claimed" })
      .where("id", "=", task.id)
      .execute();

    const res = await call(app, s.me!, "GET", `/tasks/${task.id}/delegates`);

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [] });
  });
});
