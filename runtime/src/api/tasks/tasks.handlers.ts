import type { InboxItem, TaskDetail } from "@alur/shared/api";
import { notAllowedKeys, notAllowedMessage, validateTaskData } from "@alur/shared/forms";
import type { CasePrivacy } from "@alur/shared/schemas";
import type { RouteHandler } from "@hono/zod-openapi";
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from "@temporalio/client";
import { canReassignTask, canSeeTask, canWorkOnTask } from "../../auth/policy";
import type { Principal } from "../../auth/principal";
import { hiddenFields, parsePrivacy, redact } from "../../auth/privacy";
import type { Rejection } from "../../engine/task-completion";
import { noticeTaskAssigned } from "../../notifications/task-notices";
import { appendCaseEvent } from "../../store/case-events";
import { caseWithPlan, getCase } from "../../store/cases";
import type { Db } from "../../store/db";
import { decodeCursor, type InboxRow, queryInbox } from "../../store/inbox";
import {
  assignTask,
  claimTask,
  deleteDraft,
  type Guarded,
  getDraft,
  reservable,
  reserveCompletion,
  saveDraft,
  unclaimTask,
} from "../../store/task-actions";
import { closeTask, getTask, planForm, type TaskRow } from "../../store/tasks";
import { findDelegateCandidate, findUsers } from "../../store/users";
import { completeTaskUpdate, instanceWorkflowId } from "../../temporal/definitions";
import { audit, auditAll } from "../audit-trail";
import type { AppContext, AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import type * as routes from "./tasks.routes";

/** Equal as JSON values, whatever the key order (jsonb does not keep it). */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return JSON.stringify(canonical(a ?? null)) === JSON.stringify(canonical(b ?? null));
}

function iso(d: Date | string | null): string | null {
  return d ? new Date(d).toISOString() : null;
}

/** An inbox row as the principal may see it: a restricted applicant name is left out. */
function inboxItemFor(p: Principal) {
  return (r: InboxRow): InboxItem => {
    const item = inboxItem(r);
    return hiddenFields(parsePrivacy(r.privacy), p).has("name") ? { ...item, applicantName: null } : item;
  };
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
    suspendedSince: iso(r.suspended_since),
  };
}

async function taskDetail(db: Db, task: TaskRow, p: Principal): Promise<TaskDetail> {
  return (await taskDetailWithPrivacy(db, task, p)).detail;
}

/** The task as the principal may see it, and its service's personal-data rules. */
async function taskDetailWithPrivacy(
  db: Db,
  task: TaskRow,
  p: Principal,
): Promise<{ detail: TaskDetail; privacy: CasePrivacy | undefined }> {
  const info = await caseWithPlan(db, task.case_id);
  const plan = info.plan as { forms?: Record<string, unknown>; privacy?: unknown };
  const forms = plan.forms ?? {};
  const privacy = parsePrivacy(plan.privacy);
  const hidden = hiddenFields(privacy, p);
  const name = hidden.has("name") ? undefined : info.applicant.name;
  const detail: TaskDetail = {
    ...inboxItem({
      ...task,
      case_number: info.case_number,
      process_id: info.process_id,
      applicant_name: typeof name === "string" ? name : null,
      due_at: task.due_at ? new Date(task.due_at) : null,
      follow_up_at: task.follow_up_at ? new Date(task.follow_up_at) : null,
      created_at: new Date(task.created_at),
      suspended_since: info.suspended_since,
      privacy: null,
    }),
    documents: task.documents,
    draft: await getDraft(db, { taskId: task.id, userId: p.userId }),
    result: redact(task.result, hidden),
    form: task.form_id ? (forms[task.form_id] ?? null) : null,
  };
  return { detail, privacy };
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

async function audited(c: AppContext, action: string, before: TaskRow, after: TaskRow) {
  await audit(c, c.get("deps").db, {
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
  await auditSensitiveListing(c, p, q.scope, page.rows);
  return c.json({ items: page.rows.map(inboxItemFor(p)), nextCursor: page.nextCursor }, 200);
};

/**
 * A listing shows each task's case (number, applicant): a read of every sensitive case in it,
 * audited as one entry per case (not per request), so "who read this case" stays one lookup by
 * the case's id, as for a case page; the entries of a page go in one statement.
 */
async function auditSensitiveListing(
  c: AppContext,
  p: Principal,
  scope: string,
  rows: readonly InboxRow[],
): Promise<void> {
  const byCase = new Map<string, { row: InboxRow; taskIds: string[] }>();
  for (const r of rows) {
    const privacy = parsePrivacy(r.privacy);
    if (!privacy?.sensitive) continue;
    const entry = byCase.get(r.case_id) ?? { row: r, taskIds: [] };
    entry.taskIds.push(r.id);
    byCase.set(r.case_id, entry);
  }
  await auditAll(
    c,
    c.get("deps").db,
    [...byCase.values()].map(({ row, taskIds }) => ({
      action: "case.read-list",
      outcome: "ok" as const,
      resourceType: "case",
      resourceId: row.case_id,
      district: row.district,
      details: {
        method: c.req.method,
        path: c.req.path,
        scope,
        taskIds,
        roles: p.roles,
        hiddenFields: [...hiddenFields(parsePrivacy(row.privacy), p)],
      },
    })),
  );
}

export const get: RouteHandler<typeof routes.get, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const task = await visibleTask(c, p, c.req.valid("param").taskId, "task.read");
  const { db } = c.get("deps");
  const { detail, privacy } = await taskDetailWithPrivacy(db, task, p);
  // A task shows its case (applicant, results): a read of a sensitive case, audited like one.
  if (privacy?.sensitive) {
    await audit(c, db, {
      action: "case.read-task",
      outcome: "ok",
      resourceType: "case",
      resourceId: task.case_id,
      district: task.district,
      details: { taskId: task.id, roles: p.roles, hiddenFields: [...hiddenFields(privacy, p)] },
    });
  }
  return c.json(detail, 200);
};

export const claim: RouteHandler<typeof routes.claim, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { db } = c.get("deps");
  const task = await visibleTask(c, p, c.req.valid("param").taskId, "task.claim");
  await authorize(c, canWorkOnTask(p, task), "task.claim", { type: "task", id: task.id, district: task.district });
  const result = await claimTask(db, { taskId: task.id, revision: c.req.valid("json").revision, userId: p.userId });
  if (!result.ok) conflict(result);
  await audited(c, "task.claim", task, result.task);
  return c.json(await taskDetail(db, result.task, p), 200);
};

export const unclaim: RouteHandler<typeof routes.unclaim, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { db } = c.get("deps");
  const task = await visibleTask(c, p, c.req.valid("param").taskId, "task.unclaim");
  await authorize(c, canReassignTask(p, task), "task.unclaim", { type: "task", id: task.id, district: task.district });
  const result = await unclaimTask(db, { taskId: task.id, revision: c.req.valid("json").revision });
  if (!result.ok) conflict(result);
  await audited(c, "task.unclaim", task, result.task);
  return c.json(await taskDetail(db, result.task, p), 200);
};

export const delegate: RouteHandler<typeof routes.delegate, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { db } = c.get("deps");
  const body = c.req.valid("json");
  const task = await visibleTask(c, p, c.req.valid("param").taskId, "task.delegate");
  await authorize(c, canReassignTask(p, task), "task.delegate", { type: "task", id: task.id, district: task.district });
  // A candidate: holds one of the task's roles or is one of its candidate users.
  const target = await findDelegateCandidate(db, {
    userId: body.userId,
    district: task.district,
    roles: task.roles,
    candidateUsers: task.candidate_users,
  });
  if (!target) throw new ApiException(422, "delegate-invalid", { userId: body.userId, roles: task.roles });
  const result = await assignTask(db, { taskId: task.id, revision: body.revision, userId: body.userId });
  if (!result.ok) conflict(result);
  await audited(c, "task.delegate", task, result.task);
  await noticeTaskAssigned(db, result.task);
  await appendCaseEvent(db, {
    caseId: task.case_id,
    type: "task.delegated",
    elementId: task.element_id,
    actor: p.userId,
    data: { taskId: task.id, to: body.userId },
  });
  return c.json(await taskDetail(db, result.task, p), 200);
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
  await audit(c, db, {
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

/**
 * Refuses, before anything reaches the workflow, data its validator would certainly refuse: keys
 * that are not editable fields of the task's form (every key, for a task without a form) and values
 * of the wrong type. Hide conditions read case variables the API does not have, so a conditional
 * field passes here and the workflow decides. A called process's forms are in its own plan: for
 * its tasks, only the workflow checks.
 */
async function checkTaskData(db: Db, task: TaskRow, ownPlan: boolean, data: Record<string, unknown>): Promise<void> {
  if (task.form_id !== null && !ownPlan) return;
  const form = task.form_id === null ? undefined : await planForm(db, task.case_id, task.form_id);
  if (task.form_id !== null && form === undefined) return;
  const result = validateTaskData(form, data, {}, { conditions: "ignore" });
  if (result.ok) return;
  const keys = notAllowedKeys(result.errors);
  if (keys.length > 0) throw new ApiException(422, "data-not-allowed", { keys, reason: notAllowedMessage(keys) });
  throw new ApiException(422, "form-invalid", { errors: result.errors });
}

/** The workflow validator's rejection (task-completion.ts) carried by a failed update. */
function rejectionOf(error: WorkflowUpdateFailedError): Rejection | undefined {
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  const [rejection] = cause.details ?? [];
  return typeof rejection === "object" && rejection !== null ? (rejection as Rejection) : undefined;
}

export const complete: RouteHandler<typeof routes.complete, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const deps = c.get("deps");
  const { db } = deps;
  const body = c.req.valid("json");
  const task = await visibleTask(c, p, c.req.valid("param").taskId, "task.complete");
  await authorize(c, canWorkOnTask(p, task), "task.complete", { type: "task", id: task.id, district: task.district });
  // Whatever happens next, what the user typed stays retrievable as their draft.
  await saveDraft(db, { taskId: task.id, userId: p.userId, data: body.data });
  const caseRow = await getCase(db, task.case_id);
  if (!caseRow) throw new ApiException(404, "not-found");
  // a suspended case's tasks wait for it to resume (the workflow refuses them too)
  if (caseRow.suspended_since) throw new ApiException(409, "case-suspended", { since: iso(caseRow.suspended_since) });
  // a task of a called process is completed in that called case's workflow
  const workflowId = instanceWorkflowId(task.case_id, caseRow.workflow_id, task.element_instance_id);
  // A completion that would lose on revision hears so first (409), whatever its data; refused data
  // then changes nothing (no reservation, no update sent).
  // A retry of this user's completion that already took effect (its answer was lost to an outage)
  // gets the same answer again, not an error; different data is a clear conflict.
  const takenEffect = (current: TaskRow | undefined) =>
    current?.status === "completed" && current.closed_by === p.userId ? current : undefined;
  const answerRetry = async (done: TaskRow) => {
    if (!sameJson(done.result, body.data)) {
      throw new ApiException(409, "task-closed", { status: done.status, result: done.result });
    }
    await deleteDraft(db, { taskId: task.id, userId: p.userId });
    return c.json(await taskDetail(db, done, p), 200);
  };
  if (!reservable(task, { revision: body.revision, userId: p.userId })) {
    const done = takenEffect(task);
    if (done) return answerRetry(done);
    conflict({ ok: false, current: task });
  }
  await checkTaskData(db, task, workflowId === caseRow.workflow_id, body.data);
  const reserved = await reserveCompletion(db, { taskId: task.id, revision: body.revision, userId: p.userId });
  if (!reserved.ok) {
    const done = takenEffect(reserved.current);
    if (done) return answerRetry(done);
    conflict(reserved);
  }

  try {
    await deps.temporal.client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, {
      args: [
        {
          taskId: task.id,
          actor: { userId: p.userId, username: p.username, roles: p.roles, district: p.district },
          data: body.data,
          ip: c.get("ip"),
        },
      ],
      // One id per task and user: Temporal answers a retry of an update it already accepted with
      // that update's outcome instead of running (and rejecting) it a second time.
      updateId: `complete:${task.id}:${p.userId}`,
    });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const rejection = rejectionOf(error);
      const reason = error.cause?.message ?? error.message;
      if (error.cause instanceof ApplicationFailure && error.cause.type === "task-closed")
        throw new ApiException(409, "task-closed", { reason });
      if (rejection?.code === "data-not-allowed") {
        throw new ApiException(422, "data-not-allowed", {
          keys: rejection.fields ?? [],
          reason: { id: rejection.id, en: rejection.en },
          revision: reserved.task.revision,
        });
      }
      throw new ApiException(422, "task-rejected", { reason, revision: reserved.task.revision });
    }
    if (error instanceof WorkflowNotFoundError)
      throw new ApiException(409, "task-closed", { reason: "case not running" });
    deps.logger.error({ err: error, taskId: task.id }, "completeTask update failed");
    throw new ApiException(503, "workflow-unavailable", { revision: reserved.task.revision, retryable: true });
  }
  // The workflow's store activity has closed the row and written the audit entry in one
  // transaction before the update returns; this close (same store function) is a no-op then and
  // covers a workflow from before that change.
  await closeTask(db, {
    taskId: task.id,
    status: "completed",
    by: p.userId,
    result: body.data,
    audit: { ip: c.get("ip") },
  });
  await deleteDraft(db, { taskId: task.id, userId: p.userId });
  const after = (await getTask(db, task.id))!;
  return c.json(await taskDetail(db, after, p), 200);
};
