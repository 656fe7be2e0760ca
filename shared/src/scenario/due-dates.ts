/**
 * Due dates a scenario expects, computed on the district's business calendar, not taken from the
 * engine: a task's from when it opened, the case's from its start moved by every clock pause. Also
 * the pinned clock of a scenario run on the time-skipping server (`clockShift`, `shiftCalendar`).
 */
import { addWorkingDuration, type BusinessCalendar, workingTimeBetween } from "../calendar";
import { type WorkingDuration, WorkingTimeUnit } from "../plan";
import type { DueFact } from "./schema";

type SlaUnit = WorkingTimeUnit;
const UNITS: readonly SlaUnit[] = WorkingTimeUnit.options;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** `{ workingDays: 3 }` as a duration; a fact with no or several units is a broken scenario file. */
export function factDuration(fact: DueFact | Record<string, unknown>): WorkingDuration {
  const entries = Object.entries(fact);
  const [unit, value] = entries[0] ?? [];
  if (entries.length !== 1 || !UNITS.includes(unit as SlaUnit) || typeof value !== "number" || value < 0)
    throw new Error(`a due fact names one unit of ${UNITS.join(", ")} and an amount, not ${JSON.stringify(fact)}`);
  return { value, unit: unit as SlaUnit };
}

/** When a task that opened at `openedAt` is due under `fact` (null: no due date). */
export function expectedDue(calendar: BusinessCalendar, openedAt: number, fact: DueFact | null): number | null {
  return fact === null ? null : Date.parse(addWorkingDuration(calendar, openedAt, factDuration(fact)));
}

/**
 * The case due date: the completion time from the start, then moved by the working time of each
 * clock pause, in order, as the service standard's clock stops while the case waits on outsiders.
 */
export function expectedCaseDue(
  calendar: BusinessCalendar,
  startedAt: number,
  fact: DueFact | null,
  pauses: Array<{ from: number; to: number }>,
): number | null {
  let due = expectedDue(calendar, startedAt, fact);
  if (due === null) return null;
  for (const p of pauses) {
    const minutes = workingTimeBetween(calendar, p.from, p.to).minutes;
    if (minutes > 0) due = Date.parse(addWorkingDuration(calendar, due, { value: minutes / 60, unit: "workingHours" }));
  }
  return due;
}

function localDate(instant: number, utcOffsetMinutes: number): string {
  return new Date(instant + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * How far to move a scenario that starts at `startAt` so that it starts at or after `notBefore`
 * (the time-skipping server's clock starts at the current time and only moves forward): whole
 * weeks, so weekdays and office hours stay where they were. With `keepDates` (month arithmetic:
 * "1 bulan", "3 bulan") the move must also keep every date of the next `windowDays` days, i.e. go
 * to a year with the same calendar (same weekday on the same date, leap day or not).
 */
export function clockShift(
  startAt: number,
  notBefore: number,
  utcOffsetMinutes: number,
  keepDates: boolean,
  windowDays = 400,
): number {
  const first = Math.max(0, Math.ceil((notBefore - startAt) / WEEK_MS));
  const last = Math.ceil((Date.parse("2099-01-01T00:00:00Z") - startAt) / WEEK_MS);
  const sameDates = (shift: number) => {
    for (let d = 0; d <= windowDays; d++) {
      const t = startAt + d * DAY_MS;
      if (localDate(t, utcOffsetMinutes).slice(5) !== localDate(t + shift, utcOffsetMinutes).slice(5)) return false;
    }
    return true;
  };
  for (let k = first; k <= last; k++) {
    const shift = k * WEEK_MS;
    if (!keepDates || sameDates(shift)) return shift;
  }
  throw new Error(`no calendar-identical start for ${new Date(startAt).toISOString()} before 2099`);
}

/** The same calendar moved by `shift` (whole days): every holiday lands on the same weekday, `shift` later. */
export function shiftCalendar(calendar: BusinessCalendar, shift: number): BusinessCalendar {
  if (shift % DAY_MS !== 0) throw new Error(`shift ${shift} ms is not whole days`);
  const holidays = calendar.holidays.map((d) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + shift).toISOString().slice(0, 10),
  );
  return { ...calendar, holidays, years: [...new Set(holidays.map((d) => Number(d.slice(0, 4))))].sort() };
}

/** Days, hours, minutes and seconds of an ISO 8601 duration or of the period of a cycle ("R12/P30D", "PT72H"). */
export function isoMillis(expression: string): number {
  const period = expression.includes("/") ? expression.split("/").at(-1)! : expression;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(period);
  if (!m || period === "P" || period.endsWith("T"))
    throw new Error(`unsupported duration "${expression}" (use days, hours, minutes, seconds)`);
  return (((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60 + Number(m[4] ?? 0)) * 1000;
}
