/**
 * The community satisfaction survey (SKM, Permenpan RB 14/2017): one questionnaire per response.
 * A response given with a case (online after completion, or at the counter) is unique per case,
 * so nobody can answer for a case twice; a counter response without a case names its service.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("survey_responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("process_id", "text", (c) => c.notNull())
    .addColumn("case_id", "text", (c) => c.unique().references("cases.id").onDelete("set null"))
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ('online', 'counter')`))
    .addColumn("scores", "jsonb", (c) => c.notNull())
    .addColumn("respondent", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("suggestion", "text")
    .addColumn("entered_by", "text")
    .addColumn("submitted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("survey_responses_period")
    .on("survey_responses")
    .columns(["district", "process_id", "submitted_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("survey_responses").execute();
}
