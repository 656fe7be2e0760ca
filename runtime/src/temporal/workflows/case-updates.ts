/**
 * The workflow's updates: what each does to a `CaseRun` and the validator that refuses it before
 * it enters history. Every validator parses its argument with the update's schema from
 * `@alur/shared/schemas` (built per case: a frozen shared zod schema cannot parse), then checks it
 * against the case. Validators do not run on replay, so recorded histories are unaffected by them.
 * Rejections are non-retryable ApplicationFailures carrying `{code, id, en}` for the API.
 */
import { messageNotAllowed, refusedMessageKeys } from "@alur/shared/message-payload";
import {
  type CaseStateView,
  type CompleteTaskInput,
  type CorrectVariablesInput,
  correctVariablesSchema,
  type MessageDelivery,
  type MessageInput,
  messageInputSchema,
  type RetryIncidentInput,
  retryIncidentInputSchema,
  UNCORRECTABLE_VARIABLES,
} from "@alur/shared/schemas";
import { ApplicationFailure } from "@temporalio/workflow";
import { checkCompletion } from "../../engine/task-completion";
import { unknownIncidentRejection } from "../definitions";
import type { Applied, CaseRun } from "./case-run";

/** A bilingual refusal with its stable code and any details (refused fields). */
type Refusal = { code: string; id: string; en: string; fields?: string[] };

function refuse(reason: Refusal): ApplicationFailure {
  return ApplicationFailure.create({ type: reason.code, message: reason.en, details: [reason], nonRetryable: true });
}

function invalidInput(id: string, en: string): ApplicationFailure {
  return refuse({ code: "invalid-input", id, en });
}

/** The four updates of one case run: `run` applies the update, `validate` refuses it first. */
export function caseUpdates(run: CaseRun) {
  const messageInput = messageInputSchema();
  const retryInput = retryIncidentInputSchema();
  const correctionInput = correctVariablesSchema();

  return {
    completeTask: {
      /** A user completes an open task with its form data. */
      async run(raw: CompleteTaskInput): Promise<CaseStateView> {
        run.pendingTasks.add(raw.taskId);
        run.completions.set(raw.taskId, { data: raw.data ?? {}, ip: raw.ip ?? null });
        try {
          const engineTaskId = run.taskIds.engineId(raw.taskId) ?? raw.taskId;
          await run.waitApplied(
            run.enqueue({
              type: "taskCompleted",
              taskId: engineTaskId,
              actor: raw.actor,
              data: raw.data ?? {},
              at: run.now(),
            }),
          );
        } finally {
          run.pendingTasks.delete(raw.taskId);
          run.completions.delete(raw.taskId);
        }
        return run.view();
      },
      /** The engine's completion check: known open task, role or named user, district, form data. */
      validate(raw: CompleteTaskInput): void {
        const rejection = checkCompletion(
          {
            plan: run.plan,
            state: run.state,
            district: run.district,
            engineTaskId: (storeId) => run.taskIds.engineId(storeId),
            pending: run.pendingTasks,
          },
          raw,
        );
        if (rejection) throw refuse(rejection);
      },
    },

    deliverMessage: {
      /** Correlates a message now, buffers it, or hands it to a called case (see called-case-relay). */
      async run(message: MessageInput): Promise<MessageDelivery> {
        const outcome = await run.waitApplied(run.enqueue(run.messageReceived(message)));
        const delivery: MessageDelivery = {
          correlated: outcome.accepted && !outcome.buffered,
          buffered: outcome.buffered,
        };
        if (outcome.expiresAt) delivery.expiresAt = outcome.expiresAt;
        return delivery;
      },
      /**
       * The message's shape, then only what the steps taking the name declare (their output
       * mappings), as the API checks; `documents` is the key the API itself adds for uploaded files.
       */
      validate(raw: MessageInput): void {
        const parsed = messageInput.safeParse(raw);
        if (!parsed.success) {
          throw invalidInput(
            "Pesan harus memiliki nama, dan isinya berupa objek.",
            "A message needs a name, and its payload must be an object.",
          );
        }
        const plans = [run.plan, ...Object.values(run.calledPlans).map((called) => called.plan)];
        const refused = refusedMessageKeys(plans, parsed.data.name, parsed.data.payload, ["documents"]);
        if (refused.length > 0) {
          throw refuse({ code: "data-not-allowed", ...messageNotAllowed(parsed.data.name, refused), fields: refused });
        }
      },
    },

    retryIncident: {
      /** Resolves an open incident: writes the given variables and redoes the element's work. */
      async run(raw: RetryIncidentInput): Promise<CaseStateView> {
        run.pendingIncidents.add(raw.incidentId);
        let outcome: Applied;
        try {
          outcome = await run.waitApplied(
            run.enqueue({
              type: "retryIncident",
              incidentId: raw.incidentId,
              ...(raw.variables ? { variables: raw.variables } : {}),
              at: run.now(),
            }),
          );
        } finally {
          run.pendingIncidents.delete(raw.incidentId);
        }
        // Only a case that ended between validation and application gets here.
        if (!outcome.accepted) throw refuse(unknownIncidentRejection(raw.incidentId));
        return run.view();
      },
      validate(raw: RetryIncidentInput): void {
        const parsed = retryInput.safeParse(raw);
        if (!parsed.success) {
          throw invalidInput(
            "Pengulangan memerlukan id insiden, pelaku, dan variabel berupa objek.",
            "A retry needs an incident id, an actor and variables as an object.",
          );
        }
        const { state } = run;
        const open = state?.status === "active" && state.incidents.some((i) => i.id === parsed.data.incidentId);
        if (!open || run.pendingIncidents.has(parsed.data.incidentId)) {
          throw refuse(unknownIncidentRejection(parsed.data.incidentId));
        }
      },
    },

    correctVariables: {
      /** A supervisor corrects variables the case holds, with a reason (recorded by the engine). */
      async run(raw: CorrectVariablesInput): Promise<CaseStateView> {
        const outcome = await run.waitApplied(
          run.enqueue({
            type: "correctVariables",
            variables: raw.variables,
            actor: raw.actor,
            reason: raw.reason,
            at: run.now(),
          }),
        );
        if (!outcome.accepted) throw invalidCorrection(["case-not-running"]);
        return run.view();
      },
      /** Only variables the running case holds, never its identity and records. */
      validate(raw: CorrectVariablesInput): void {
        const parsed = correctionInput.safeParse(raw);
        if (!parsed.success) throw invalidCorrection(parsed.error.issues.map((i) => i.path.join(".") || i.message));
        if (run.state?.status !== "active") throw invalidCorrection(["case-not-running"]);
        const held = run.view().variables;
        const refused = Object.keys(parsed.data.variables).filter(
          (key) => !(key in held) || (UNCORRECTABLE_VARIABLES as readonly string[]).includes(key),
        );
        if (refused.length > 0) throw invalidCorrection(refused);
      },
    },
  };
}

/** A correction the case cannot take: the names (or reasons) refused, bilingual. */
function invalidCorrection(refused: string[]): ApplicationFailure {
  return refuse({
    code: "correction-refused",
    id: `Koreksi ditolak: ${refused.join(", ")} bukan data permohonan yang dapat dikoreksi (atau permohonan tidak berjalan).`,
    en: `Correction refused: ${refused.join(", ")} is not case data that can be corrected (or the case is not running).`,
    fields: refused,
  });
}
