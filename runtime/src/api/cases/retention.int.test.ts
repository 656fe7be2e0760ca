/**
 * The retention sweep on real PostgreSQL: documents of closed cases past their service's period
 * go (rows and files, each purge audited); open cases, recent ones and services without a period
 * keep theirs, and a file another case still uses stays. Their personal data (applicant, restricted
 * fields in events, task results and drafts) is replaced by the purge marker, audited; the API
 * still reads such a case, whose workflow history Temporal no longer has, and says it was purged.
 */

import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PURGED_VALUE } from "@alur/shared/schemas";
import { WorkflowNotFoundError } from "@temporalio/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccounts } from "../../auth/accounts";
import { ensureReferenceData } from "../../auth/seed-demo";
import { createLogger } from "../../logger";
import { appendAudit } from "../../store/audit";
import { appendCaseEvent } from "../../store/case-events";
import { insertComplaint } from "../../store/complaints";
import type { Db } from "../../store/db";
import { filePath, storeFile } from "../../store/file-store";
import { claimIdempotencyKey, completeIdempotencyKey } from "../../store/idempotency";
import { deliveriesOf } from "../../store/notification-deliveries";
import { savePreferences } from "../../store/notification-preferences";
import { insertNotification, listNotifications } from "../../store/notifications";
import { insertProcessVersion } from "../../store/process-versions";
import { saveDraft } from "../../store/task-actions";
import { closeTask } from "../../store/tasks";
import { buildTestApp, call, fixtureCase, fixturePlan, signIn } from "../../testing/api-app";
import { devServerEnv, pgliteDb, postgresDb } from "../../testing/servers";
import { purgeExpiredCases } from "./retention";

let db: Db;
const filesDir = mkdtempSync(path.join(tmpdir(), "alur-retention-"));
const logger = createLogger({ level: "silent", pretty: false });
const DAY = 86_400_000;

beforeAll(async () => {
  db = await postgresDb();
});
afterAll(() => db?.destroy());

const RESTRICTED = { nik: ["sakti-peksos", "kepala-dinas"], laporanSosial: ["sakti-peksos", "kepala-dinas"] };

async function service(processId: string, retention: string | undefined, fields: Record<string, string[]> = {}) {
  await insertProcessVersion(db, {
    plan: {
      ...fixturePlan(processId, ["back-office"]),
      privacy: { sensitive: true, ...(retention ? { retention } : {}), fields, documents: {} },
    },
    bpmnXml: "<definitions/>",
    district: "3216",
    publish: true,
    effectiveFrom: null,
    createdBy: null,
  });
}

/** A case of the service, closed `closedDaysAgo` days ago (null: still active), with documents of these contents. */
async function caseWith(processId: string, closedDaysAgo: number | null, contents: string[]) {
  const { caseId } = await fixtureCase(db, { district: "3216", roles: ["back-office"], createdBy: null, processId });
  if (closedDaysAgo !== null) {
    await db
      .updateTable("cases")
      .set({ status: "completed", ended_at: new Date(Date.now() - closedDaysAgo * DAY) })
      .where("id", "=", caseId)
      .execute();
  }
  const hashes: string[] = [];
  for (const text of contents) {
    const sha256 = await storeFile(filesDir, new TextEncoder().encode(text));
    hashes.push(sha256);
    await db
      .insertInto("case_documents")
      .values({
        id: randomUUID(),
        case_id: caseId,
        requirement_id: "ktp",
        sha256,
        filename: "ktp.pdf",
        content_type: "application/pdf",
        size: text.length,
        uploaded_by: null,
      })
      .execute();
  }
  return { caseId, hashes };
}

/** What a social worker's visit leaves in a case: applicant, a task result, its event, a draft. */
async function personalData(db: Db, caseId: string, taskId: string, by: string | null) {
  await db
    .updateTable("cases")
    .set({ applicant: JSON.stringify({ name: "Rahasia Wulandari", nik: "3216010101010001", alamat: "Cikarang" }) })
    .where("id", "=", caseId)
    .execute();
  await db.updateTable("cases").set({ status: "active" }).where("id", "=", caseId).execute();
  await saveDraft(db, { taskId, userId: by ?? "nobody", data: { laporanSosial: "draf" } });
  await closeTask(db, {
    taskId,
    status: "completed",
    by,
    result: { laporanSosial: "Keluarga layak", tanggalKunjungan: "2026-11-01" },
  });
  await appendCaseEvent(db, {
    caseId,
    type: "task.completed",
    actor: by,
    data: { taskId, data: { laporanSosial: "Keluarga layak", tanggalKunjungan: "2026-11-01" } },
  });
}

async function closedDaysAgo(db: Db, caseId: string, days: number) {
  await db
    .updateTable("cases")
    .set({ status: "completed", ended_at: new Date(Date.now() - days * DAY) })
    .where("id", "=", caseId)
    .execute();
}

async function documentsOf(caseId: string) {
  return db.selectFrom("case_documents").select("id").where("case_id", "=", caseId).execute();
}

describe("retention sweep", () => {
  it("purges the documents of closed cases past retention, with an audit record, and nothing else", async () => {
    // given a service keeping documents one year and one without a period
    const suffix = randomUUID().slice(0, 8);
    await service(`ret-1y-${suffix}`, "P1Y");
    await service(`ret-none-${suffix}`, undefined);
    const shared = `shared-${suffix}`;
    const expired = await caseWith(`ret-1y-${suffix}`, 400, [`old-${suffix}`, shared]);
    const recent = await caseWith(`ret-1y-${suffix}`, 200, [shared]);
    const open = await caseWith(`ret-1y-${suffix}`, null, [`open-${suffix}`]);
    const kept = await caseWith(`ret-none-${suffix}`, 4000, [`kept-${suffix}`]);

    // when the sweep runs
    const result = await purgeExpiredCases({ db, filesDir, logger });

    // then only the expired case lost its documents; its own file is gone, the shared one stays
    expect(result).toEqual({ cases: 1, documents: 2 });
    expect(await documentsOf(expired.caseId)).toEqual([]);
    expect(existsSync(filePath(filesDir, expired.hashes[0]!))).toBe(false);
    expect(existsSync(filePath(filesDir, expired.hashes[1]!))).toBe(true);
    expect(await documentsOf(recent.caseId)).toHaveLength(1);
    expect(await documentsOf(open.caseId)).toHaveLength(1);
    expect(await documentsOf(kept.caseId)).toHaveLength(1);
    // and the purge is audited: which case, which documents, under which period
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "case.documents-purged")
      .where("resource_id", "=", expired.caseId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: "ok", actor_id: null, resource_type: "case", district: "3216" });
    expect(audit[0]!.details).toMatchObject({
      retention: "P1Y",
      documents: [{ requirementId: "ktp" }, { requirementId: "ktp" }],
    });

    // when it runs again, there is nothing left to purge and nothing more is audited
    expect(await purgeExpiredCases({ db, filesDir, logger })).toEqual({ cases: 0, documents: 0 });
  });

  it("reads every period the compiler accepts (years, months, weeks, days)", async () => {
    const suffix = randomUUID().slice(0, 8);
    for (const [retention, closedDaysAgo, purged] of [
      ["P18M", 600, true],
      ["P18M", 500, false],
      ["P2W", 15, true],
      ["P30D", 29, false],
      ["P1Y6M", 560, true],
    ] as const) {
      const processId = `ret-${retention}-${closedDaysAgo}-${suffix}`;
      await service(processId, retention);
      const c = await caseWith(processId, closedDaysAgo, [`${processId}-doc`]);
      await purgeExpiredCases({ db, filesDir, logger });
      expect(await documentsOf(c.caseId), `${retention} after ${closedDaysAgo} days`).toHaveLength(purged ? 0 : 1);
    }
  });
});

describe("retention sweep, personal data", () => {
  it("replaces a closed case's applicant and restricted fields by the marker once past retention, audited once", async () => {
    // given an expired case and a recent one of a service restricting nik and the social report
    const suffix = randomUUID().slice(0, 8);
    const processId = `ret-data-${suffix}`;
    await service(processId, "P1Y", RESTRICTED);
    const expired = await fixtureCase(db, { district: "3216", roles: ["back-office"], createdBy: null, processId });
    const recent = await fixtureCase(db, { district: "3216", roles: ["back-office"], createdBy: null, processId });
    // a kepala bidang who asked for these by email: one unsent delivery per notification
    await ensureReferenceData(db);
    const [head] = await createAccounts(db, [
      { username: `ret-kabid-${suffix}`, orgUnitId: "3216", district: "3216", roles: ["kepala-bidang"] },
    ]);
    await savePreferences(db, head!.id, {
      email: `kabid.${suffix}@dinsos.test`,
      phone: null,
      channels: { notice: ["email"], "task-assigned": [], "task-due-soon": [], "task-overdue": [] },
    });
    const unsent: Record<string, string> = {};
    for (const c of [expired, recent]) {
      await personalData(db, c.caseId, c.task.id, null);
      unsent[c.caseId] = await insertNotification(db, {
        id: randomUUID(),
        caseId: c.caseId,
        district: "3216",
        elementId: "verify",
        roles: ["kepala-bidang"],
        title: "Permohonan Rahasia Wulandari terlambat",
        body: "NIK 3216010101010001",
        data: { nik: "3216010101010001", hari: 3 },
        dedupeKey: `late-${c.caseId}`,
      }).then((n) => n.id);
      // the front office's start, answerable again under its idempotency key: the case view
      const key = { userId: "u-front", key: `start-${c.caseId}`, scope: "POST /cases" };
      await claimIdempotencyKey(db, { ...key, requestHash: "h" });
      await completeIdempotencyKey(db, {
        ...key,
        statusCode: 201,
        response: { id: c.caseId, applicant: { nik: "1" } },
      });
    }
    // and a complaint about each, answered
    for (const c of [expired, recent]) {
      await insertComplaint(db, {
        id: randomUUID(),
        district: "3216",
        districtAbbreviation: "BKS",
        channel: "phone",
        processId,
        serviceName: null,
        caseId: c.caseId,
        name: "Rahasia Wulandari",
        phone: "+6281234567890",
        email: null,
        category: "waktu",
        text: "Permohonan saya lama sekali.",
        ip: null,
        trackingCodeHash: "x",
        trackUrl: "http://localhost/pengaduan/lacak",
        receivedBy: null,
        receivedAt: new Date(),
        dueAt: new Date(),
      });
      await db
        .updateTable("complaints")
        .set({ answer: "Sudah diproses.", responded_at: new Date() })
        .where("case_id", "=", c.caseId)
        .execute();
    }
    await closedDaysAgo(db, expired.caseId, 400);
    await closedDaysAgo(db, recent.caseId, 100);

    // when the sweep runs
    const result = await purgeExpiredCases({ db, filesDir, logger });

    // then the expired case holds the marker where it held personal data, and the rest as it was
    expect(result).toEqual({ cases: 1, documents: 0 });
    const row = await db.selectFrom("cases").selectAll().where("id", "=", expired.caseId).executeTakeFirstOrThrow();
    expect(row.applicant).toEqual({ name: PURGED_VALUE, nik: PURGED_VALUE, alamat: PURGED_VALUE });
    expect(row.purged_at).not.toBeNull();
    const complaintOf = (caseId: string) =>
      db.selectFrom("complaints").selectAll().where("case_id", "=", caseId).executeTakeFirstOrThrow();
    expect(await complaintOf(expired.caseId)).toMatchObject({
      name: null,
      phone: null,
      text: PURGED_VALUE,
      answer: PURGED_VALUE,
    });
    expect((await complaintOf(expired.caseId)).responded_at).not.toBeNull();
    expect(await complaintOf(recent.caseId)).toMatchObject({
      name: "Rahasia Wulandari",
      text: "Permohonan saya lama sekali.",
    });
    const task = await db.selectFrom("tasks").selectAll().where("id", "=", expired.task.id).executeTakeFirstOrThrow();
    expect(task.result).toEqual({ laporanSosial: PURGED_VALUE, tanggalKunjungan: "2026-11-01" });
    const events = await db.selectFrom("case_events").select("data").where("case_id", "=", expired.caseId).execute();
    expect(JSON.stringify(events)).not.toContain("Keluarga layak");
    expect(events.map((e) => e.data)).toContainEqual({
      taskId: expired.task.id,
      data: { laporanSosial: PURGED_VALUE, tanggalKunjungan: "2026-11-01" },
    });
    expect(await db.selectFrom("task_drafts").select("data").where("task_id", "=", expired.task.id).execute()).toEqual(
      [],
    );
    const notes = await listNotifications(db, { district: "3216", caseId: expired.caseId });
    expect(notes.map((n) => [n.title, n.body, n.data])).toEqual([
      [PURGED_VALUE, PURGED_VALUE, { nik: PURGED_VALUE, hari: 3 }],
    ]);
    expect((await listNotifications(db, { district: "3216", caseId: recent.caseId }))[0]?.body).toBe(
      "NIK 3216010101010001",
    );
    // the expired case's unsent email would only carry the marker: dropped; the recent one's waits
    const mine = (id: string) => deliveriesOf(db, id).then((ds) => ds.filter((d) => d.user_id === head!.id));
    expect(await mine(unsent[expired.caseId]!)).toEqual([]);
    expect((await mine(unsent[recent.caseId]!)).map((d) => d.status)).toEqual(["pending"]);
    const answers = await db
      .selectFrom("idempotency_keys")
      .select("key")
      .where("key", "in", [`start-${expired.caseId}`, `start-${recent.caseId}`])
      .execute();
    expect(answers).toEqual([{ key: `start-${recent.caseId}` }]);
    // the recent case keeps everything
    const kept = await db.selectFrom("cases").selectAll().where("id", "=", recent.caseId).executeTakeFirstOrThrow();
    expect(kept.applicant).toMatchObject({ nik: "3216010101010001" });
    expect(kept.purged_at).toBeNull();
    // and the purge is audited once, naming what was purged
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "case.data-purged")
      .where("resource_id", "=", expired.caseId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({
      retention: "P1Y",
      applicantFields: ["alamat", "name", "nik"],
      events: 1,
      tasks: 1,
      drafts: 1,
      notifications: 1,
    });
    expect(await purgeExpiredCases({ db, filesDir, logger })).toEqual({ cases: 0, documents: 0 });
  });
});

describe("a case purged under retention, read through the API", () => {
  it("shows the case page and timeline with the marker, with no workflow history left in Temporal", async () => {
    // given an app on the dev server and a closed adoption-like case past retention; its workflow
    // never ran there, as after the namespace's retention removed the closed workflow's history
    const env = await devServerEnv();
    const apiDb = await pgliteDb();
    try {
      const { app, credentials } = await buildTestApp(apiDb, { client: env.client });
      const head = await signIn(app, credentials, "bks.kepala-dinas");
      const processId = "ret-api";
      await insertProcessVersion(apiDb, {
        plan: {
          ...fixturePlan(processId, ["back-office"]),
          privacy: { sensitive: true, retention: "P5Y", fields: RESTRICTED, documents: {} },
        },
        bpmnXml: "<definitions/>",
        district: "3216",
        publish: true,
        effectiveFrom: null,
        createdBy: null,
      });
      const c = await fixtureCase(apiDb, { district: "3216", roles: ["back-office"], createdBy: null, processId });
      await personalData(apiDb, c.caseId, c.task.id, head.userId);
      // what the case's start recorded in the append-only audit log
      await appendAudit(apiDb, {
        actorId: head.userId,
        ip: null,
        action: "case.start",
        outcome: "ok",
        resourceType: "case",
        resourceId: c.caseId,
        district: "3216",
        after: { applicant: { name: "Rahasia Wulandari", alamat: "Cikarang" } },
      });
      await closedDaysAgo(apiDb, c.caseId, 6 * 366);
      expect(await purgeExpiredCases({ db: apiDb, filesDir, logger })).toEqual({ cases: 1, documents: 0 });
      const { workflow_id } = await apiDb
        .selectFrom("cases")
        .select("workflow_id")
        .where("id", "=", c.caseId)
        .executeTakeFirstOrThrow();
      await expect(env.client.workflow.getHandle(workflow_id).describe()).rejects.toThrow(WorkflowNotFoundError);

      // when the head of office (listed for the restricted fields) reads the case and its timeline
      const view = await call(app, head, "GET", `/cases/${c.caseId}`);
      const timeline = await call(app, head, "GET", `/cases/${c.caseId}/timeline`);

      // then both answer, with the marker in place of the personal data and the purge noted
      expect(view.status).toBe(200);
      const body = (await view.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        status: "completed",
        applicant: { name: PURGED_VALUE, nik: PURGED_VALUE, alamat: PURGED_VALUE },
        purged: { note: { id: "data dihapus sesuai retensi", en: "purged under retention" } },
      });
      expect(timeline.status).toBe(200);
      const items = (await timeline.json()) as { items: { data: unknown }[]; purged?: unknown };
      expect(items.purged).toMatchObject({ note: { en: "purged under retention" } });
      expect(JSON.stringify(items.items)).toContain(PURGED_VALUE);
      expect(JSON.stringify(items.items)).not.toContain("Keluarga layak");
      // and the audit log's older entries about it read with the marker too
      const admin = await signIn(app, credentials, "bks.admin");
      const audit = await call(app, admin, "GET", `/audit?district=3216&actorId=${head.userId}`);
      const started = (
        (await audit.json()) as { items: { action: string; resourceId: string; after: unknown }[] }
      ).items.find((e) => e.action === "case.start" && e.resourceId === c.caseId);
      expect(started?.after).toEqual({ applicant: PURGED_VALUE });
    } finally {
      await apiDb.destroy();
      await env.teardown();
    }
  });
});
