/**
 * Drives bpmnProcess cases on a real Temporal server for integration tests: a case row in the
 * real database, the workflow started with a pinned calendar, and helpers to wait for tasks,
 * complete them through the validating update and skip time on the time-skipping server.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { BusinessCalendar } from "@alur/shared/calendar";
import { calendarFor } from "@alur/shared/calendar/districts";
import type { ExecutionPlan } from "@alur/shared/plan";
import type { CaseStateView, Variables } from "@alur/shared/schemas";
import type { WorkflowHandle } from "@temporalio/client";
import { historyToJSON } from "@temporalio/common/lib/proto-utils";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Db } from "../store/db";
import {
  type BpmnProcessInput,
  type BpmnProcessResult,
  caseStateQuery,
  caseWorkflowId,
  completeTaskUpdate,
  deliverMessageUpdate,
  WORKFLOW_TYPE,
} from "../temporal/definitions";
import { insertCase } from "./case-rows";

export const HISTORIES_DIR = path.resolve(import.meta.dirname, "../temporal/histories");

export interface StartOptions {
  district?: string;
  variables?: Variables;
  calendar?: BusinessCalendar;
  calledPlans?: BpmnProcessInput["calledPlans"];
  historyLimit?: number;
  taskQueue: string;
}

export class CaseDriver {
  constructor(
    readonly env: TestWorkflowEnvironment,
    readonly handle: WorkflowHandle,
    readonly caseId: string,
  ) {}

  state(): Promise<CaseStateView> {
    return this.handle.query(caseStateQuery);
  }

  /** Polls the case state (real time, no time skipping) until `predicate` holds. */
  async until(predicate: (s: CaseStateView) => boolean, what: string, timeoutMs = 20_000): Promise<CaseStateView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.state();
      if (predicate(s)) return s;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; state: ${JSON.stringify(s)}`);
      await delay(25);
    }
  }

  /** The open task of an element, once it is open. */
  async task(elementId: string): Promise<{ taskId: string; elementId: string }> {
    const s = await this.until((v) => v.openTasks.some((t) => t.elementId === elementId), `task ${elementId}`);
    return s.openTasks.find((t) => t.elementId === elementId)!;
  }

  /** Completes the open task of `elementId` as an actor with `roles`; returns the update's state. */
  async complete(elementId: string, roles: string[], data: Variables = {}, district: string | null = null) {
    const { taskId } = await this.task(elementId);
    return this.completeTask(taskId, roles, data, district);
  }

  /** Completes a task by its store id. */
  completeTask(taskId: string, roles: string[], data: Variables = {}, district: string | null = null) {
    return this.handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId, actor: { userId: `user-${roles[0]}`, roles, district }, data }],
    });
  }

  message(name: string, correlationKey?: string, payload: Variables = {}) {
    return this.handle.executeUpdate(deliverMessageUpdate, { args: [{ name, correlationKey, payload }] });
  }

  result(): Promise<BpmnProcessResult> {
    return this.handle.result() as Promise<BpmnProcessResult>;
  }

  /**
   * Saves the run's history as a replay fixture when RECORD_HISTORIES=1. With HISTORY_TAG set the
   * file is `<name>.<tag>.json`, beside the older recordings, which must keep replaying too.
   */
  async saveHistory(name: string): Promise<void> {
    if (process.env.RECORD_HISTORIES !== "1") return;
    const history = await this.handle.fetchHistory();
    const tag = process.env.HISTORY_TAG ? `.${process.env.HISTORY_TAG}` : "";
    writeFileSync(path.join(HISTORIES_DIR, `${name}${tag}.json`), historyToJSON(history));
  }
}

/** Inserts the case row and starts its workflow. */
export async function startCase(
  env: TestWorkflowEnvironment,
  db: Db,
  plan: ExecutionPlan,
  options: StartOptions,
): Promise<CaseDriver> {
  const district = options.district ?? "3216";
  const caseId = await insertCase(db, { district, plan, processVersionId: `pv-${plan.processId}-${district}` });
  const year = new Date(await env.currentTimeMs()).getUTCFullYear();
  const input: BpmnProcessInput = {
    caseId,
    district,
    plan,
    planHash: "test",
    variables: options.variables ?? {},
    calendar: options.calendar ?? calendarFor(district, [year, year + 1, year + 2]),
    ...(options.calledPlans ? { calledPlans: options.calledPlans } : {}),
    ...(options.historyLimit ? { historyLimit: options.historyLimit } : {}),
  };
  const handle = await env.client.workflow.start(WORKFLOW_TYPE, {
    workflowId: caseWorkflowId(caseId),
    taskQueue: options.taskQueue,
    args: [input],
  });
  return new CaseDriver(env, handle, caseId);
}
