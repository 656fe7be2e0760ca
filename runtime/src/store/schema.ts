/** Table types for Kysely. Keep in step with migrations/. */
import type { ColumnType, Generated, JSONColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;

export interface ProcessVersionsTable {
  id: string;
  process_id: string;
  district: string | null;
  version: number;
  name: string;
  status: "draft" | "published" | "retired";
  bpmn_xml: string;
  plan: Json<object>;
  plan_hash: string;
  effective_from: string | null;
  legal_basis: Json<object> | null;
  created_by: string | null;
  created_at: Timestamp;
  published_at: NullableTimestamp;
}

export interface CasesTable {
  id: string;
  case_number: string;
  district: string;
  process_version_id: string;
  process_id: string;
  workflow_id: string;
  status: string;
  applicant: Json<Record<string, unknown>>;
  due_at: NullableTimestamp;
  created_by: string | null;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
}

export interface TasksTable {
  id: string;
  case_id: string;
  district: string;
  element_id: string;
  element_instance_id: string;
  name: string | null;
  roles: Json<string[]>;
  assignee: string | null;
  status: "open" | "claimed" | "completed" | "cancelled";
  form_id: string | null;
  documents: ColumnType<string[], string | undefined, string>;
  due_at: NullableTimestamp;
  created_at: Timestamp;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  result: Json<Record<string, unknown>> | null;
  draft: Json<Record<string, unknown>> | null;
  revision: Generated<number>;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: string;
  at: Timestamp;
  type: string;
  element_id: string | null;
  actor: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  dedupe_key: string | null;
}

export interface Database {
  process_versions: ProcessVersionsTable;
  cases: CasesTable;
  tasks: TasksTable;
  case_events: CaseEventsTable;
}
