/** Core tables: deployed process versions, cases, user tasks and the case timeline. */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("process_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("process_id", "text", (c) => c.notNull())
    // null for a national/provincial template, else the district code of a variant
    .addColumn("district", "text")
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("bpmn_xml", "text", (c) => c.notNull())
    .addColumn("plan", "jsonb", (c) => c.notNull())
    .addColumn("plan_hash", "text", (c) => c.notNull())
    .addColumn("effective_from", "text")
    .addColumn("legal_basis", "jsonb")
    .addColumn("created_by", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("published_at", "timestamptz")
    .addUniqueConstraint("process_versions_unique", ["process_id", "district", "version"], (c) => c.nullsNotDistinct())
    .execute();

  await db.schema
    .createTable("cases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_number", "text", (c) => c.notNull().unique())
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("process_version_id", "text", (c) => c.notNull().references("process_versions.id"))
    .addColumn("process_id", "text", (c) => c.notNull())
    .addColumn("workflow_id", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("applicant", "jsonb", (c) => c.notNull())
    .addColumn("due_at", "timestamptz")
    .addColumn("created_by", "text")
    .addColumn("started_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("ended_at", "timestamptz")
    .execute();
  await db.schema.createIndex("cases_district_status").on("cases").columns(["district", "status"]).execute();

  await db.schema
    .createTable("tasks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("element_id", "text", (c) => c.notNull())
    // the interpreter's id for this activation; with case_id it makes task creation idempotent
    .addColumn("element_instance_id", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("roles", "jsonb", (c) => c.notNull())
    .addColumn("assignee", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("form_id", "text")
    .addColumn("documents", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("due_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("closed_at", "timestamptz")
    .addColumn("closed_by", "text")
    .addColumn("result", "jsonb")
    .addColumn("draft", "jsonb")
    // optimistic concurrency: every change bumps it
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("tasks_activation_unique", ["case_id", "element_instance_id"])
    .execute();
  await db.schema.createIndex("tasks_inbox").on("tasks").columns(["district", "status", "due_at"]).execute();
  await db.schema.createIndex("tasks_case").on("tasks").column("case_id").execute();

  await db.schema
    .createTable("case_events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("element_id", "text")
    .addColumn("actor", "text")
    .addColumn("data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // idempotency for events written by activities that Temporal may retry
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .execute();
  await db.schema.createIndex("case_events_case").on("case_events").columns(["case_id", "id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["case_events", "tasks", "cases", "process_versions"]) {
    await db.schema.dropTable(table).execute();
  }
}
