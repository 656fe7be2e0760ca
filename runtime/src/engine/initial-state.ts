/** The state of a case before its start event: nothing runs yet, the calendar is pinned. */
import type { ExecutionPlan, WorkingDuration } from "@alur/shared/plan";
import type { CompletionTime } from "@alur/shared/schemas";
import { DEFAULT_MESSAGE_TTL } from "./messages";
import type { EngineState, InitialStateInput } from "./types";

/** Default bound on agenda steps per event; a model needs far fewer between two wait states. */
export const DEFAULT_MAX_STEPS_PER_EVENT = 10_000;

/** A fresh case state for a plan; apply a `start` event to run it. */
export function initialState(plan: ExecutionPlan, input: InitialStateInput): EngineState {
  return {
    stateVersion: 1,
    caseId: input.caseId,
    processId: plan.processId,
    status: "created",
    businessKey: null,
    seq: 0,
    startedAt: null,
    now: null,
    calendar: input.calendar,
    caseDue: input.caseDue ?? standardDue(plan.standard?.completionTime),
    caseDueAt: null,
    clock: { pausedBy: [], pausedAt: null, pausedMinutesTotal: 0 },
    instances: {},
    subscriptions: {},
    tasks: {},
    jobs: {},
    children: {},
    incidents: [],
    maxStepsPerEvent: input.maxStepsPerEvent ?? DEFAULT_MAX_STEPS_PER_EVENT,
    messages: [],
    messageTtl: input.messageTtl ?? DEFAULT_MESSAGE_TTL,
  };
}

/** The service standard's completion time as a due duration; a range counts to its upper bound. */
function standardDue(time: CompletionTime | undefined): WorkingDuration | null {
  if (!time) return null;
  const value = time.maxValue ?? time.value;
  if (time.unit === "years") return { value: value * 12, unit: "months" };
  return { value, unit: time.unit };
}
