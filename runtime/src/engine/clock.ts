/**
 * The service-standard clock: it stops while the case waits on someone outside the office
 * (elements with pausesClock) and the case due date moves by the working time the wait took.
 */
import { workingTimeBetween } from "@alur/shared/calendar";
import { type Ctx, raiseIncident, record } from "./context";
import { addWorkingTime } from "./timers";
import type { ElementInstance } from "./types";

/** Starts a pause for an instance; the clock stops with the first pausing element. */
export function pauseClock(ctx: Ctx, instance: ElementInstance): void {
  pauseClockBy(ctx, instance.id, instance.elementId);
}

/** Starts a pause by `id` (an element instance, or a suspension of the whole case). */
export function pauseClockBy(ctx: Ctx, id: string, elementId: string | null): void {
  const clock = ctx.state.clock;
  if (clock.pausedBy.includes(id)) return;
  clock.pausedBy.push(id);
  if (clock.pausedBy.length > 1) return;
  clock.pausedAt = ctx.at;
  record(ctx, "clockPaused", elementId, { elementInstanceId: id, caseDueAt: ctx.state.caseDueAt });
}

/** Ends an instance's pause; when the last pause ends, the case due date moves by the paused working time. */
export function resumeClock(ctx: Ctx, instanceId: string): void {
  const clock = ctx.state.clock;
  const index = clock.pausedBy.indexOf(instanceId);
  if (index < 0) return;
  clock.pausedBy.splice(index, 1);
  if (clock.pausedBy.length > 0 || clock.pausedAt === null) return;
  const pausedAt = clock.pausedAt;
  clock.pausedAt = null;
  let pausedMinutes = 0;
  try {
    pausedMinutes = workingTimeBetween(ctx.state.calendar, pausedAt, ctx.at).minutes;
  } catch (error) {
    raiseIncident(ctx, null, null, "calendar-error", error instanceof Error ? error.message : String(error));
  }
  clock.pausedMinutesTotal += pausedMinutes;
  if (ctx.state.caseDueAt && pausedMinutes > 0) {
    const moved = addWorkingTime(ctx, ctx.state.caseDueAt, { value: pausedMinutes / 60, unit: "workingHours" });
    if (moved.ok) ctx.state.caseDueAt = moved.value;
    else raiseIncident(ctx, null, null, "calendar-error", moved.error);
  }
  const elementId = ctx.state.instances[instanceId]?.elementId ?? null;
  record(ctx, "clockResumed", elementId, {
    elementInstanceId: instanceId,
    pausedSince: pausedAt,
    pausedWorkingMinutes: pausedMinutes,
    caseDueAt: ctx.state.caseDueAt,
  });
}
