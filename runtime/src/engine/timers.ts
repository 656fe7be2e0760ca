/**
 * When a timer fires: ISO 8601 durations, dates and cycles (literal or FEEL) and working-time
 * durations on the case's pinned business calendar. Pure date arithmetic on the event time.
 */
import { addWorkingDuration, CalendarError } from "@alur/shared/calendar";
import type { TimerDefinition, WorkingDuration } from "@alur/shared/plan";
import type { Variables } from "@alur/shared/schemas";
import type { Ctx } from "./context";
import type { Iso } from "./types";
import { feel } from "./variables";

export interface TimerSchedule {
  fireAt: Iso;
  /** For cycles: the ISO duration between firings and how many firings are left after this one (null: forever). */
  cycle: string | null;
  repeatsLeft: number | null;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

const DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Adds an ISO 8601 duration ("P3D", "PT4H", "P1M") to an instant; years and months are calendar months (UTC). */
export function addIsoDuration(from: Iso, duration: string): Outcome<Iso> {
  const match = DURATION.exec(duration.trim());
  const start = new Date(from);
  if (!match || duration.trim() === "P" || duration.trim().endsWith("T") || Number.isNaN(start.getTime())) {
    return { ok: false, error: `Invalid ISO 8601 duration "${duration}" (or instant "${from}")` };
  }
  const [y, mo, w, d, h, mi, s] = match.slice(1).map((part) => (part ? Number(part.replace(",", ".")) : 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const result = new Date(start.getTime());
  if (y || mo) result.setUTCMonth(result.getUTCMonth() + Math.trunc(y * 12 + mo));
  const ms = (((w * 7 + d) * 24 + h) * 60 + mi) * 60_000 + s * 1000;
  return { ok: true, value: new Date(result.getTime() + ms).toISOString() };
}

/** Adds working time on the case's calendar; calendar errors become an outcome, not a throw. */
export function addWorkingTime(ctx: Ctx, from: Iso, duration: WorkingDuration): Outcome<Iso> {
  try {
    return { ok: true, value: addWorkingDuration(ctx.state.calendar, from, duration) };
  } catch (error) {
    if (error instanceof CalendarError || error instanceof Error) return { ok: false, error: error.message };
    return { ok: false, error: String(error) };
  }
}

/** The first firing of a timer definition started at `from`. */
export function scheduleTimer(ctx: Ctx, timer: TimerDefinition, from: Iso, context: Variables): Outcome<TimerSchedule> {
  if (timer.type === "workingTime") {
    const due = addWorkingTime(ctx, from, timer.duration);
    return due.ok ? { ok: true, value: { fireAt: due.value, cycle: null, repeatsLeft: null } } : due;
  }
  const text = timerText(timer.value, context);
  if (!text.ok) return text;
  if (timer.type === "date") {
    const date = new Date(text.value);
    if (Number.isNaN(date.getTime())) return { ok: false, error: `Invalid timer date "${text.value}"` };
    return { ok: true, value: { fireAt: date.toISOString(), cycle: null, repeatsLeft: null } };
  }
  if (timer.type === "duration") {
    const due = addIsoDuration(from, text.value);
    return due.ok ? { ok: true, value: { fireAt: due.value, cycle: null, repeatsLeft: null } } : due;
  }
  return scheduleCycle(text.value, from);
}

/** "R3/P1D" fires three times a day apart; "R/PT1H" forever; "R2/2026-01-05T08:00:00+07:00/P1W" from a start date. */
function scheduleCycle(cycle: string, from: Iso): Outcome<TimerSchedule> {
  const parts = cycle.trim().split("/");
  const repeat = /^R(\d*)$/.exec(parts[0] ?? "");
  const interval = parts[parts.length - 1] ?? "";
  if (!repeat || parts.length < 2 || parts.length > 3) return { ok: false, error: `Invalid timer cycle "${cycle}"` };
  const total = repeat[1] === "" || repeat[1] === undefined ? null : Number(repeat[1]);
  if (total === 0) return { ok: false, error: `Timer cycle "${cycle}" never fires` };
  let fireAt: Outcome<Iso>;
  if (parts.length === 3) {
    const start = new Date(parts[1] ?? "");
    fireAt = Number.isNaN(start.getTime())
      ? { ok: false, error: `Invalid start date in timer cycle "${cycle}"` }
      : { ok: true, value: start.toISOString() };
  } else {
    fireAt = addIsoDuration(from, interval);
  }
  if (!fireAt.ok) return fireAt;
  return { ok: true, value: { fireAt: fireAt.value, cycle: interval, repeatsLeft: total === null ? null : total - 1 } };
}

function timerText(
  value: { kind: "literal"; value: string } | { kind: "feel"; source: string },
  context: Variables,
): Outcome<string> {
  if (value.kind === "literal") return { ok: true, value: value.value };
  const result = feel(value.source, context);
  if (!result.ok) return result;
  if (typeof result.value !== "string") return { ok: false, error: `Timer expression "${value.source}" is not a text` };
  return { ok: true, value: result.value };
}
