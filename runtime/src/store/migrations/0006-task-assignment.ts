/**
 * Camunda 8 assignments: a task's candidate users (user ids, resolved from the usernames the model
 * names) and its follow-up date (zeebe:taskSchedule followUpDate).
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("tasks")
    .addColumn("candidate_users", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("follow_up_at", "timestamptz")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("tasks").dropColumn("candidate_users").dropColumn("follow_up_at").execute();
}
