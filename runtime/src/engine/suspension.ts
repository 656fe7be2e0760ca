/**
 * Suspending a case (a supervisor's hold: a complaint under review, a court order). While
 * suspended its tasks cannot be completed and nothing new correlates (messages, signals, retries
 * are refused); a timer that comes due is held and fires when the case resumes. Jobs and called
 * cases already running finish, and their results are taken (they were started before the hold).
 *
 * The service-standard clock: a suspension is a pause, like a step that waits on the applicant
 * (clock.ts). The case due date moves by the working time the suspension took; step SLA timers are
 * not moved, a breach that came due meanwhile is raised at resume.
 */
import { pauseClockBy, resumeClock } from "./clock";
import { type Ctx, record } from "./context";
import type { EngineEvent } from "./types";

/** The clock's pause entry of a suspension (an element instance id can never be this). */
export const SUSPENSION_PAUSE = "suspension";

/** Events a suspended case refuses; everything else (running work reporting back) is taken. */
const REFUSED_WHILE_SUSPENDED: ReadonlySet<EngineEvent["type"]> = new Set([
  "taskCompleted",
  "messageReceived",
  "signal",
  "retryIncident",
  "childSubscribed",
]);

export function refusedWhileSuspended(ctx: Ctx, event: EngineEvent): boolean {
  return ctx.state.suspension !== undefined && REFUSED_WHILE_SUSPENDED.has(event.type);
}

/** A timer that came due while suspended is held until resume; true when it was held. */
export function holdTimer(ctx: Ctx, timerId: string): boolean {
  const suspension = ctx.state.suspension;
  if (!suspension) return false;
  suspension.heldTimers.push(timerId);
  return true;
}

export function suspend(ctx: Ctx, event: Extract<EngineEvent, { type: "suspend" }>): boolean {
  if (ctx.state.suspension) return false;
  ctx.state.suspension = { since: event.at, reason: event.reason, by: event.actor.userId, heldTimers: [] };
  record(ctx, "caseSuspended", null, {
    reason: event.reason,
    actor: event.actor.userId,
    ...(event.actor.displayName ? { authorName: event.actor.displayName } : {}),
  });
  pauseClockBy(ctx, SUSPENSION_PAUSE, null);
  return true;
}

/** Ends the suspension; returns the timers held meanwhile, for the step to fire now, in order. */
export function resume(ctx: Ctx, event: Extract<EngineEvent, { type: "resume" }>): string[] | null {
  const suspension = ctx.state.suspension;
  if (!suspension) return null;
  delete ctx.state.suspension;
  record(ctx, "caseResumed", null, {
    reason: event.reason,
    actor: event.actor.userId,
    suspendedSince: suspension.since,
    ...(event.actor.displayName ? { authorName: event.actor.displayName } : {}),
  });
  resumeClock(ctx, SUSPENSION_PAUSE);
  return suspension.heldTimers;
}
