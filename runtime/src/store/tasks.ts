/** User tasks in the store: created and closed by the workflow's activities, read by the inbox. */
import { type Selectable, sql } from "kysely";
import { appendAudit } from "./audit";
import type { Db } from "./db";
import { APPLICANT_ROLE } from "./public-applications";
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
  /** User id. */
  assignee: string | null;
  /** User ids of the candidate users. */
  candidateUsers?: string[];
  formId: string | null;
  documents: string[];
  /** ISO instant: zeebe:taskSchedule dueDate, else computed on the business calendar; null without either. */
  dueAt: string | null;
  followUpAt?: string | null;
}

/** Who the model says may work on a task: role ids and usernames (or user ids). */
export interface TaskAssignment {
  district: string;
  roles: string[];
  assignee: string | null;
  candidateUsers: string[];
}

export type ResolvedAssignment =
  | { ok: true; assignee: string | null; candidateUsers: string[] }
  | { ok: false; reason: string };

/**
 * Resolves the usernames of an assignment to user ids (enabled accounts of the task's district;
 * a user id is accepted too) and checks its roles exist. Refused, with the unknown names, when the
 * assignee is unknown or when no candidate role or user is known: nobody could work on the task.
 * Unknown names beside known ones are dropped (one retired account must not stop a case).
 */
export async function resolveAssignment(db: Db, a: TaskAssignment): Promise<ResolvedAssignment> {
  const names = [...new Set([...(a.assignee ? [a.assignee] : []), ...a.candidateUsers])];
  const users =
    names.length === 0
      ? []
      : await db
          .selectFrom("users")
          .select(["id", "username"])
          .where("district", "=", a.district)
          .where("disabled", "=", false)
          .where((eb) => eb.or([eb("username", "in", names), eb("id", "in", names)]))
          .execute();
  const idOf = (name: string) => users.find((u) => u.username === name || u.id === name)?.id;
  const known =
    a.roles.length === 0 ? [] : await db.selectFrom("roles").select("id").where("id", "in", a.roles).execute();
  // `applicant`: a step the applicant does (from the tracking page); no directory role, no user
  const roles = [...known, ...(a.roles.includes(APPLICANT_ROLE) ? [{ id: APPLICANT_ROLE }] : [])];
  const unknownRoles = a.roles.filter((r) => !roles.some((k) => k.id === r));
  const unknownUsers = names.filter((n) => !idOf(n));
  const assignee = a.assignee ? (idOf(a.assignee) ?? null) : null;
  const candidateUsers = [...new Set(a.candidateUsers.flatMap((n) => idOf(n) ?? []))];
  if ((a.assignee && !assignee) || (!assignee && roles.length === 0 && candidateUsers.length === 0)) {
    const parts = [
      ...(unknownRoles.length > 0 ? [`unknown role(s) ${unknownRoles.join(", ")}`] : []),
      ...(unknownUsers.length > 0 ? [`no enabled user(s) ${unknownUsers.join(", ")} in district ${a.district}`] : []),
    ];
    return { ok: false, reason: `Nobody can work on this task: ${parts.join("; ") || "no role or user named"}` };
  }
  return { ok: true, assignee, candidateUsers };
}

/**
 * Creates the task for one activation of a user task. Idempotent on (case, element instance):
 * a retried activity returns the row the first attempt wrote.
 */
export async function createTask(db: Db, task: NewTask): Promise<TaskRow> {
  const inserted = await db
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
      candidate_users: JSON.stringify(task.candidateUsers ?? []),
      status: task.assignee ? "claimed" : "open",
      form_id: task.formId,
      documents: JSON.stringify(task.documents),
      due_at: task.dueAt,
      follow_up_at: task.followUpAt ?? null,
    })
    .onConflict((oc) => oc.columns(["case_id", "element_instance_id"]).doNothing())
    .returningAll()
    .executeTakeFirst();
  // one statement on the usual path (a case's every step comes here); a retried activity finds
  // the row its first attempt wrote and returns that
  if (inserted) return inserted;
  return db
    .selectFrom("tasks")
    .selectAll()
    .where("case_id", "=", task.caseId)
    .where("element_instance_id", "=", task.elementInstanceId)
    .executeTakeFirstOrThrow();
}

export interface CloseTask {
  taskId: string;
  status: "completed" | "cancelled";
  by: string | null;
  result?: Record<string, unknown>;
  /**
   * Given for a user's completion: the `task.complete` audit entry is written in the same
   * transaction as the close, by whichever writer (workflow activity or API) closes the row first.
   */
  audit?: { ip: string | null };
}

/**
 * Closes an open task as completed or cancelled; a closed task only gains its closer's missing
 * result. Close and audit entry commit together, so a crash or a lost connection can leave
 * neither or both, never a completed task without its audit record. Retries are harmless.
 */
export async function closeTask(db: Db, close: CloseTask): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("tasks")
      .selectAll()
      .where("id", "=", close.taskId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return;
    if (before.status === "open" || before.status === "claimed") {
      const after = await trx
        .updateTable("tasks")
        .set((eb) => ({
          status: close.status,
          closed_at: new Date(),
          closed_by: close.by,
          result: close.result ? JSON.stringify(close.result) : null,
          revision: eb("revision", "+", 1),
        }))
        .where("id", "=", close.taskId)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (close.audit && close.status === "completed") {
        await appendAudit(trx, {
          actorId: close.by,
          ip: close.audit.ip,
          action: "task.complete",
          outcome: "ok",
          resourceType: "task",
          resourceId: before.id,
          district: before.district,
          before: { status: before.status, assignee: before.assignee, revision: before.revision },
          after: { status: after.status, assignee: after.assignee, revision: after.revision, data: close.result ?? {} },
        });
      }
      return;
    }
    // Closed already (by the other writer, or a workflow that predates results in its close):
    // add only the result of that same user's completion.
    if (close.result && close.by && before.status === close.status && before.closed_by === close.by && !before.result) {
      await trx
        .updateTable("tasks")
        .set({ result: JSON.stringify(close.result) })
        .where("id", "=", close.taskId)
        .execute();
    }
  });
}

/** Every task row of a case, oldest first. */
export async function listCaseTasks(db: Db, caseId: string): Promise<TaskRow[]> {
  return db.selectFrom("tasks").selectAll().where("case_id", "=", caseId).orderBy("created_at").orderBy("id").execute();
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
