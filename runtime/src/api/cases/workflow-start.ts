/**
 * Starting a case's workflow, retried until Temporal has it. The case row and its workflow input
 * are stored together first (store/workflow-starts, an outbox); then the workflow is started with
 * its deterministic id, so a repeated start is harmless (WorkflowExecutionAlreadyStarted counts as
 * done). Starting the workflow before inserting the row was the alternative, but a failed insert
 * would leave a workflow without its case. A failed start is retried by the sweep every API
 * process runs, and at once when someone reads the case.
 */
import { WorkflowExecutionAlreadyStartedError } from "@temporalio/client";
import { appendCaseEvent } from "../../store/case-events";
import { failPendingStart, finishPendingStart, type PendingStart, takeDueStarts } from "../../store/workflow-starts";
import { type Sweeper, startSweeper } from "../../sweeper";
import { type BpmnProcessInput, WORKFLOW_TYPE } from "../../temporal/definitions";
import type { AppDeps } from "../context";

/** How long one start may take before it counts as failed (the SDK retries inside this). */
const START_DEADLINE_MS = 10_000;

/** Starts one pending workflow; true once Temporal has it. Failures are recorded, never thrown. */
export async function launchWorkflow(deps: AppDeps, pending: PendingStart): Promise<boolean> {
  const { client, taskQueue } = deps.temporal;
  try {
    await client.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      client.workflow.start(WORKFLOW_TYPE, {
        workflowId: pending.workflowId,
        taskQueue,
        args: [pending.input as BpmnProcessInput],
      }),
    );
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
      const message = error instanceof Error ? error.message : String(error);
      deps.logger.warn({ err: error, caseId: pending.caseId, attempts: pending.attempts }, "workflow start failed");
      await failPendingStart(deps.db, pending.caseId, pending.attempts, message);
      await appendCaseEvent(deps.db, {
        caseId: pending.caseId,
        type: "case.start-deferred",
        actor: null,
        data: { attempt: pending.attempts, error: message.slice(0, 500) },
      });
      return false;
    }
  }
  await finishPendingStart(deps.db, pending.caseId);
  if (pending.attempts > 1) {
    await appendCaseEvent(deps.db, {
      caseId: pending.caseId,
      type: "case.workflow-started",
      actor: null,
      data: { attempt: pending.attempts },
    });
  }
  return true;
}

/** Retries the due pending starts (or one case's); returns how many workflows were started. */
export async function retryPendingStarts(deps: AppDeps, options: { caseId?: string; limit?: number } = {}) {
  const due = await takeDueStarts(deps.db, { limit: options.limit ?? 20, caseId: options.caseId });
  let started = 0;
  for (const pending of due) if (await launchWorkflow(deps, pending)) started++;
  return { due: due.length, started };
}

/** Runs retryPendingStarts every `intervalMs` (one sweep at a time) until stopped. */
export function startWorkflowStartSweeper(deps: AppDeps, intervalMs = 5_000): Sweeper {
  return startSweeper("workflow start sweep", () => retryPendingStarts(deps), { intervalMs, logger: deps.logger });
}
