/**
 * A supervisor's reassignment of an open task of a case. Authorized like the other case
 * operations (canSuperviseCase); the store decides the rest in one transaction.
 */
import type { RouteHandler } from "@hono/zod-openapi";
import { canSuperviseCase } from "../../auth/policy";
import { getCase } from "../../store/cases";
import { findTaskCandidates, reassignTask } from "../../store/task-reassignment";
import { getTask } from "../../store/tasks";
import type { AppContext, AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import type * as routes from "./case-operations.routes";

/** The case and its task, once the principal is known to supervise the case. */
async function supervisedTask(c: AppContext, caseId: string, taskId: string, action: string) {
  const p = requirePrincipal(c);
  const { db } = c.get("deps");
  const row = await getCase(db, caseId);
  if (!row) throw new ApiException(404, "not-found");
  await authorize(c, canSuperviseCase(p, row.district), action, { type: "task", id: taskId, district: row.district });
  const task = await getTask(db, taskId);
  if (!task || task.case_id !== caseId) throw new ApiException(404, "not-found");
  return { p, row, task };
}

export const eligibleUsers: RouteHandler<typeof routes.eligibleUsers, AppEnv> = async (c) => {
  const { caseId, taskId } = c.req.valid("param");
  const { row, task } = await supervisedTask(c, caseId, taskId, "task.eligible-users");
  if (row.status !== "active" && row.status !== "incident") throw new ApiException(409, "case-not-running");
  if (task.status !== "open" && task.status !== "claimed") {
    throw new ApiException(409, "task-closed", { status: task.status });
  }
  const users = await findTaskCandidates(c.get("deps").db, {
    district: task.district,
    roles: task.roles,
    candidateUsers: task.candidate_users,
  });
  const items = users.map(({ id, username, displayName, roles }) => ({
    id,
    username,
    displayName,
    roles,
    current: id === task.assignee,
  }));
  return c.json({ items }, 200);
};

export const reassign: RouteHandler<typeof routes.reassign, AppEnv> = async (c) => {
  const { caseId, taskId } = c.req.valid("param");
  const body = c.req.valid("json");
  const { p } = await supervisedTask(c, caseId, taskId, "task.reassign");
  const outcome = await reassignTask(c.get("deps").db, {
    caseId,
    taskId,
    userId: body.userId,
    reason: body.reason,
    revision: body.revision,
    actor: { userId: p.userId, displayName: p.displayName },
    ip: c.get("ip"),
  });
  if (!outcome.ok) {
    switch (outcome.why) {
      case "not-found":
        throw new ApiException(404, "not-found");
      case "case-not-running":
        throw new ApiException(409, "case-not-running", { status: outcome.status });
      case "task-closed":
        throw new ApiException(409, "task-closed", { status: outcome.status });
      case "revision-conflict":
        throw new ApiException(409, "reassign-conflict", {
          revision: outcome.revision,
          assignee: outcome.assignee,
        });
      case "not-eligible":
        throw new ApiException(422, "reassign-invalid", { userId: body.userId, roles: outcome.roles });
    }
  }
  return c.json({ taskId, assignee: outcome.assignee, revision: outcome.task.revision }, 200);
};
