/**
 * The business calendar: plain JSON, built once per case (calendarFor) and pinned in the
 * workflow input, so every due date of a case is computed from the same data on replay.
 */
import { z } from "zod";

/** Indonesian time zones have fixed offsets and no daylight saving time. */
export const TIME_ZONES = { WIB: 420, WITA: 480, WIT: 540 } as const;
export const TimeZoneName = z.enum(["WIB", "WITA", "WIT"]);
export type TimeZoneName = z.infer<typeof TimeZoneName>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

export const OfficeHours = z
  .object({ start: ClockTime, end: ClockTime })
  .refine((h) => h.start < h.end, { message: "office hours must end after they start" });
export type OfficeHours = z.infer<typeof OfficeHours>;

export const BusinessCalendar = z.object({
  /** District (or province/national) code the calendar was built for, e.g. "3216". */
  district: z.string().min(1),
  /** Offset from UTC in minutes: WIB 420, WITA 480, WIT 540. */
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  officeHours: OfficeHours.default({ start: "08:00", end: "15:30" }),
  /** ISO weekdays that are working days (1 = Monday ... 7 = Sunday). */
  workingWeekdays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
  /** Non-working dates in the office's own time zone: public holidays, cuti bersama, local holidays. */
  holidays: z.array(IsoDate).default([]),
  /** Years whose holidays are included; beyond them only weekends are known. */
  years: z.array(z.number().int()).default([]),
});
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;
export type BusinessCalendarInput = z.input<typeof BusinessCalendar>;

/** A user-facing message in Bahasa Indonesia and English. */
export interface CalendarMessage {
  id: string;
  en: string;
}

/** Thrown for input no calendar can interpret (a malformed date); carries a bilingual message. */
export class CalendarError extends Error {
  readonly messages: CalendarMessage;
  constructor(messages: CalendarMessage) {
    super(messages.en);
    this.name = "CalendarError";
    this.messages = messages;
  }
}
