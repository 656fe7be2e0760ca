import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect, sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../schema";
import { migrations } from "./index";

async function columns(db: Kysely<Database>, table: string): Promise<string[]> {
  const { rows } = await sql<{ column_name: string }>`select column_name from information_schema.columns
    where table_name = ${table} order by column_name`.execute(db);
  return rows.map((r) => r.column_name);
}

describe("migration 0007: retention purge mark, no lock-out columns", () => {
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: new PGlite() }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  afterAll(async () => {
    await db.destroy();
  });

  it("adds cases.purged_at and drops users.failed_logins/locked_until, keeping the users; down restores them", async () => {
    // given a database before the migration, with a user
    expect((await migrator.migrateTo("0006-task-assignment")).error).toBeUndefined();
    await sql`insert into org_units (id, kind, code, name, abbreviation) values ('3216', 'district', '3216', 'Bekasi', 'BKS')`.execute(
      db,
    );
    await sql`insert into users (id, username, display_name, password_hash, org_unit_id, district)
      values ('u1', 'bks.admin', 'Admin', 'x', '3216', '3216')`.execute(db);

    // when it runs
    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    // then
    expect(await columns(db, "cases")).toContain("purged_at");
    expect(await columns(db, "users")).not.toContain("failed_logins");
    expect(await columns(db, "users")).not.toContain("locked_until");
    expect(await db.selectFrom("users").select("username").execute()).toEqual([{ username: "bks.admin" }]);

    // and down gives the columns back, the counter at its default
    expect((await migrator.migrateTo("0006-task-assignment")).error).toBeUndefined();
    expect(await columns(db, "cases")).not.toContain("purged_at");
    const { rows } = await sql<{ failed_logins: number }>`select failed_logins from users`.execute(db);
    expect(rows).toEqual([{ failed_logins: 0 }]);
  }, 60_000);
});
