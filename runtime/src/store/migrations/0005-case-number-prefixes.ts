/**
 * Case numbers counted per number prefix (`SVC/DIST/YEAR`) instead of per (district, service,
 * year): the service part is cut to 12 characters and the district part is an abbreviation, so
 * two counters could hand out the same number (`customer-onboarding` and
 * `customer-onboarding-flaky` both print CUSTOMERONBO). Counting what is printed makes a repeat
 * impossible. The counters start from the highest number each prefix already has.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("case_number_counters")
    .addColumn("prefix", "text", (c) => c.primaryKey())
    .addColumn("value", "integer", (c) => c.notNull())
    .execute();
  await sql`
    insert into case_number_counters (prefix, value)
    select substring(case_number from '^(.*)/[0-9]+$'), max(substring(case_number from '/([0-9]+)$')::integer)
    from cases where case_number ~ '/[0-9]+$'
    group by 1`.execute(db);
  await db.schema.dropTable("case_counters").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("case_counters")
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("service_code", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("value", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("case_counters_pk", ["district", "service_code", "year"])
    .execute();
  await db.schema.dropTable("case_number_counters").execute();
}
