/**
 * The retention sweep on real PostgreSQL: documents of closed cases past their service's period
 * go (rows and files, each purge audited); open cases, recent ones and services without a period
 * keep theirs, and a file another case still uses stays.
 */

import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresDb } from "../../../test/servers";
import { createLogger } from "../../logger";
import type { Db } from "../../store/db";
import { filePath, storeFile } from "../../store/file-store";
import { insertProcessVersion } from "../../store/process-versions";
import { fixtureCase, fixturePlan } from "../test-support";
import { purgeExpiredDocuments } from "./retention";

let db: Db;
const filesDir = mkdtempSync(path.join(tmpdir(), "alur-retention-"));
const logger = createLogger({ level: "silent", pretty: false });
const DAY = 86_400_000;

beforeAll(async () => {
  db = await postgresDb();
});
afterAll(() => db?.destroy());

async function service(processId: string, retention: string | undefined) {
  await insertProcessVersion(db, {
    plan: {
      ...fixturePlan(processId, ["back-office"]),
      privacy: { sensitive: true, ...(retention ? { retention } : {}), fields: {}, documents: {} },
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
    const result = await purgeExpiredDocuments({ db, filesDir, logger });

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
    expect(await purgeExpiredDocuments({ db, filesDir, logger })).toEqual({ cases: 0, documents: 0 });
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
      await purgeExpiredDocuments({ db, filesDir, logger });
      expect(await documentsOf(c.caseId), `${retention} after ${closedDaysAgo} days`).toHaveLength(purged ? 0 : 1);
    }
  });
});
