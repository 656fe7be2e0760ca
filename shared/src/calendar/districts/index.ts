/**
 * Builds a district's BusinessCalendar from data: national holidays and cuti bersama per year
 * (the SKB 3 Menteri in data/cuti-bersama-YYYY.json, authoritative where present; date-holidays
 * for years without an SKB file), plus the district's own holidays and office hours.
 * Not for workflow code (date-holidays is large): the workflow receives the built calendar.
 */
import Holidays from "date-holidays";
import { z } from "zod";
import { BusinessCalendar, CalendarError, OfficeHours, TIME_ZONES, TimeZoneName } from "../business-calendar";
import skb2025 from "../data/cuti-bersama-2025.json";
import skb2026 from "../data/cuti-bersama-2026.json";
import districtsData from "../data/districts.json";

const NamedDate = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), name: z.string() });
export type NamedDate = z.infer<typeof NamedDate>;

export const District = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  province: z.string().nullable(),
  level: z.enum(["national", "province", "district"]),
  timeZone: TimeZoneName,
  officeHours: OfficeHours,
  officeHoursSource: z.string().optional(),
  localHolidays: z.array(NamedDate.extend({ source: z.string().optional() })).default([]),
});
export type District = z.infer<typeof District>;

export const YearHolidays = z.object({
  year: z.number().int(),
  source: z.object({ title: z.string(), numbers: z.array(z.string()) }).passthrough(),
  nationalHolidays: z.array(NamedDate),
  cutiBersama: z.array(NamedDate),
});
export type YearHolidays = z.infer<typeof YearHolidays>;

export interface CalendarData {
  districts: District[];
  years: YearHolidays[];
}

/** The data shipped in shared/src/calendar/data, validated once. */
export const bundledCalendarData: CalendarData = {
  districts: z.array(District).parse(districtsData.districts),
  years: z.array(YearHolidays).parse([skb2025, skb2026]),
};

/** All known districts, provinces and the national level, ordered by code. */
export function listDistricts(data: CalendarData = bundledCalendarData): District[] {
  return [...data.districts].sort((a, b) => a.code.localeCompare(b.code));
}

export function findDistrict(code: string, data: CalendarData = bundledCalendarData): District | undefined {
  return data.districts.find((d) => d.code === code);
}

/** A holiday with where it comes from, for display and audit. */
export interface HolidayEntry extends NamedDate {
  kind: "national" | "cutiBersama" | "local";
  source: string;
}

/** The holidays of one district and year, with their sources. */
export function holidaysFor(
  district: District,
  year: number,
  data: CalendarData = bundledCalendarData,
): HolidayEntry[] {
  const skb = data.years.find((y) => y.year === year);
  const entries: HolidayEntry[] = skb
    ? [
        ...skb.nationalHolidays.map((h) => ({ ...h, kind: "national" as const, source: skb.source.title })),
        ...skb.cutiBersama.map((h) => ({ ...h, kind: "cutiBersama" as const, source: skb.source.title })),
      ]
    : dateHolidaysNational(year).map((h) => ({ ...h, kind: "national" as const, source: "date-holidays (ID)" }));
  for (const h of district.localHolidays) {
    if (h.date.startsWith(`${year}-`)) entries.push({ ...h, kind: "local", source: h.source ?? district.name });
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}

/** Indonesian public holidays as the date-holidays package computes them (country ID). */
export function dateHolidaysNational(year: number): NamedDate[] {
  const hd = new Holidays("ID");
  return hd
    .getHolidays(year)
    .filter((h) => h.type === "public")
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
}

/**
 * The business calendar of a district for the given years. Throws a CalendarError with a
 * bilingual message for an unknown district code.
 */
export function calendarFor(code: string, years: number[], data: CalendarData = bundledCalendarData): BusinessCalendar {
  const district = findDistrict(code, data);
  if (!district) {
    throw new CalendarError({
      id: `Kode wilayah "${code}" tidak dikenal. Lihat \`alur districts\`.`,
      en: `Unknown district code "${code}". See \`alur districts\`.`,
    });
  }
  const sortedYears = [...new Set(years)].sort((a, b) => a - b);
  const holidays = new Set<string>();
  for (const year of sortedYears) for (const h of holidaysFor(district, year, data)) holidays.add(h.date);
  return BusinessCalendar.parse({
    district: district.code,
    utcOffsetMinutes: TIME_ZONES[district.timeZone],
    officeHours: district.officeHours,
    workingWeekdays: [1, 2, 3, 4, 5],
    holidays: [...holidays].sort(),
    years: sortedYears,
  });
}
