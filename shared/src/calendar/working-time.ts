/**
 * Working-time maths on a BusinessCalendar ("hari kerja", "jam kerja"). Pure and deterministic:
 * safe in the engine and in Temporal workflow code. The counting convention is in README.md.
 */
import type { WorkingDuration } from "../plan";
import { type BusinessCalendar, CalendarError } from "./business-calendar";
import { clockMinutes, DAY_MS, localParts, MINUTE_MS, parseInstant } from "./local-time";

/** No office is closed this long; a longer search means the calendar data is broken. */
const MAX_SEARCH_DAYS = 3660;

const holidaySets = new WeakMap<BusinessCalendar, Set<string>>();

function holidaySet(calendar: BusinessCalendar): Set<string> {
  let set = holidaySets.get(calendar);
  if (!set) {
    set = new Set(calendar.holidays);
    holidaySets.set(calendar, set);
  }
  return set;
}

/** Whether a local date (YYYY-MM-DD) is a working day: a working weekday and not a holiday. */
export function isWorkingDay(calendar: BusinessCalendar, date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  return calendar.workingWeekdays.includes(weekday) && !holidaySet(calendar).has(date);
}

interface OfficeDay {
  /** Epoch ms when the office opens and closes that day. */
  open: number;
  close: number;
}

function officeDayAt(calendar: BusinessCalendar, midnight: number): OfficeDay {
  return {
    open: midnight + clockMinutes(calendar.officeHours.start) * MINUTE_MS,
    close: midnight + clockMinutes(calendar.officeHours.end) * MINUTE_MS,
  };
}

/** The office day on which `instant` falls, if that day is a working day. */
function workingDayOf(calendar: BusinessCalendar, instant: number): OfficeDay | null {
  const parts = localParts(instant, calendar.utcOffsetMinutes);
  return isWorkingDay(calendar, parts.date) ? officeDayAt(calendar, parts.midnight) : null;
}

/** The first working day strictly after the local day of `instant`. */
function nextWorkingDay(calendar: BusinessCalendar, instant: number): OfficeDay {
  let midnight = localParts(instant, calendar.utcOffsetMinutes).midnight;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    midnight += DAY_MS;
    const parts = localParts(midnight, calendar.utcOffsetMinutes);
    if (isWorkingDay(calendar, parts.date)) return officeDayAt(calendar, parts.midnight);
  }
  throw new CalendarError({
    id: `Kalender ${calendar.district} tidak memiliki hari kerja dalam ${MAX_SEARCH_DAYS} hari.`,
    en: `Calendar ${calendar.district} has no working day within ${MAX_SEARCH_DAYS} days.`,
  });
}

/**
 * When a request arriving at `instant` counts as received: the instant itself during office
 * hours, opening time if it arrives before opening on a working day, else the next working
 * day's opening.
 */
export function receivedAt(calendar: BusinessCalendar, instant: number | string): number {
  const t = toMs(calendar, instant);
  const day = workingDayOf(calendar, t);
  if (day && t < day.close) return Math.max(t, day.open);
  return nextWorkingDay(calendar, t).open;
}

/** Adds working minutes, counted only inside office hours on working days. */
function addWorkingMinutes(calendar: BusinessCalendar, from: number, minutes: number): number {
  let t = receivedAt(calendar, from);
  let left = minutes;
  for (let i = 0; i < MAX_SEARCH_DAYS * 2; i++) {
    const day = workingDayOf(calendar, t) ?? nextWorkingDay(calendar, t);
    const start = Math.max(t, day.open);
    const room = (day.close - start) / MINUTE_MS;
    if (left <= room) return start + Math.round(left * MINUTE_MS);
    left -= room;
    t = nextWorkingDay(calendar, day.open).open;
  }
  throw new CalendarError({
    id: "Durasi kerja terlalu besar.",
    en: "Working duration too large.",
  });
}

/**
 * N working days after the day a request is received: the receipt day itself does not count;
 * the result is closing time of the N-th working day after it. Fractions round up.
 */
function addWorkingDays(calendar: BusinessCalendar, from: number, days: number): number {
  const whole = Math.ceil(days);
  let day = officeDayAtInstant(calendar, receivedAt(calendar, from));
  for (let i = 0; i < whole; i++) day = nextWorkingDay(calendar, day.open);
  return day.close;
}

function officeDayAtInstant(calendar: BusinessCalendar, instant: number): OfficeDay {
  return officeDayAt(calendar, localParts(instant, calendar.utcOffsetMinutes).midnight);
}

/** Calendar months in the office's zone; the 31st plus one month is the last day of the next month. */
function addMonths(calendar: BusinessCalendar, from: number, months: number): number {
  const wall = new Date(from + calendar.utcOffsetMinutes * MINUTE_MS);
  const whole = Math.trunc(months);
  const y = wall.getUTCFullYear();
  const m = wall.getUTCMonth() + whole;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const target = Date.UTC(
    y,
    m,
    Math.min(wall.getUTCDate(), lastDay),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
  );
  // A fractional month counts as 30 days per month, the usual administrative reading.
  return target - calendar.utcOffsetMinutes * MINUTE_MS + (months - whole) * 30 * DAY_MS;
}

function toMs(calendar: BusinessCalendar, instant: number | string): number {
  return typeof instant === "number" ? instant : parseInstant(instant, calendar.utcOffsetMinutes);
}

/**
 * The instant a (working) duration after `from` ends, as an ISO string in UTC.
 * minutes/hours/calendarDays are elapsed time; months are calendar months in the office's zone;
 * workingHours count office hours only; workingDays follow the receipt-day convention.
 */
export function addWorkingDuration(
  calendar: BusinessCalendar,
  from: string | number,
  duration: WorkingDuration,
): string {
  const t = toMs(calendar, from);
  const { value, unit } = duration;
  if (!Number.isFinite(value) || value < 0) {
    throw new CalendarError({
      id: `Durasi tidak valid: ${value}.`,
      en: `Invalid duration: ${value}.`,
    });
  }
  if (value === 0) return new Date(t).toISOString();
  switch (unit) {
    case "minutes":
      return new Date(t + value * MINUTE_MS).toISOString();
    case "hours":
      return new Date(t + value * 60 * MINUTE_MS).toISOString();
    case "calendarDays":
      return new Date(t + value * DAY_MS).toISOString();
    case "months":
      return new Date(addMonths(calendar, t, value)).toISOString();
    case "workingHours":
      return new Date(addWorkingMinutes(calendar, t, value * 60)).toISOString();
    case "workingDays":
      return new Date(addWorkingDays(calendar, t, value)).toISOString();
  }
}

/** Length of one office day in minutes (08:00–15:30 is 450). */
export function officeDayMinutes(calendar: BusinessCalendar): number {
  return clockMinutes(calendar.officeHours.end) - clockMinutes(calendar.officeHours.start);
}

/**
 * Working time between two instants: office minutes on working days within [from, to], and the
 * same as a fraction of office days. Negative when `to` is before `from`. Used to move due dates
 * by the time a clock-pausing wait took.
 */
export function workingTimeBetween(
  calendar: BusinessCalendar,
  from: string | number,
  to: string | number,
): { minutes: number; workingDays: number } {
  const a = toMs(calendar, from);
  const b = toMs(calendar, to);
  if (b < a) {
    const reverse = workingTimeBetween(calendar, b, a);
    return { minutes: -reverse.minutes, workingDays: -reverse.workingDays };
  }
  let total = 0;
  let midnight = localParts(a, calendar.utcOffsetMinutes).midnight;
  while (midnight <= b) {
    const parts = localParts(midnight, calendar.utcOffsetMinutes);
    if (isWorkingDay(calendar, parts.date)) {
      const day = officeDayAt(calendar, parts.midnight);
      const overlap = Math.min(b, day.close) - Math.max(a, day.open);
      if (overlap > 0) total += overlap;
    }
    midnight += DAY_MS;
  }
  const minutes = total / MINUTE_MS;
  return { minutes, workingDays: minutes / officeDayMinutes(calendar) };
}
