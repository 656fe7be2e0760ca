/**
 * The workflow's public surface, defined once for workflow code and clients alike.
 * Workflow-safe: imports only @temporalio/workflow and schemas, never Node modules.
 */
import type { ExecutionPlan } from "@alur/shared/plan";
import type { CaseStateView, CompleteTaskInput, MessageInput, SignalInput, Variables } from "@alur/shared/schemas";
import { defineQuery, defineSignal, defineUpdate } from "@temporalio/workflow";

/** The one generic workflow type that interprets any execution plan. */
export const WORKFLOW_TYPE = "bpmnProcess";

export interface BpmnProcessInput {
  caseId: string;
  district: string;
  plan: ExecutionPlan;
  /** sha256 of the plan JSON, pinned per case so a replay can tell which plan it ran. */
  planHash: string;
  variables: Variables;
}

/** Validated in the update's validator: unknown/closed task, wrong role or bad form data never enter history. */
export const completeTaskUpdate = defineUpdate<CaseStateView, [CompleteTaskInput]>("completeTask");
/** Correlates a message (name + key) with a waiting catch event or receive task; returns whether it matched. */
export const deliverMessageUpdate = defineUpdate<{ correlated: boolean }, [MessageInput]>("deliverMessage");
export const broadcastSignal = defineSignal<[SignalInput]>("broadcastSignal");
export const caseStateQuery = defineQuery<CaseStateView>("caseState");

/** Workflow id of a case: stable, so a retried start cannot create a second run. */
export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}
