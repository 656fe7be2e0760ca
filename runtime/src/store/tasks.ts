/** User tasks in the store: created and closed by the workflow's activities, read by the inbox. */
import type { TaskView } from "@alur/shared/schemas";
import { type Selectable, sql } from "kysely";
import type { Db } from "./db";
import type { TasksTable } from "./schema";

export type TaskRow = Selectable<TasksTable>;

export interface NewTask {
  id: string;
  caseId: string;
  district: string;
  elementId: string;
  elementInstanceId: string;
  name: string | null;
  roles: string[];
  assignee: string | null;
  formId: string | null;
  documents: string[];
  /** ISO instant computed on the business calendar, or null without SLA. */
  dueAt: string | null;
}

/**
 * Creates the task for one activation of a user task. Idempotent on (case, element instance):
 * a retried activity returns the row the first attempt wrote.
 */
export async function createTask(db: Db, task: NewTask): Promise<TaskRow> {
  await db
    .insertInto("tasks")
    .values({
      id: task.id,
      case_id: task.caseId,
      district: task.district,
      element_id: task.elementId,
      element_instance_id: task.elementInstanceId,
      name: task.name,
      roles: JSON.stringify(task.roles),
      assignee: task.assignee,
      status: task.assignee ? "claimed" : "open",
      form_id: task.formId,
      documents: JSON.stringify(task.documents),
      due_at: task.dueAt,
    })
    .onConflict((oc) => oc.columns(["case_id", "element_instance_id"]).doNothing())
    .execute();
  return db
    .selectFrom("tasks")
    .selectAll()
    .where("case_id", "=", task.caseId)
    .where("element_instance_id", "=", task.elementInstanceId)
    .executeTakeFirstOrThrow();
}

/** Closes an open task as completed or cancelled; a closed task only gains its closer's missing result. */
export async function closeTask(
  db: Db,
  close: { taskId: string; status: "completed" | "cancelled"; by: string | null; result?: Record<string, unknown> },
): Promise<void> {
  const closed = await db
    .updateTable("tasks")
    .set((eb) => ({
      status: close.status,
      closed_at: new Date(),
      closed_by: close.by,
      result: close.result ? JSON.stringify(close.result) : null,
      revision: eb("revision", "+", 1),
    }))
    .where("id", "=", close.taskId)
    .where("status", "in", ["open", "claimed"])
    .executeTakeFirst();
  // The workflow's activity usually closes the row first (it knows who, not the form data): the
  // API's close that follows then only adds the result of that same user's completion.
  if (Number(closed.numUpdatedRows) === 0 && close.result && close.by) {
    await db
      .updateTable("tasks")
      .set({ result: JSON.stringify(close.result) })
      .where("id", "=", close.taskId)
      .where("status", "=", close.status)
      .where("closed_by", "=", close.by)
      .where("result", "is", null)
      .execute();
  }
}

export async function getTask(db: Db, taskId: string): Promise<TaskRow | undefined> {
  return db.selectFrom("tasks").selectAll().where("id", "=", taskId).executeTakeFirst();
}

/**
 * The form-js schema the task's case embedded in its plan under `formId` (undefined when the plan
 * has none by that id). Only the schema is read, not the whole plan.
 */
export async function planForm(db: Db, caseId: string, formId: string): Promise<unknown> {
  const row = await db
    .selectFrom("cases as c")
    .innerJoin("process_versions as v", "v.id", "c.process_version_id")
    .select(sql<unknown>`v.plan -> 'forms' -> ${formId}`.as("form"))
    .where("c.id", "=", caseId)
    .executeTakeFirst();
  return row?.form ?? undefined;
}

/** The API's view of a task row. */
export function toTaskView(row: TaskRow): TaskView {
  return {
    id: row.id,
    caseId: row.case_id,
    elementId: row.element_id,
    name: row.name,
    roles: row.roles,
    assignee: row.assignee,
    status: row.status,
    formId: row.form_id,
    dueAt: row.due_at ? new Date(row.due_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
