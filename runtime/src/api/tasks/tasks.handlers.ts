import type { InboxItem, TaskDetail } from "@alur/shared/api";
import type { RouteHandler } from "@hono/zod-openapi";
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from "@temporalio/client";
import { canReassignTask, canSeeTask, canWorkOnTask } from "../../auth/policy";
import type { Principal } from "../../auth/principal";
import { appendAudit } from "../../store/audit";
import { appendCaseEvent } from "../../store/case-events";
import type { Db } from "../../store/db";
import { decodeCursor, type InboxRow, queryInbox } from "../../store/inbox";
import {
  assignTask,
  claimTask,
  deleteDraft,
  type Guarded,
  getDraft,
  reserveCompletion,
  saveDraft,
  unclaimTask,
} from "../../store/task-actions";
import { closeTask, getTask, type TaskRow } from "../../store/tasks";
import { findUsers } from "../../store/users";
import { completeTaskUpdate, instanceWorkflowId } from "../../temporal/definitions";
import type { AppContext, AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import type * as routes from "./tasks.routes";

function iso(d: Date | string | null): string | null {
  return d ? new Date(d).toISOString() : null;
}

function inboxItem(r: InboxRow): InboxItem {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    processId: r.process_id,
    applicantName: r.applicant_name,
    district: r.district,
    elementId: r.element_id,
    name: r.name,
    roles: r.roles,
    assignee: r.assignee,
    status: r.status,
    formId: r.form_id,
    dueAt: iso(r.due_at),
    followUpAt: iso(r.follow_up_at),
    createdAt: new Date(r.created_at).toISOString(),
    revision: r.revision,
  };
}

async function taskDetail(db: Db, task: TaskRow, userId: string): Promise<TaskDetail> {
  const info = await db
    .selectFrom("cases as c")
    .innerJoin("process_versions as v", "v.id", "c.process_version_id")
    .select(["c.case_number", "c.process_id", "c.applicant", "v.plan"])
    .where("c.id", "=", task.case_id)
    .executeTakeFirstOrThrow();
  const forms = (info.plan as { forms?: Record<string, unknown> }).forms ?? {};
  const name = info.applicant.name;
  return {
    ...inboxItem({
      ...task,
      case_number: info.case_number,
      process_id: info.process_id,
      applicant_name: typeof name === "string" ? name : null,
      due_at: task.due_at ? new Date(task.due_at) : null,
      follow_up_at: task.follow_up_at ? new Date(task.follow_up_at) : null,
      created_at: new Date(task.created_at),
    }),
    documents: task.documents,
    draft: await getDraft(db, { taskId: task.id, userId }),
    result: task.result,
    form: task.form_id ? (forms[task.form_id] ?? null) : null,
  };
}

/** Loads the task and checks the principal may see it. */
async function visibleTask(c: AppContext, p: Principal, taskId: string, action: string): Promise<TaskRow> {
  const task = await getTask(c.get("deps").db, taskId);
  if (!task) throw new ApiException(404, "not-found");
  await authorize(c, canSeeTask(p, task), action, { type: "task", id: taskId, district: task.district });
  return task;
}

function conflict(result: Extract<Guarded, { ok: false }>): never {
  if (result.current && (result.current.status === "completed" || result.current.status === "cancelled")) {
    throw new ApiException(409, "task-closed", { status: result.current.status });
  }
  throw new ApiException(409, "task-revision-conflict", {
    revision: result.current?.revision ?? null,
    assignee: result.current?.assignee ?? null,
  });
}

async function audited(c: AppContext, p: Principal, action: string, before: TaskRow, after: TaskRow) {
  await appendAudit(c.get("deps").db, {
    actorId: p.userId,
    ip: c.get("ip"),
    action,
    outcome: "ok",
    resourceType: "task",
    resourceId: before.id,
    district: before.district,
    before: { status: before.status, assignee: before.assignee, revision: before.revision },
    after: { status: after.status, assignee: after.assignee, revision: after.revision },
  });
}

export const inbox: RouteHandler<typeof routes.inbox, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const q = c.req.valid("query");
  if (q.scope === "district") {
    await authorize(c, p.isHead, "task.inbox-district", { type: "inbox", district: p.district });
  }
  if (q.cursor && !decodeCursor(q.cursor)) {
    throw new ApiException(400, "validation-failed", { issues: [{ path: "cursor", message: "malformed cursor" }] });
  }
  const page = await queryInbox(c.get("deps").db, {
    scope: q.scope,
    userId: p.userId,
    district: p.district,
    roles: p.roles,
    service: q.service,
    status: q.status,
    overdue: q.overdue === undefined ? undefined : q.overdue === "true",
    dueBefore: q.dueBefore,
    q: q.q,
    limit: q.limit,
    cursor: q.cursor,
  });
  return c.json({ items: page.rows.map(inboxItem), nextCursor: page.nextCursor }, 200);
};

export const get: RouteHandler<typeof routes.get, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const task = await visibleTask(c, p, c.req.valid("param").taskId, "task.read");
  return c.json(await taskDetail(c.get("deps").db, task, p.userId), 200);
};

export const claim: RouteHandler<typeof routes.claim, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { db } = c.get("deps");
  const task = await visibleTask(c, p, c.req.valid("param").taskId, "task.claim");
  await authorize(c, canWorkOnTask(p, task), "task.claim", { type: "task", id: task.id, district: task.district });
  const result = await claimTask(db, { taskId: task.id, revision: c.req.valid("json").revision, userId: p.userId });
  if (!result.ok) conflict(result);
  await audited(c, p, "task.claim", task, result.task);
  return c.json(await taskDetail(db, result.task, p.userId), 200);
};

export const unclaim: RouteHandler<typeof routes.unclaim, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { db } = c.get("deps");
  const task = await visibleTask(c, p, c.req.valid("param").taskId, "task.unclaim");
  await authorize(c, canReassignTask(p, task), "task.unclaim", { type: "task", id: task.id, district: task.district });
  const result = await unclaimTask(db, { taskId: task.id, revision: c.req.valid("json").revision });
  if (!result.ok) conflict(result);
  await audited(c, p, "task.unclaim", task, result.task);
  return c.json(await taskDetail(db, result.task, p.userId), 200);
};

export const delegate: RouteHandler<typeof routes.delegate, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { db } = c.get("deps");
  const body = c.req.valid("json");
  const task = await visibleTask(c, p, c.req.valid("param").taskId, "task.delegate");
  await authorize(c, canReassignTask(p, task), "task.delegate", { type: "task", id: task.id, district: task.district });
  // A candidate: holds one of the task's roles or is one of its candidate users.
  const target = await db
    .selectFrom("users as u")
    .select("u.id")
    .where("u.id", "=", body.userId)
    .where("u.disabled", "=", false)
    .where("u.district", "=", task.district)
    .where((eb) =>
      eb.or([
        eb("u.id", "in", task.candidate_users.length > 0 ? task.candidate_users : ["-"]),
        eb.exists(
          eb
            .selectFrom("user_roles as ur")
            .select("ur.user_id")
            .whereRef("ur.user_id", "=", "u.id")
            .where("ur.role_id", "in", task.roles.length > 0 ? task.roles : ["-"]),
        ),
      ]),
    )
    .executeTakeFirst();
  if (!target) throw new ApiException(422, "delegate-invalid", { userId: body.userId, roles: task.roles });
  const result = await assignTask(db, { taskId: task.id, revision: body.revision, userId: body.userId });
  if (!result.ok) conflict(result);
  await audited(c, p, "task.delegate", task, result.task);
  await appendCaseEvent(db, {
    caseId: task.case_id,
    type: "task.delegated",
    elementId: task.element_id,
    actor: p.userId,
    data: { taskId: task.id, to: body.userId },
  });
  return c.json(await taskDetail(db, result.task, p.userId), 200);
};

/**
 * Whom the caller could hand the task to. Anyone who may claim it or reassign it may ask (a head
 * delegates without being a candidate); the list is what `delegate` would accept.
 */
export const delegates: RouteHandler<typeof routes.delegates, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { db } = c.get("deps");
  const task = await visibleTask(c, p, c.req.valid("param").taskId, "task.delegates");
  await authorize(c, canWorkOnTask(p, task) || canReassignTask(p, task), "task.delegates", {
    type: "task",
    id: task.id,
    district: task.district,
  });
  const excludeIds = [p.userId, ...(task.assignee ? [task.assignee] : [])];
  const common = { district: task.district, excludeIds, enabledOnly: true, orderBy: "displayName" } as const;
  const byRole = await findUsers(db, { ...common, roles: task.roles });
  const byName = task.candidate_users.length > 0 ? await findUsers(db, { ...common, ids: task.candidate_users }) : [];
  const users = [...byRole, ...byName.filter((u) => !byRole.some((r) => r.id === u.id))].sort(
    (a, b) => a.displayName.localeCompare(b.displayName) || a.username.localeCompare(b.username),
  );
  const items = users.map(({ id, username, displayName, roles }) => ({ id, username, displayName, roles }));
  return c.json({ items }, 200);
};

export const comment: RouteHandler<typeof routes.comment, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { db } = c.get("deps");
  const task = await visibleTask(c, p, c.req.valid("param").taskId, "task.comment");
  const { text } = c.req.valid("json");
  await appendCaseEvent(db, {
    caseId: task.case_id,
    type: "task.comment",
    elementId: task.element_id,
    actor: p.userId,
    data: { taskId: task.id, text, authorName: p.displayName },
  });
  await appendAudit(db, {
    actorId: p.userId,
    ip: c.get("ip"),
    action: "task.comment",
    outcome: "ok",
    resourceType: "task",
    resourceId: task.id,
    district: task.district,
    after: { text },
  });
  return c.json({ ok: true as const }, 201);
};

export const draft: RouteHandler<typeof routes.draft, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const task = await visibleTask(c, p, c.req.valid("param").taskId, "task.draft");
  await authorize(c, canWorkOnTask(p, task), "task.draft", { type: "task", id: task.id, district: task.district });
  await saveDraft(c.get("deps").db, { taskId: task.id, userId: p.userId, data: c.req.valid("json").data });
  return c.json({ ok: true as const }, 200);
};

export const complete: RouteHandler<typeof routes.complete, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const deps = c.get("deps");
  const { db } = deps;
  const body = c.req.valid("json");
  const task = await visibleTask(c, p, c.req.valid("param").taskId, "task.complete");
  await authorize(c, canWorkOnTask(p, task), "task.complete", { type: "task", id: task.id, district: task.district });
  // Whatever happens next, what the user typed stays retrievable as their draft.
  await saveDraft(db, { taskId: task.id, userId: p.userId, data: body.data });
  const reserved = await reserveCompletion(db, { taskId: task.id, revision: body.revision, userId: p.userId });
  if (!reserved.ok) conflict(reserved);

  const caseRow = await db
    .selectFrom("cases")
    .select("workflow_id")
    .where("id", "=", task.case_id)
    .executeTakeFirstOrThrow();
  try {
    // a task of a called process is completed in that called case's workflow
    const workflowId = instanceWorkflowId(task.case_id, caseRow.workflow_id, task.element_instance_id);
    await deps.temporal.client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, {
      args: [
        {
          taskId: task.id,
          actor: { userId: p.userId, username: p.username, roles: p.roles, district: p.district },
          data: body.data,
        },
      ],
    });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      throw new ApiException(422, "task-rejected", {
        reason: error.cause?.message ?? error.message,
        revision: reserved.task.revision,
      });
    }
    if (error instanceof WorkflowNotFoundError)
      throw new ApiException(409, "task-closed", { reason: "case not running" });
    deps.logger.error({ err: error, taskId: task.id }, "completeTask update failed");
    throw new ApiException(503, "workflow-unavailable", { revision: reserved.task.revision });
  }
  // The workflow's activity closes the row too; closing here makes the inbox consistent at once.
  await closeTask(db, { taskId: task.id, status: "completed", by: p.userId, result: body.data });
  await deleteDraft(db, { taskId: task.id, userId: p.userId });
  const after = (await getTask(db, task.id))!;
  await appendAudit(db, {
    actorId: p.userId,
    ip: c.get("ip"),
    action: "task.complete",
    outcome: "ok",
    resourceType: "task",
    resourceId: task.id,
    district: task.district,
    before: { status: task.status, assignee: task.assignee, revision: task.revision },
    after: { status: after.status, assignee: after.assignee, revision: after.revision, data: body.data },
  });
  return c.json(await taskDetail(db, after, p.userId), 200);
};
