/**
 * Instants and office-local wall time under a fixed UTC offset. Pure arithmetic on epoch
 * milliseconds (no Intl, no host time zone), so it runs identically in the Temporal sandbox.
 */
import { CalendarError } from "./business-calendar";

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses an ISO 8601 date or date-time to epoch ms. Without an offset the wall time is read in
 * the office's zone (`utcOffsetMinutes`), so "2025-03-24T10:00" means 10:00 at the office.
 */
export function parseInstant(text: string, utcOffsetMinutes: number): number {
  const m = ISO.exec(text.trim());
  if (!m) throw invalid(text);
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0", zone] = m;
  const ms = Number(`0.${frac}`) * 1000;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.floor(ms));
  const check = new Date(wall);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23) {
    throw invalid(text);
  }
  return wall - zoneOffset(zone, utcOffsetMinutes) * MINUTE_MS;
}

function zoneOffset(zone: string | undefined, fallback: number): number {
  if (!zone) return fallback;
  if (zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0"));
}

function invalid(text: string): CalendarError {
  return new CalendarError({
    id: `Tanggal/waktu tidak valid: "${text}" (gunakan ISO 8601, mis. 2025-03-24T10:00:00+07:00).`,
    en: `Invalid date/time: "${text}" (use ISO 8601, e.g. 2025-03-24T10:00:00+07:00).`,
  });
}

/** Office-local wall time of an instant, as the parts the calendar reasons about. */
export interface LocalParts {
  /** YYYY-MM-DD in the office's zone. */
  date: string;
  /** ISO weekday, 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight. */
  minuteOfDay: number;
  /** Epoch ms of local midnight of that date. */
  midnight: number;
}

export function localParts(instant: number, utcOffsetMinutes: number): LocalParts {
  const wall = instant + utcOffsetMinutes * MINUTE_MS;
  const wallMidnight = Math.floor(wall / DAY_MS) * DAY_MS;
  const d = new Date(wallMidnight);
  const day = d.getUTCDay();
  return {
    date: d.toISOString().slice(0, 10),
    weekday: day === 0 ? 7 : day,
    minuteOfDay: Math.floor((wall - wallMidnight) / MINUTE_MS),
    midnight: wallMidnight - utcOffsetMinutes * MINUTE_MS,
  };
}

/** "08:00" → 480. */
export function clockMinutes(hhmm: string): number {
  const [h = "0", m = "0"] = hhmm.split(":");
  return Number(h) * 60 + Number(m);
}

/** Formats an instant as ISO 8601 with the office's offset, e.g. 2025-04-23T15:30:00+07:00. */
export function formatLocal(instant: number | string, utcOffsetMinutes: number): string {
  const ms = typeof instant === "number" ? instant : parseInstant(instant, utcOffsetMinutes);
  const wall = new Date(ms + utcOffsetMinutes * MINUTE_MS).toISOString().slice(0, 19);
  const sign = utcOffsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(utcOffsetMinutes);
  return `${wall}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
