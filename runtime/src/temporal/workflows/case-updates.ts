/**
 * The workflow's updates: what each does to a `CaseRun` and the validator that refuses it before
 * it enters history. Every validator parses its argument with the update's schema from
 * `@alur/shared/schemas` (built per case: a frozen shared zod schema cannot parse), then checks it
 * against the case. Validators do not run on replay, so recorded histories are unaffected by them.
 * Rejections are non-retryable ApplicationFailures carrying `{code, id, en}` for the API.
 */
import { messageNotAllowed, refusedMessageKeys } from "@alur/shared/message-payload";
import {
  type CaseHoldInput,
  type CaseStateView,
  type CompleteTaskInput,
  type CorrectVariablesInput,
  caseHoldSchema,
  correctVariablesSchema,
  type MessageDelivery,
  type MessageInput,
  messageInputSchema,
  migrateCaseSchema,
  type RetryIncidentInput,
  retryIncidentInputSchema,
  UNCORRECTABLE_VARIABLES,
} from "@alur/shared/schemas";
import { ApplicationFailure, condition } from "@temporalio/workflow";
import { type MigrationBlocker, type MigrationResult, migrateState } from "../../engine/migration";
import { checkCompletion } from "../../engine/task-completion";
import { type MigrateCaseInput, unknownIncidentRejection } from "../definitions";
import type { Applied, CaseRun } from "./case-run";
import { execute } from "./commands";
import { store } from "./store-activities";

/** A bilingual refusal with its stable code and any details (refused fields). */
type Refusal = { code: string; id: string; en: string; fields?: string[] };

function refuse(reason: Refusal): ApplicationFailure {
  return ApplicationFailure.create({ type: reason.code, message: reason.en, details: [reason], nonRetryable: true });
}

function invalidInput(id: string, en: string): ApplicationFailure {
  return refuse({ code: "invalid-input", id, en });
}

export type CaseUpdates = ReturnType<typeof caseUpdates>;

/** The updates of one case run: `run` applies the update, `validate` refuses it first. */
export function caseUpdates(run: CaseRun) {
  const messageInput = messageInputSchema();
  const retryInput = retryIncidentInputSchema();
  const correctionInput = correctVariablesSchema();
  const holdInput = caseHoldSchema();
  const migrationInput = migrateCaseSchema();

  /** A suspend or resume: the engine records who and why, and pauses or restarts the clock. */
  const hold = (type: "suspend" | "resume") => ({
    async run(raw: CaseHoldInput): Promise<CaseStateView> {
      const outcome = await run.waitApplied(run.enqueue({ type, reason: raw.reason, actor: raw.actor, at: run.now() }));
      // Only a case that ended (or changed) between validation and application gets here.
      if (!outcome.accepted) throw holdRefused(type, run);
      return run.view();
    },
    validate(raw: CaseHoldInput): void {
      if (!holdInput.safeParse(raw).success) {
        throw invalidInput(
          "Penangguhan memerlukan pelaku dan alasan (5–1000 karakter).",
          "A suspension needs an actor and a reason (5–1000 characters).",
        );
      }
      const { state } = run;
      if (state?.status !== "active" || (type === "suspend") === (state.suspension !== undefined)) {
        throw holdRefused(type, run);
      }
    },
  });

  /** What migrating now would say: the engine's blockers, or those of the input and the run. */
  const migration = (raw: MigrateCaseInput): MigrationResult => {
    const parsed = migrationInput.safeParse(raw);
    const blocked = (code: MigrationBlocker["code"], id: string, en: string): MigrationResult => ({
      ok: false,
      blockers: [{ code, elementId: null, id, en }],
    });
    if (!parsed.success) return blocked("invalid-input", "Data migrasi tidak valid.", "Invalid migration input.");
    if (run.isChild) {
      return blocked(
        "called-case",
        "Permohonan turunan berpindah bersama permohonan pemanggilnya.",
        "A called case moves with its calling case.",
      );
    }
    if (raw.fromPlanHash !== run.planHash) {
      return blocked(
        "version-changed",
        "Permohonan tidak berjalan pada versi asal (mungkin sudah dipindahkan).",
        "The case does not run on the source version (it may have moved already).",
      );
    }
    if (!run.state) return blocked("case-not-running", "Permohonan belum dimulai.", "The case has not started.");
    return migrateState(run.state, {
      from: run.plan,
      to: raw.plan,
      ...(raw.mapping ? { mapping: raw.mapping } : {}),
      fromVersion: raw.fromVersion,
      toVersion: raw.toVersion,
      actor: raw.actor,
      at: run.now(),
    });
  };

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

    suspend: hold("suspend"),
    resume: hold("resume"),

    migrate: {
      /**
       * Swaps the plan between two events (never while the loop applies one), then writes what
       * changed: the case row's version and renamed task rows (one store activity), the timeline.
       * Tasks, timers, jobs and called cases keep running under their ids.
       */
      async run(raw: MigrateCaseInput): Promise<CaseStateView> {
        await condition(() => run.queue.length === 0 && !run.applying);
        const result = migration(raw);
        // the case changed between validation and now (e.g. a timer moved it on)
        if (!result.ok) throw migrationRefused(result.blockers);
        run.swapPlan(raw.plan, raw.planHash, result.state);
        await store.migrateCase({
          caseId: run.caseId,
          processVersionId: raw.processVersionId,
          tasks: result.tasks.map((t) => ({ ...t, taskId: run.taskIds.storeId(t.taskId) })),
        });
        await execute(run, result.commands);
        return run.view();
      },
      validate(raw: MigrateCaseInput): void {
        const result = migration(raw);
        if (!result.ok) throw migrationRefused(result.blockers);
      },
      /** The dry run: the blockers, none when the case can move. */
      check(raw: MigrateCaseInput): MigrationBlocker[] {
        const result = migration(raw);
        return result.ok ? [] : result.blockers;
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

/** A suspension of a case that is not running or already suspended; a resume of one that is not. */
function holdRefused(type: "suspend" | "resume", run: CaseRun): ApplicationFailure {
  if (run.state?.status !== "active") {
    return refuse({
      code: "case-not-running",
      id: "Permohonan ini tidak sedang berjalan.",
      en: "This case is not running.",
    });
  }
  return type === "suspend"
    ? refuse({
        code: "case-already-suspended",
        id: "Permohonan ini sudah ditangguhkan.",
        en: "This case is already suspended.",
      })
    : refuse({
        code: "case-not-suspended",
        id: "Permohonan ini tidak sedang ditangguhkan.",
        en: "This case is not suspended.",
      });
}

/** A migration the case cannot take, with every reason (the API reports them per case). */
function migrationRefused(blockers: MigrationBlocker[]): ApplicationFailure {
  return ApplicationFailure.create({
    type: "migration-blocked",
    message: blockers.map((b) => b.en).join(" "),
    details: [{ code: "migration-blocked", blockers }],
    nonRetryable: true,
  });
}
