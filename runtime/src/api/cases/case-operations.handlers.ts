/**
 * Supervision of running cases. Cancelling asks Temporal to cancel the case's workflow, which lets
 * the engine close its tasks and called cases and end the case as `cancelled` (the path a
 * withdrawn application takes); the reason goes on the timeline and into the audit log.
 */
import { setTimeout as delay } from "node:timers/promises";
import { CaseStatus } from "@alur/shared/schemas";
import type { RouteHandler } from "@hono/zod-openapi";
import { WorkflowNotFoundError } from "@temporalio/client";
import { canCancelCase } from "../../auth/policy";
import { appendAudit } from "../../store/audit";
import { appendCaseEvent, hasCaseEvent } from "../../store/case-events";
import { getCase } from "../../store/cases";
import type { AppEnv } from "../context";
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
  await authorize(c, canCancelCase(p, row.district), "case.cancel", {
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
  await appendAudit(deps.db, {
    actorId: p.userId,
    ip: c.get("ip"),
    action: "case.cancel",
    outcome: "ok",
    resourceType: "case",
    resourceId: caseId,
    district: row.district,
    before: { status: row.status },
    details: { reason },
  });
  if (running) {
    try {
      await deps.temporal.client.workflow.getHandle(row.workflow_id).cancel();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new ApiException(409, "case-not-running");
      deps.logger.error({ err: error, caseId }, "cancelling the case workflow failed");
      throw new ApiException(503, "workflow-unavailable", { retryable: true });
    }
  }
  await appendCaseEvent(deps.db, {
    caseId,
    type: "case.cancel-requested",
    actor: p.userId,
    // staff cannot look accounts up: the timeline names who cancelled
    data: { reason, authorName: p.displayName },
    dedupeKey,
  });
  const deadline = Date.now() + SETTLE_MS;
  let status = CaseStatus.parse(row.status);
  while (status !== "cancelled" && Date.now() < deadline) {
    await delay(100);
    status = CaseStatus.parse((await getCase(deps.db, caseId))?.status ?? status);
  }
  return c.json({ id: caseId, status }, 200);
};
