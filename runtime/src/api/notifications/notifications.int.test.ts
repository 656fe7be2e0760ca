/**
 * The notification centre through the API on PostgreSQL: who sees what (to them, or to their roles
 * in their district), unread counts, read and read-all, cursor paging, withheld texts of sensitive
 * cases, preferences (validated, audited, deciding deliveries), and the task notices: assignment
 * through the createTask activity, due-soon and overdue warnings once per task.
 */
import { randomUUID } from "node:crypto";
import type { NotificationPage } from "@alur/shared/api";
import { ExecutionPlan } from "@alur/shared/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccounts } from "../../auth/accounts";
import { ensureReferenceData } from "../../auth/seed-demo";
import { runConnector } from "../../connectors";
import { createLogger } from "../../logger";
import { messageFor } from "../../notifications/delivery-sweeper";
import { warnDueTasks } from "../../notifications/task-notices";
import type { Db } from "../../store/db";
import { deliveriesOf } from "../../store/notification-deliveries";
import { savePreferences } from "../../store/notification-preferences";
import { insertNotification } from "../../store/notifications";
import { insertProcessVersion } from "../../store/process-versions";
import { createActivities } from "../../temporal/activities";
import {
  buildTestApp,
  call,
  fixtureCase,
  fixturePlan,
  type Session,
  signIn,
  type TestApp,
} from "../../testing/api-app";
import { postgresDb } from "../../testing/servers";

const TAG = `${process.pid}${Date.now().toString(36)}`;
// A district of its own per run would need reference data; instead the roles used here are held
// only by this file's accounts in 3216 (kepala-bidang, sekretaris), so other files' rows do not show.
const CAST = [
  { key: "kabid", district: "3216", role: "kepala-bidang" },
  { key: "kabid2", district: "3216", role: "kepala-bidang" },
  { key: "sekretaris", district: "3216", role: "sekretaris" },
  { key: "sekretaris2", district: "3216", role: "sekretaris" },
  { key: "smd-kabid", district: "3211", role: "kepala-bidang" },
] as const;
type Key = (typeof CAST)[number]["key"];

let db: Db;
let app: TestApp;
const as: Partial<Record<Key, Session>> = {};
const who = (k: Key) => as[k]!;
const logger = createLogger({ level: "silent", pretty: false });

beforeAll(async () => {
  db = await postgresDb();
  await ensureReferenceData(db);
  const accounts = await createAccounts(
    db,
    CAST.map((c) => ({ username: `ntf${TAG}.${c.key}`, orgUnitId: c.district, district: c.district, roles: [c.role] })),
  );
  ({ app } = await buildTestApp(db, { credentials: accounts }));
  for (const c of CAST) as[c.key] = await signIn(app, accounts, `ntf${TAG}.${c.key}`);
});

afterAll(async () => {
  await db?.destroy();
});

async function page(k: Key, query = ""): Promise<NotificationPage> {
  const res = await call(app, who(k), "GET", `/notifications${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as NotificationPage;
}

async function note(input: { title: string; roles?: string[]; userId?: string; district?: string; caseId?: string }) {
  return insertNotification(db, {
    id: randomUUID(),
    caseId: input.caseId ?? null,
    district: input.district ?? "3216",
    elementId: null,
    roles: input.roles ?? [],
    userId: input.userId ?? null,
    title: input.title,
    body: `Isi ${input.title}`,
    dedupeKey: `ntf-${TAG}-${input.title}`,
  });
}

const titles = (p: NotificationPage) => p.items.map((i) => i.title);

describe("notification centre", () => {
  it("shows each user what is addressed to them or their roles in their district, and nothing else", async () => {
    // given notices to kepala-bidang of 3216, to kepala-bidang of 3211, and to one person
    await note({ title: `A1 ${TAG}`, roles: ["kepala-bidang"] });
    await note({ title: `A2 ${TAG}`, roles: ["kepala-bidang"], district: "3211" });
    await note({ title: `A3 ${TAG}`, userId: who("sekretaris").userId });

    // when each reads their notifications
    const kabid = titles(await page("kabid"));
    const smd = titles(await page("smd-kabid"));
    const sekretaris = titles(await page("sekretaris"));

    // then the role notice reaches 3216's holders only, the personal one its person only
    expect(kabid).toContain(`A1 ${TAG}`);
    expect(kabid).not.toContain(`A2 ${TAG}`);
    expect(kabid).not.toContain(`A3 ${TAG}`);
    expect(smd).toContain(`A2 ${TAG}`);
    expect(smd).not.toContain(`A1 ${TAG}`);
    expect(sekretaris).toContain(`A3 ${TAG}`);
    expect(sekretaris).not.toContain(`A1 ${TAG}`);
  });

  it("refuses to mark someone else's notification read (404, audited), and needs a sign-in", async () => {
    // given a notice to the secretary
    const n = await note({ title: `B1 ${TAG}`, userId: who("sekretaris").userId });

    // when a kepala bidang tries to mark it read, and an anonymous caller lists
    const res = await call(app, who("kabid"), "POST", `/notifications/${n.id}/read`);
    const anon = await call(app, null, "GET", "/notifications");

    // then it is unknown to them, the refusal is audited, and it stays unread for its reader
    expect(res.status).toBe(404);
    expect(anon.status).toBe(401);
    const denied = await db
      .selectFrom("audit_log")
      .select(["action", "outcome"])
      .where("resource_id", "=", n.id)
      .where("actor_id", "=", who("kabid").userId)
      .execute();
    expect(denied).toEqual([{ action: "notification.read", outcome: "denied" }]);
    const mine = await page("sekretaris");
    expect(mine.items.find((i) => i.id === n.id)?.readAt).toBeNull();
  });

  it("keeps read state per reader, counts unread, and marks all read", async () => {
    // given a role notice both kepala bidang hold
    const n = await note({ title: `C1 ${TAG}`, roles: ["kepala-bidang"] });
    const before = (await page("kabid")).unreadCount;

    // when one marks it read
    expect((await call(app, who("kabid"), "POST", `/notifications/${n.id}/read`)).status).toBe(204);

    // then it is read for them only
    const kabid = await page("kabid");
    expect(kabid.unreadCount).toBe(before - 1);
    expect(kabid.items.find((i) => i.id === n.id)?.readAt).not.toBeNull();
    expect((await page("kabid2")).items.find((i) => i.id === n.id)?.readAt).toBeNull();
    expect((await page("kabid", "?unread=true")).items.map((i) => i.id)).not.toContain(n.id);

    // and read-all leaves the other with nothing unread
    const all = await call(app, who("kabid2"), "POST", "/notifications/read-all");
    expect(all.status).toBe(200);
    expect(((await all.json()) as { marked: number }).marked).toBeGreaterThan(0);
    expect((await page("kabid2")).unreadCount).toBe(0);
  });

  it("pages with a cursor, newest first, without repeating or skipping", async () => {
    // given five more personal notices
    for (let i = 0; i < 5; i++) await note({ title: `D${i} ${TAG}`, userId: who("kabid2").userId });

    // when the reader pages two at a time
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const p = await page("kabid2", `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor;
    }

    // then every notice came once, D4 before D0
    expect(new Set(seen).size).toBe(seen.length);
    const all = titles(await page("kabid2", "?limit=100"));
    expect(seen).toHaveLength(all.length);
    expect(all.indexOf(`D4 ${TAG}`)).toBeLessThan(all.indexOf(`D0 ${TAG}`));
    expect((await call(app, who("kabid2"), "GET", "/notifications?cursor=bm9wZQ")).status).toBe(400);
  });

  it("withholds a text filled from a restricted field of a sensitive case from roles that may not see it", async () => {
    // given a sensitive service whose `nik` only kepala-bidang may see, and a notify task naming it
    const processId = `ntf-sensitive-${TAG}`;
    await insertProcessVersion(db, {
      plan: ExecutionPlan.parse({
        ...fixturePlan(processId, ["kepala-bidang"]),
        privacy: { sensitive: true, fields: { nik: ["kepala-bidang"] }, documents: {} },
      }),
      bpmnXml: "<definitions/>",
      district: "3216",
      publish: true,
      effectiveFrom: null,
      createdBy: null,
    });
    const { caseId } = await fixtureCase(db, {
      district: "3216",
      roles: ["kepala-bidang"],
      createdBy: null,
      processId,
    });
    // and a head and a secretary who take notices by email too
    for (const k of ["kabid", "sekretaris2"] as const)
      await savePreferences(db, who(k).userId, {
        email: `${k}.${TAG}@dinsos.test`,
        phone: null,
        channels: {
          notice: ["in-app", "email"],
          "task-assigned": ["in-app"],
          "task-due-soon": ["in-app"],
          "task-overdue": ["in-app"],
        },
      });
    const result = await runConnector(
      { db, logger, httpAllow: [], filesDir: "/nonexistent" },
      {
        caseId,
        district: "3216",
        elementId: "beritahu",
        elementInstanceId: null,
        jobKey: `job-${TAG}`,
        type: "notify",
        headers: { roles: "kepala-bidang,sekretaris", title: "Data pemohon", message: "NIK pemohon {{nik}}" },
        variables: { nik: "3216010101010001" },
        at: new Date().toISOString(),
      },
    );
    expect(result.ok).toBe(true);

    // when both roles read it
    const kabid = (await page("kabid")).items.find((i) => i.caseId === caseId);
    const sekretaris = (await page("sekretaris")).items.find((i) => i.caseId === caseId);

    // then the head sees the NIK, the secretary sees that something is withheld, never the NIK
    expect(kabid).toMatchObject({ body: "NIK pemohon 3216010101010001", withheld: false });
    expect(sekretaris?.withheld).toBe(true);
    expect(JSON.stringify(sekretaris)).not.toContain("3216010101010001");
    // and the secretary's email says only that there is something to read in Alur
    const rows = await deliveriesOf(db, kabid!.id);
    const emailTo = (k: Key) => rows.find((d) => d.user_id === who(k).userId)!;
    expect(emailTo("kabid").withheld).toBe(false);
    expect(emailTo("sekretaris2").withheld).toBe(true);
    const message = messageFor({
      ...emailTo("sekretaris2"),
      notificationId: kabid!.id,
      userId: who("sekretaris2").userId,
      interrupted: false,
      title: "Data pemohon",
      body: "NIK pemohon 3216010101010001",
      caseId,
      data: {},
    });
    expect(`${message.subject} ${message.text}`).not.toContain("3216010101010001");
    expect(message.text).toContain("Buka Alur");
  });

  it("validates, audits and applies preferences: kinds off in the app leave the bell, email needs an address", async () => {
    // given the defaults: the bell for everything
    const defaults = await call(app, who("sekretaris"), "GET", "/me/notification-preferences");
    expect(await defaults.json()).toMatchObject({ email: null, channels: { notice: ["in-app"] } });

    // when a bad address is sent, then good preferences without notices in the app but by email
    const bad = await call(app, who("sekretaris"), "PUT", "/me/notification-preferences", {
      email: "bukan-alamat",
      phone: null,
      channels: { notice: ["email"], "task-assigned": [], "task-due-soon": [], "task-overdue": [] },
    });
    const prefs = {
      email: `sek.${TAG}@dinsos.test`,
      phone: null,
      channels: {
        notice: ["email"],
        "task-assigned": ["in-app"],
        "task-due-soon": ["in-app"],
        "task-overdue": ["in-app"],
      },
    };
    const saved = await call(app, who("sekretaris"), "PUT", "/me/notification-preferences", prefs);

    // then the bad one is refused with a bilingual message, the good one saved and audited
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: { id: string; en: string } }).message.en).toBeTruthy();
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual(prefs);
    const audit = await db
      .selectFrom("audit_log")
      .select(["outcome"])
      .where("action", "=", "notification-preferences.update")
      .where("actor_id", "=", who("sekretaris").userId)
      .execute();
    expect(audit).toEqual([{ outcome: "ok" }]);

    // and a new notice goes to their email (one delivery), not to their bell
    const n = await note({ title: `E1 ${TAG}`, userId: who("sekretaris").userId });
    expect((await deliveriesOf(db, n.id)).map((d) => [d.channel, d.address])).toEqual([["email", prefs.email]]);
    expect(titles(await page("sekretaris"))).not.toContain(`E1 ${TAG}`);
    // a role notice gets a delivery for the kepala bidang who gave an email, none for the one who did not
    const r = await note({ title: `E2 ${TAG}`, roles: ["kepala-bidang"] });
    // (other files' kepala-bidang of 3216 share the database: only this file's two are asked about)
    const delivered = (await deliveriesOf(db, r.id)).map((d) => d.user_id);
    expect(delivered).toContain(who("kabid").userId);
    expect(delivered).not.toContain(who("kabid2").userId);
  });
});

describe("task notices", () => {
  it("tells the role holders of a new task once, and an assigned user personally", async () => {
    // given a case, and the worker's createTask activity opening a task for kepala-bidang (twice: a retry)
    const { caseId } = await fixtureCase(db, { district: "3216", roles: ["ketua-tim"], createdBy: null });
    const activities = createActivities({
      db,
      logger,
      env: { ALUR_DATA_DIR: "/nonexistent", HTTP_CONNECTOR_ALLOW: "" },
    });
    const input = {
      taskId: randomUUID(),
      caseId,
      district: "3216",
      elementId: "approve",
      elementInstanceId: `approve-${TAG}`,
      name: `Persetujuan ${TAG}`,
      roles: ["kepala-bidang"],
      assignee: null,
      formId: null,
      documents: [],
      dueAt: null,
    };
    await activities.createTask(input);
    await activities.createTask(input);
    // and another task assigned to the secretary
    await activities.createTask({
      ...input,
      taskId: randomUUID(),
      elementInstanceId: `sign-${TAG}`,
      name: `Tanda tangan ${TAG}`,
      roles: ["sekretaris"],
      assignee: `ntf${TAG}.sekretaris`,
    });

    // then each kepala bidang has one task-assigned notice, linked to the task; the secretary has hers
    for (const k of ["kabid", "kabid2"] as const) {
      const items = (await page(k)).items.filter((i) => i.title === `Tugas baru: Persetujuan ${TAG}`);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ kind: "task-assigned", caseId, taskId: input.taskId });
    }
    expect(titles(await page("sekretaris"))).toContain(`Tugas untuk Anda: Tanda tangan ${TAG}`);
    expect(titles(await page("smd-kabid"))).not.toContain(`Tugas baru: Persetujuan ${TAG}`);
  });

  it("warns once when a task is due within a working day and once when it is past due", async () => {
    // given three open tasks for kepala-bidang: due in an hour, due an hour ago, due in three weeks
    const now = new Date();
    const tasks: { id: string }[] = [];
    for (const [label, offsetMs] of [
      ["soon", 3_600_000],
      ["late", -3_600_000],
      ["far", 21 * 86_400_000],
    ] as const) {
      const { task } = await fixtureCase(db, { district: "3216", roles: ["kepala-bidang"], createdBy: null });
      await db
        .updateTable("tasks")
        .set({ due_at: new Date(now.getTime() + offsetMs), name: `Tugas ${label} ${TAG}` })
        .where("id", "=", task.id)
        .execute();
      tasks.push(task);
    }

    // when the warning sweep runs twice
    await warnDueTasks(db, now);
    await warnDueTasks(db, now);

    // then the soon one has one due-soon warning, the late one one overdue warning, the far one none
    const items = (await page("kabid", "?limit=100")).items;
    const about = (taskId: string) => items.filter((i) => i.taskId === taskId && i.kind !== "task-assigned");
    expect(about(tasks[0]!.id).map((i) => i.kind)).toEqual(["task-due-soon"]);
    expect(about(tasks[1]!.id).map((i) => i.kind)).toEqual(["task-overdue"]);
    expect(about(tasks[2]!.id)).toEqual([]);

    // and when the soon one's due time passes, it is warned as overdue once more
    await warnDueTasks(db, new Date(now.getTime() + 2 * 3_600_000));
    const later = (await page("kabid", "?limit=100")).items.filter((i) => i.taskId === tasks[0]!.id);
    expect(later.map((i) => i.kind).sort()).toEqual(["task-due-soon", "task-overdue"]);
  });
});
