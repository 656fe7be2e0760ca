import { describe, expect, it } from "vitest";
import { CalendarError } from "../business-calendar";
import {
  bundledCalendarData,
  type CalendarData,
  calendarFor,
  dateHolidaysNational,
  holidaysFor,
  listDistricts,
} from "./index";

describe("district data", () => {
  it("lists the seed districts, a WITA and a WIT district and the province of Jawa Barat", () => {
    const byCode = new Map(listDistricts().map((d) => [d.code, d]));
    expect(byCode.get("3216")?.name).toBe("Kabupaten Bekasi");
    expect(byCode.get("3211")?.name).toBe("Kabupaten Sumedang");
    expect(byCode.get("6207")?.timeZone).toBe("WIB");
    expect(byCode.get("32")?.level).toBe("province");
    expect([...byCode.values()].some((d) => d.timeZone === "WITA")).toBe(true);
    expect([...byCode.values()].some((d) => d.timeZone === "WIT")).toBe(true);
  });

  it("each SKB year has 17 national holidays; cuti bersama 2025 has 11 days (10 + 18 Aug), 2026 has 8", () => {
    const y2025 = bundledCalendarData.years.find((y) => y.year === 2025);
    const y2026 = bundledCalendarData.years.find((y) => y.year === 2026);
    expect(y2025?.nationalHolidays).toHaveLength(17);
    expect(y2025?.cutiBersama).toHaveLength(11);
    expect(y2026?.nationalHolidays).toHaveLength(17);
    expect(y2026?.cutiBersama).toHaveLength(8);
  });
});

describe("calendarFor", () => {
  it("builds a WIB calendar with SKB holidays and cuti bersama", () => {
    const cal = calendarFor("3216", [2025]);
    expect(cal.utcOffsetMinutes).toBe(420);
    expect(cal.officeHours).toEqual({ start: "08:00", end: "15:30" });
    expect(cal.holidays).toEqual(expect.arrayContaining(["2025-03-31", "2025-04-01", "2025-04-07", "2025-08-18"]));
    expect(cal.years).toEqual([2025]);
  });

  it("trusts the SKB over date-holidays where they disagree (Tahun Baru Islam 1447 H)", () => {
    // date-holidays computes 1 Muharam 1447 H as Thursday 26 June 2025; the SKB set Friday 27 June
    expect(dateHolidaysNational(2025).map((h) => h.date)).toContain("2025-06-26");
    const cal = calendarFor("3216", [2025]);
    expect(cal.holidays).not.toContain("2025-06-26");
    expect(cal.holidays).toContain("2025-06-27");
  });

  it("falls back to date-holidays for a year without SKB data", () => {
    const cal = calendarFor("3216", [2027]);
    expect(cal.holidays).toContain("2027-08-17");
    expect(cal.holidays).toContain("2027-12-25");
  });

  it("adds the district's local holidays for the requested years only", () => {
    const data: CalendarData = {
      ...bundledCalendarData,
      districts: bundledCalendarData.districts.map((d) =>
        d.code === "9171"
          ? { ...d, localHolidays: [{ date: "2026-02-05", name: "Hari Pekabaran Injil", source: "test fixture" }] }
          : d,
      ),
    };
    expect(calendarFor("9171", [2026], data).holidays).toContain("2026-02-05");
    expect(calendarFor("9171", [2025], data).holidays).not.toContain("2026-02-05");
    const entry = holidaysFor(data.districts.find((d) => d.code === "9171")!, 2026, data).find(
      (h) => h.date === "2026-02-05",
    );
    expect(entry?.kind).toBe("local");
  });

  it("an unknown district is a CalendarError with a bilingual message", () => {
    expect(() => calendarFor("9999", [2025])).toThrow(CalendarError);
    try {
      calendarFor("9999", [2025]);
    } catch (error) {
      expect((error as CalendarError).messages.id).toContain("tidak dikenal");
    }
  });
});
