/**
 * Supervision of running cases. Cancelling asks Temporal to cancel the case's workflow, which lets
 * the engine close its tasks and called cases and end the case as `cancelled` (the path a
 * withdrawn application takes); the reason goes on the timeline and into the audit log.
 */
import { setTimeout as delay } from "node:timers/promises";
import { type CaseStateView, CaseStatus, UNCORRECTABLE_VARIABLES } from "@alur/shared/schemas";
import type { RouteHandler } from "@hono/zod-openapi";
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from "@temporalio/client";
import { canSuperviseCase } from "../../auth/policy";
import { hiddenFields, redact } from "../../auth/privacy";
import { appendCaseEvent, hasCaseEvent } from "../../store/case-events";
import { type CaseRow, getCase, getCasePrivacy } from "../../store/cases";
import { caseStateQuery, correctVariablesUpdate, resumeUpdate, suspendUpdate } from "../../temporal/definitions";
import { audit } from "../audit-trail";
import type { AppContext, AppDeps, AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import type * as routes from "./case-operations.routes";

/** How long the answer waits for the workflow to close the case. */
const SETTLE_MS = 10_000;

export const cancel: RouteHandler<typeof routes.cancel, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { caseId } = c.req.valid("param");
  const { reason } = c.req.valid("json");
  const deps = c.get("deps");
  const row = await getCase(deps.db, caseId);
  if (!row) throw new ApiException(404, "not-found");
  await authorize(c, canSuperviseCase(p, row.district), "case.cancel", {
    type: "case",
    id: caseId,
    district: row.district,
  });
  const dedupeKey = `${caseId}:case.cancel-requested`;
  const running = row.status === "active" || row.status === "incident";
  // A cancelled case whose reason was not recorded (the API died in between) takes this request's.
  if (!running && !(row.status === "cancelled" && !(await hasCaseEvent(deps.db, caseId, dedupeKey)))) {
    throw new ApiException(409, "case-not-running", { status: row.status });
  }
  // The decision is audited before it takes effect: a crash after the workflow is cancelled cannot
  // leave it unaudited (the timeline entry is completed by a repeated request, above).
  await audit(c, deps.db, {
    action: "case.cancel",
    outcome: "ok",
    resourceType: "case",
    resourceId: caseId,
    district: row.district,
    before: { status: row.status },
    details: { reason },
  });
  if (running) await requestCancellation(deps, row, p, reason);
  else await recordCancellation(deps, caseId, p, reason);
  const deadline = Date.now() + SETTLE_MS;
  let status = CaseStatus.parse(row.status);
  while (status !== "cancelled" && Date.now() < deadline) {
    await delay(100);
    status = CaseStatus.parse((await getCase(deps.db, caseId))?.status ?? status);
  }
  return c.json({ id: caseId, status }, 200);
};

/**
 * Asks the case's workflow to cancel, then puts the reason on the timeline (once per case, by its
 * dedupe key): the single cancel and a batch's items take this one path.
 */
export async function requestCancellation(
  deps: Pick<AppDeps, "temporal" | "db" | "logger">,
  row: Pick<CaseRow, "id" | "workflow_id">,
  actor: { userId: string; displayName: string },
  reason: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  try {
    await deps.temporal.client.workflow.getHandle(row.workflow_id).cancel();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new ApiException(409, "case-not-running");
    deps.logger.error({ err: error, caseId: row.id }, "cancelling the case workflow failed");
    throw new ApiException(503, "workflow-unavailable", { retryable: true });
  }
  await recordCancellation(deps, row.id, actor, reason, extra);
}

async function recordCancellation(
  deps: Pick<AppDeps, "db">,
  caseId: string,
  actor: { userId: string; displayName: string },
  reason: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await appendCaseEvent(deps.db, {
    caseId,
    type: "case.cancel-requested",
    actor: actor.userId,
    // staff cannot look accounts up: the timeline names who cancelled
    data: { reason, authorName: actor.displayName, ...extra },
    dedupeKey: `${caseId}:case.cancel-requested`,
  });
}

/** Which refusal of the workflow's suspend/resume validator maps to which API error. */
const HOLD_REFUSALS = new Set(["case-not-running", "case-already-suspended", "case-not-suspended"]);

function holdHandler(action: "suspend" | "resume") {
  const handler: RouteHandler<typeof routes.suspend, AppEnv> = async (c) => {
    const { caseId } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const { p, row } = await supervisedCase(c, caseId, `case.${action}`);
    const deps = c.get("deps");
    if (action === "suspend" && row.suspended_since) throw new ApiException(409, "case-already-suspended");
    if (action === "resume" && !row.suspended_since) throw new ApiException(409, "case-not-suspended");
    // The decision is audited before it takes effect (as a cancellation is).
    await audit(c, deps.db, {
      action: `case.${action}`,
      outcome: "ok",
      resourceType: "case",
      resourceId: caseId,
      district: row.district,
      before: { suspendedSince: row.suspended_since ? new Date(row.suspended_since).toISOString() : null },
      details: { reason },
    });
    try {
      await deps.temporal.client.workflow
        .getHandle(row.workflow_id)
        .executeUpdate(action === "suspend" ? suspendUpdate : resumeUpdate, {
          args: [{ reason, actor: { userId: p.userId, displayName: p.displayName } }],
        });
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new ApiException(409, "case-not-running");
      if (error instanceof WorkflowUpdateFailedError) {
        const code = (error.cause as { type?: string } | undefined)?.type;
        if (code && HOLD_REFUSALS.has(code)) {
          throw new ApiException(409, code as "case-not-running" | "case-already-suspended" | "case-not-suspended");
        }
      }
      deps.logger.error({ err: error, caseId }, `${action} update failed`);
      throw new ApiException(503, "workflow-unavailable", { retryable: true });
    }
    // The engine's timeline record has set the row's suspension (a trigger) before the update answered.
    const after = (await getCase(deps.db, caseId)) ?? row;
    const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
    return c.json({ id: caseId, suspendedSince: iso(after.suspended_since), dueAt: iso(after.due_at) }, 200);
  };
  return handler;
}

export const suspend = holdHandler("suspend");
export const resume = holdHandler("resume");

/** The running case the supervisor may correct, with what its privacy rules hide from them. */
async function supervisedCase(c: AppContext, caseId: string, action: string) {
  const p = requirePrincipal(c);
  const deps = c.get("deps");
  const row = await getCase(deps.db, caseId);
  if (!row) throw new ApiException(404, "not-found");
  await authorize(c, canSuperviseCase(p, row.district), action, { type: "case", id: caseId, district: row.district });
  if (row.status !== "active" && row.status !== "incident") throw new ApiException(409, "case-not-running");
  const hidden = hiddenFields(await getCasePrivacy(deps.db, row.process_version_id), p);
  return { p, row, hidden };
}

async function caseState(client: Client, row: CaseRow): Promise<CaseStateView> {
  try {
    return await client.workflow.getHandle(row.workflow_id).query(caseStateQuery);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new ApiException(409, "case-not-running");
    throw new ApiException(503, "workflow-unavailable", { retryable: true });
  }
}

function shown(variables: Record<string, unknown>, hidden: ReadonlySet<string>) {
  const visible = redact(variables, hidden);
  const correctable = Object.keys(visible).filter(
    (k) => !hidden.has(k) && !(UNCORRECTABLE_VARIABLES as readonly string[]).includes(k),
  );
  return { variables: visible, correctable };
}

export const variables: RouteHandler<typeof routes.variables, AppEnv> = async (c) => {
  const { caseId } = c.req.valid("param");
  const { row, hidden } = await supervisedCase(c, caseId, "case.read-variables");
  const state = await caseState(c.get("deps").temporal.client, row);
  return c.json(shown(state.variables, hidden), 200);
};

export const correct: RouteHandler<typeof routes.correct, AppEnv> = async (c) => {
  const { caseId } = c.req.valid("param");
  const body = c.req.valid("json");
  const { p, row, hidden } = await supervisedCase(c, caseId, "case.correct-variables");
  const keys = Object.keys(body.variables);
  // a field the supervisor may not see, they may not set either (refused and audited as such)
  await authorize(c, !keys.some((k) => hidden.has(k)), "case.correct-variables", {
    type: "case",
    id: caseId,
    district: row.district,
  });
  const deps = c.get("deps");
  const before = (await caseState(deps.temporal.client, row)).variables;
  // what the workflow's validator refuses, refused here too: only a correction that can take effect is audited as one
  const refused = keys.filter((k) => !(k in before) || (UNCORRECTABLE_VARIABLES as readonly string[]).includes(k));
  if (refused.length > 0) throw new ApiException(422, "correction-refused", { fields: refused });
  // The decision is audited before it takes effect, with the old and new values.
  await audit(c, deps.db, {
    action: "case.correct-variables",
    outcome: "ok",
    resourceType: "case",
    resourceId: caseId,
    district: row.district,
    before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])),
    after: body.variables,
    details: { reason: body.reason },
  });
  let state: CaseStateView;
  try {
    state = await deps.temporal.client.workflow.getHandle(row.workflow_id).executeUpdate(correctVariablesUpdate, {
      args: [
        { variables: body.variables, reason: body.reason, actor: { userId: p.userId, displayName: p.displayName } },
      ],
    });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new ApiException(409, "case-not-running");
    if (error instanceof WorkflowUpdateFailedError) {
      const details = (error.cause as { details?: { fields?: string[] }[] } | undefined)?.details?.[0];
      if (details?.fields?.includes("case-not-running")) throw new ApiException(409, "case-not-running");
      throw new ApiException(422, "correction-refused", { fields: details?.fields ?? keys });
    }
    deps.logger.error({ err: error, caseId }, "correctVariables update failed");
    throw new ApiException(503, "workflow-unavailable", { retryable: true });
  }
  return c.json(shown(state.variables, hidden), 200);
};
