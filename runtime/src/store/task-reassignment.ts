/**
 * A supervisor hands an open task to another eligible user. The change, its audit entry, its
 * timeline event and the new assignee's notification commit together: a crash leaves all or none,
 * and a completion that reached the row first wins (the reassignment then changes nothing).
 */
import { noticeTaskReassigned } from "../notifications/task-notices";
import { appendAudit } from "./audit";
import { appendCaseEvent } from "./case-events";
import type { Db } from "./db";
import type { TaskRow } from "./tasks";
import { findUsers } from "./users";

export interface TaskCandidateQuery {
  district: string;
  roles: readonly string[];
  candidateUsers: readonly string[];
}

/** Active users of the task's district who hold one of its roles or are named as its candidates, by name. */
export async function findTaskCandidates(db: Db, task: TaskCandidateQuery) {
  const common = { district: task.district, enabledOnly: true, orderBy: "displayName" } as const;
  const byRole = await findUsers(db, { ...common, roles: [...task.roles] });
  const byName =
    task.candidateUsers.length > 0 ? await findUsers(db, { ...common, ids: [...task.candidateUsers] }) : [];
  return [...byRole, ...byName.filter((u) => !byRole.some((r) => r.id === u.id))].sort(
    (a, b) => a.displayName.localeCompare(b.displayName) || a.username.localeCompare(b.username),
  );
}

export interface ReassignInput {
  caseId: string;
  taskId: string;
  userId: string;
  reason: string;
  /** The revision the supervisor saw; undefined: whatever the task's is now. */
  revision?: number;
  actor: { userId: string; displayName: string };
  ip: string | null;
}

export type ReassignOutcome =
  | { ok: true; task: TaskRow; assignee: { id: string; displayName: string } }
  | { ok: false; why: "not-found" }
  | { ok: false; why: "case-not-running"; status: string }
  | { ok: false; why: "task-closed"; status: string }
  | { ok: false; why: "revision-conflict"; revision: number; assignee: string | null }
  | { ok: false; why: "not-eligible"; roles: string[] };

export async function reassignTask(db: Db, input: ReassignInput): Promise<ReassignOutcome> {
  return db.transaction().execute(async (trx): Promise<ReassignOutcome> => {
    // The row lock orders this against a completion's reservation and the workflow's close.
    const task = await trx
      .selectFrom("tasks")
      .selectAll()
      .where("id", "=", input.taskId)
      .where("case_id", "=", input.caseId)
      .forUpdate()
      .executeTakeFirst();
    if (!task) return { ok: false, why: "not-found" };
    const kase = await trx
      .selectFrom("cases")
      .select(["status", "district"])
      .where("id", "=", input.caseId)
      .executeTakeFirstOrThrow();
    if (kase.status !== "active" && kase.status !== "incident") {
      return { ok: false, why: "case-not-running", status: kase.status };
    }
    if (task.status !== "open" && task.status !== "claimed")
      return { ok: false, why: "task-closed", status: task.status };
    if (input.revision !== undefined && input.revision !== task.revision) {
      return { ok: false, why: "revision-conflict", revision: task.revision, assignee: task.assignee };
    }
    const [target] = await findUsers(trx, { district: task.district, ids: [input.userId], enabledOnly: true });
    const eligible =
      target !== undefined &&
      target.id !== task.assignee &&
      (target.roles.some((r) => task.roles.includes(r)) || task.candidate_users.includes(target.id));
    if (!eligible) return { ok: false, why: "not-eligible", roles: task.roles };
    const after = await trx
      .updateTable("tasks")
      .set((eb) => ({ assignee: target.id, status: "claimed", revision: eb("revision", "+", 1) }))
      .where("id", "=", task.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const previous = task.assignee
      ? await trx.selectFrom("users").select("display_name").where("id", "=", task.assignee).executeTakeFirst()
      : undefined;
    await appendAudit(trx, {
      actorId: input.actor.userId,
      ip: input.ip,
      action: "task.reassign",
      outcome: "ok",
      resourceType: "task",
      resourceId: task.id,
      district: task.district,
      before: { status: task.status, assignee: task.assignee, revision: task.revision },
      after: { status: after.status, assignee: after.assignee, revision: after.revision },
      details: { reason: input.reason, caseId: input.caseId },
    });
    await appendCaseEvent(trx, {
      caseId: input.caseId,
      type: "task.reassigned",
      elementId: task.element_id,
      actor: input.actor.userId,
      // staff cannot look accounts up: the timeline names who handed what to whom, and why
      data: {
        taskId: task.id,
        from: task.assignee,
        fromName: previous?.display_name ?? null,
        to: target.id,
        toName: target.displayName,
        reason: input.reason,
        authorName: input.actor.displayName,
      },
    });
    await noticeTaskReassigned(trx, after, input.reason);
    return { ok: true, task: after, assignee: { id: target.id, displayName: target.displayName } };
  });
}
