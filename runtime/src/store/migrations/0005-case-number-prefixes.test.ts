import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect, sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, describe, expect, it } from "vitest";
import { nextCaseNumber } from "../case-numbers";
import type { Database } from "../schema";
import { migrations } from "./index";

describe("migration 0005: case numbers per prefix", () => {
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: new PGlite() }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  afterAll(async () => {
    await db.destroy();
  });

  it("continues every prefix after the highest number its cases already have", async () => {
    // given a database before the migration, with cases numbered up to 7 for one prefix
    expect((await migrator.migrateTo("0004-workflow-starts")).error).toBeUndefined();
    await sql`insert into process_versions (id, process_id, version, name, status, bpmn_xml, plan, plan_hash)
      values ('v1', 'adopsi', 1, 'Adopsi', 'published', '<x/>', '{}', 'h')`.execute(db);
    for (const [id, n] of [
      ["c1", "ADP/BKS/2026/000003"],
      ["c2", "ADP/BKS/2026/000007"],
      ["c3", "SJPP/BKS/2026/000001"],
    ]) {
      await sql`insert into cases (id, case_number, district, process_version_id, process_id, workflow_id, status, applicant)
        values (${id}, ${n}, '3216', 'v1', 'adopsi', ${`case-${id}`}, 'active', '{}')`.execute(db);
    }
    // when the migration runs
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    // then the next numbers follow the existing ones instead of repeating them
    expect(await nextCaseNumber(db, { serviceCode: "adp", districtAbbreviation: "bks", year: 2026 })).toBe(
      "ADP/BKS/2026/000008",
    );
    expect(await nextCaseNumber(db, { serviceCode: "sjpp", districtAbbreviation: "bks", year: 2026 })).toBe(
      "SJPP/BKS/2026/000002",
    );
  }, 60_000);
});
