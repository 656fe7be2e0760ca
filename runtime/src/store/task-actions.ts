/**
 * Changes staff make to a task, each guarded by the task's `revision` (optimistic concurrency):
 * the update matches only the revision the client saw, so of two concurrent changes exactly one
 * wins and the other learns it lost. Drafts are kept per user.
 */
import { sql } from "kysely";
import type { Db } from "./db";
import type { TaskRow } from "./tasks";

export type Guarded = { ok: true; task: TaskRow } | { ok: false; current: TaskRow | undefined };

async function guarded(
  db: Db,
  taskId: string,
  revision: number,
  set: { assignee: string | null; status: "open" | "claimed" },
  condition: "free" | "any-open",
): Promise<Guarded> {
  let q = db
    .updateTable("tasks")
    .set((eb) => ({ assignee: set.assignee, status: set.status, revision: eb("revision", "+", 1) }))
    .where("id", "=", taskId)
    .where("revision", "=", revision)
    .where("status", "in", ["open", "claimed"]);
  if (condition === "free") q = q.where("assignee", "is", null);
  const task = await q.returningAll().executeTakeFirst();
  if (task) return { ok: true, task };
  return { ok: false, current: await db.selectFrom("tasks").selectAll().where("id", "=", taskId).executeTakeFirst() };
}

export function claimTask(db: Db, input: { taskId: string; revision: number; userId: string }): Promise<Guarded> {
  return guarded(db, input.taskId, input.revision, { assignee: input.userId, status: "claimed" }, "free");
}

export function unclaimTask(db: Db, input: { taskId: string; revision: number }): Promise<Guarded> {
  return guarded(db, input.taskId, input.revision, { assignee: null, status: "open" }, "any-open");
}

export function assignTask(db: Db, input: { taskId: string; revision: number; userId: string }): Promise<Guarded> {
  return guarded(db, input.taskId, input.revision, { assignee: input.userId, status: "claimed" }, "any-open");
}

/** Whether reserveCompletion would take this row as loaded (the same conditions, without writing). */
export function reservable(task: TaskRow, input: { revision: number; userId: string }): boolean {
  return (
    task.revision === input.revision &&
    (task.status === "open" || task.status === "claimed") &&
    (task.assignee === null || task.assignee === input.userId)
  );
}

/**
 * Reserves the task for completion by this user: bumps the revision if it is still the one the
 * user saw and the task is free or theirs. The caller then asks the workflow to complete it.
 */
export async function reserveCompletion(
  db: Db,
  input: { taskId: string; revision: number; userId: string },
): Promise<Guarded> {
  const task = await db
    .updateTable("tasks")
    .set((eb) => ({ assignee: input.userId, status: "claimed", revision: eb("revision", "+", 1) }))
    .where("id", "=", input.taskId)
    .where("revision", "=", input.revision)
    .where("status", "in", ["open", "claimed"])
    .where((eb) => eb.or([eb("assignee", "is", null), eb("assignee", "=", input.userId)]))
    .returningAll()
    .executeTakeFirst();
  if (task) return { ok: true, task };
  return {
    ok: false,
    current: await db.selectFrom("tasks").selectAll().where("id", "=", input.taskId).executeTakeFirst(),
  };
}

export async function saveDraft(
  db: Db,
  input: { taskId: string; userId: string; data: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto("task_drafts")
    .values({ task_id: input.taskId, user_id: input.userId, data: JSON.stringify(input.data) })
    .onConflict((oc) =>
      oc.columns(["task_id", "user_id"]).doUpdateSet({ data: JSON.stringify(input.data), updated_at: sql`now()` }),
    )
    .execute();
}

export async function getDraft(
  db: Db,
  input: { taskId: string; userId: string },
): Promise<Record<string, unknown> | null> {
  const row = await db
    .selectFrom("task_drafts")
    .select("data")
    .where("task_id", "=", input.taskId)
    .where("user_id", "=", input.userId)
    .executeTakeFirst();
  return row?.data ?? null;
}

export async function deleteDraft(db: Db, input: { taskId: string; userId: string }): Promise<void> {
  await db.deleteFrom("task_drafts").where("task_id", "=", input.taskId).where("user_id", "=", input.userId).execute();
}
