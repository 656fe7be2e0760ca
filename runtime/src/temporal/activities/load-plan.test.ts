import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../logger";
import { type Db, openDb } from "../../store/db";
import { insertProcessVersion } from "../../store/process-versions";
import { fixturePlan } from "../../testing/api-app";
import { createActivities } from "./index";

/** A call activity runs the called process's version in effect at the call, as a case started by the API does. */
describe("loadPlan (the called process of a call activity)", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb({ kind: "pglite", dataDir: null });
  }, 60_000);
  afterAll(async () => {
    await db.destroy();
  });

  it("takes the newest published version in effect at the call's workflow time, the district's before the template", async () => {
    // given a national template, a district version in effect, and a newer one effective from 1 March 2027
    const deploy = (district: string | null, effectiveFrom: string | null) =>
      insertProcessVersion(db, {
        // a plan of its own per version, so the hashes tell them apart
        plan: { ...fixturePlan("survei-rumah", ["pekerja-sosial"]), name: `Survei ${district} ${effectiveFrom}` },
        bpmnXml: "<x/>",
        district,
        publish: true,
        effectiveFrom,
        createdBy: null,
      });
    const template = await deploy(null, null);
    const current = await deploy("3216", "2027-01-01");
    const next = await deploy("3216", "2027-03-01");
    const { loadPlan } = createActivities({
      db,
      logger: createLogger({ level: "silent", pretty: false }),
      env: { ALUR_DATA_DIR: mkdtempSync(path.join(tmpdir(), "alur-load-plan-")), HTTP_CONNECTOR_ALLOW: "" },
    });
    const hashOf = async (district: string, at: string) =>
      (await loadPlan({ processId: "survei-rumah", district, at }))?.planHash;

    // then before 1 March (WIB) the version in effect runs, from then on the newer one
    expect(await hashOf("3216", "2027-02-28T16:59:00Z")).toBe(current.plan_hash);
    expect(new Set([template.plan_hash, current.plan_hash, next.plan_hash]).size).toBe(3);
    const after = await loadPlan({ processId: "survei-rumah", district: "3216", at: "2027-02-28T17:00:00Z" });
    expect(after?.planHash).toBe(next.plan_hash);
    // before any district version is in effect, and for another district, the template
    expect(await hashOf("3216", "2026-12-31T10:00:00Z")).toBe(template.plan_hash);
    expect(await hashOf("3211", "2027-06-01T00:00:00Z")).toBe(template.plan_hash);
  });
});
