/**
 * Whether a task completion may be applied: the completeTask update's validator, as a pure
 * function over the engine state, so a wrong completion is rejected before it enters history. Rejections carry a stable code and Indonesian/English messages.
 */

import { notAllowedKeys, notAllowedMessage, validateTaskData } from "@alur/shared/forms";
import type { ExecutionPlan } from "@alur/shared/plan";
import { completeTaskInputSchema } from "@alur/shared/schemas";
import { caseView } from "./case-view";
import type { EngineState } from "./types";

export interface Rejection {
  code:
    | "invalid-input"
    | "case-not-ready"
    | "case-suspended"
    | "unknown-task"
    | "task-closed"
    | "role-not-allowed"
    | "wrong-district"
    | "form-invalid"
    | "data-not-allowed";
  id: string;
  en: string;
  fields?: string[];
}

export interface CompletionContext {
  plan: ExecutionPlan;
  state: EngineState | null;
  district: string;
  /** The engine task behind a store task id; undefined for an id no task of this case can have. */
  engineTaskId(storeTaskId: string): string | undefined;
  /** Store task ids whose completion is accepted but not yet applied. */
  pending: Set<string>;
}

/** This case's own schema (see completeTaskInputSchema), built on the first completion. */
let completeTaskInput: ReturnType<typeof completeTaskInputSchema> | undefined;

export function checkCompletion(ctx: CompletionContext, raw: unknown): Rejection | null {
  completeTaskInput ??= completeTaskInputSchema();
  const parsed = completeTaskInput.safeParse(raw);
  if (!parsed.success) {
    return { code: "invalid-input", id: "Data penyelesaian tugas tidak valid.", en: "Invalid task completion input." };
  }
  const input = parsed.data;
  const { state } = ctx;
  if (!state) return { code: "case-not-ready", id: "Kasus belum dimulai.", en: "The case has not started yet." };
  if (state.suspension) return suspendedRejection();
  const engineTaskId = ctx.engineTaskId(input.taskId);
  if (!engineTaskId) {
    return { code: "unknown-task", id: `Tugas ${input.taskId} tidak dikenal.`, en: `Unknown task ${input.taskId}.` };
  }
  const instanceId = state.tasks[engineTaskId];
  if (!instanceId || ctx.pending.has(input.taskId)) {
    return { code: "task-closed", id: "Tugas ini sudah ditutup.", en: "This task is already closed." };
  }
  const instance = state.instances[instanceId];
  const elementId = instance?.elementId ?? "";
  const node = ctx.plan.nodes[elementId];
  const task = node?.type === "userTask" ? node.task : null;
  // Who may work on it as evaluated when it opened (FEEL groups, users); older states: the plan's roles.
  const assignment = instance?.wait?.kind === "task" ? instance.wait.assignment : undefined;
  const roles = assignment?.roles ?? task?.roles ?? [];
  const users = assignment ? [...assignment.candidateUsers, ...(assignment.assignee ? [assignment.assignee] : [])] : [];
  const named = input.actor.username !== undefined && users.includes(input.actor.username);
  if (roles.length > 0 && !named && !input.actor.roles.some((r) => roles.includes(r))) {
    return {
      code: "role-not-allowed",
      id: `Tugas ini hanya untuk peran: ${roles.join(", ")}.`,
      en: `This task is for the roles: ${roles.join(", ")}.`,
    };
  }
  if (input.actor.district !== null && input.actor.district !== ctx.district) {
    return {
      code: "wrong-district",
      id: "Tugas ini milik kabupaten/kota lain.",
      en: "This task belongs to another district.",
    };
  }
  const form = task?.formId ? ctx.plan.forms[task.formId] : undefined;
  // The whole form-js validation (editable keys only, required, types, patterns, options, hide
  // conditions over the case variables), so bad data is refused before it enters history. A task
  // without a form sets nothing.
  const result = validateTaskData(form, input.data, caseView(state).variables);
  if (!result.ok) {
    const refused = notAllowedKeys(result.errors);
    if (refused.length > 0) return { code: "data-not-allowed", ...notAllowedMessage(refused), fields: refused };
    return {
      code: "form-invalid",
      id: result.errors.map((e) => e.message.id).join(" "),
      en: result.errors.map((e) => e.message.en).join(" "),
      fields: result.errors.map((e) => e.path),
    };
  }
  return null;
}

/** A suspended case's tasks wait for it to resume (suspension.ts). */
export function suspendedRejection(): Rejection {
  return {
    code: "case-suspended",
    id: "Permohonan ini sedang ditangguhkan; tugasnya dapat diselesaikan setelah dilanjutkan kembali.",
    en: "This case is suspended; its tasks can be completed once it is resumed.",
  };
}
