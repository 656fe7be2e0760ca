import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BusinessCalendar, CalendarError } from "./business-calendar";
import { calendarFor } from "./districts";
import { formatLocal } from "./local-time";
import { addWorkingDuration, isWorkingDay, receivedAt, workingTimeBetween } from "./working-time";

const bekasi = calendarFor("3216", [2025, 2026]);
const makassar = calendarFor("7371", [2025, 2026]);
const jayapura = calendarFor("9171", [2025, 2026]);
const plain = BusinessCalendar.parse({ district: "test", utcOffsetMinutes: 420 });

const local = (cal: BusinessCalendar, iso: string) => formatLocal(iso, cal.utcOffsetMinutes);

describe("addWorkingDuration: working days", () => {
  it("a 14-working-day SLA spanning Nyepi, Idul Fitri 1446 H and its cuti bersama lands on 23 April 2025", () => {
    // given a request on Monday 24 March 2025, 10:00 WIB in Bekasi
    // when 14 working days are added (28 Mar cuti Nyepi, 31 Mar-1 Apr Idul Fitri, 2-4 and 7 Apr
    // cuti bersama, 18 Apr Good Friday are skipped; the arrival day does not count)
    const due = addWorkingDuration(bekasi, "2025-03-24T10:00:00+07:00", { value: 14, unit: "workingDays" });
    // then it is due at closing time of Wednesday 23 April
    expect(local(bekasi, due)).toBe("2025-04-23T15:30:00+07:00");
    expect(due).toBe("2025-04-23T08:30:00.000Z");
  });

  it("the arrival day does not count; weekends are skipped", () => {
    // Friday 7 Nov 2025 → Mon 1, Tue 2, Wed 3
    const due = addWorkingDuration(bekasi, "2025-11-07T09:00:00+07:00", { value: 3, unit: "workingDays" });
    expect(local(bekasi, due)).toBe("2025-11-12T15:30:00+07:00");
  });

  it("a request after office hours is received the next working day", () => {
    // Friday 15:45 is after closing: received Monday 08:00, so Monday is the arrival day
    const due = addWorkingDuration(bekasi, "2025-11-07T15:45:00+07:00", { value: 1, unit: "workingDays" });
    expect(local(bekasi, due)).toBe("2025-11-11T15:30:00+07:00");
    expect(local(bekasi, new Date(receivedAt(bekasi, "2025-11-07T15:45:00+07:00")).toISOString())).toBe(
      "2025-11-10T08:00:00+07:00",
    );
  });

  it("a request on a Saturday is received Monday 08:00", () => {
    const due = addWorkingDuration(bekasi, "2025-11-08T10:00:00+07:00", { value: 2, unit: "workingDays" });
    expect(local(bekasi, due)).toBe("2025-11-12T15:30:00+07:00");
  });

  it("fractional working days round up", () => {
    const a = addWorkingDuration(bekasi, "2025-11-10T09:00:00+07:00", { value: 1.5, unit: "workingDays" });
    const b = addWorkingDuration(bekasi, "2025-11-10T09:00:00+07:00", { value: 2, unit: "workingDays" });
    expect(a).toBe(b);
  });

  it("counts in the office's own zone: WITA and WIT", () => {
    // 23:30 UTC Monday is Tuesday 07:30 WITA and 08:30 WIT
    const from = "2025-11-10T23:30:00Z";
    expect(local(makassar, addWorkingDuration(makassar, from, { value: 1, unit: "workingDays" }))).toBe(
      "2025-11-12T15:30:00+08:00",
    );
    expect(local(jayapura, addWorkingDuration(jayapura, from, { value: 1, unit: "workingHours" }))).toBe(
      "2025-11-11T09:30:00+09:00",
    );
    // the same instant is Monday evening in WIB: received Tuesday 08:00 WIB
    expect(local(bekasi, addWorkingDuration(bekasi, from, { value: 1, unit: "workingHours" }))).toBe(
      "2025-11-11T09:00:00+07:00",
    );
  });

  it("2026: Idul Fitri 1447 H and cuti bersama 18-24 March are skipped", () => {
    // Tuesday 17 March 2026: next working days are 25, 26, 27 March
    const due = addWorkingDuration(bekasi, "2026-03-17T10:00:00+07:00", { value: 3, unit: "workingDays" });
    expect(local(bekasi, due)).toBe("2026-03-27T15:30:00+07:00");
  });
});

describe("addWorkingDuration: working hours", () => {
  it("counts office hours only and carries over to the next working day", () => {
    // 14:30 + 3 working hours: 1 h on Friday, 2 h from Monday 08:00
    const due = addWorkingDuration(bekasi, "2025-11-07T14:30:00+07:00", { value: 3, unit: "workingHours" });
    expect(local(bekasi, due)).toBe("2025-11-10T10:00:00+07:00");
  });

  it("ends exactly at closing time rather than at the next opening", () => {
    const due = addWorkingDuration(bekasi, "2025-11-10T08:00:00+07:00", { value: 7.5, unit: "workingHours" });
    expect(local(bekasi, due)).toBe("2025-11-10T15:30:00+07:00");
  });

  it("a request before opening starts at opening", () => {
    const due = addWorkingDuration(bekasi, "2025-11-10T06:00:00+07:00", { value: 1, unit: "workingHours" });
    expect(local(bekasi, due)).toBe("2025-11-10T09:00:00+07:00");
  });
});

describe("addWorkingDuration: elapsed units", () => {
  it("minutes and hours are elapsed time, outside office hours too", () => {
    expect(addWorkingDuration(bekasi, "2025-11-07T15:25:00+07:00", { value: 10, unit: "minutes" })).toBe(
      "2025-11-07T08:35:00.000Z",
    );
    expect(addWorkingDuration(bekasi, "2025-11-07T15:25:00+07:00", { value: 72, unit: "hours" })).toBe(
      "2025-11-10T08:25:00.000Z",
    );
  });

  it("months are calendar months in the office's zone, clamped to the month's end", () => {
    expect(local(bekasi, addWorkingDuration(bekasi, "2025-01-31T10:00:00+07:00", { value: 1, unit: "months" }))).toBe(
      "2025-02-28T10:00:00+07:00",
    );
    expect(local(bekasi, addWorkingDuration(bekasi, "2025-03-24T10:00:00+07:00", { value: 12, unit: "months" }))).toBe(
      "2026-03-24T10:00:00+07:00",
    );
  });

  it("calendar days ignore holidays", () => {
    expect(addWorkingDuration(bekasi, "2025-03-28T10:00:00+07:00", { value: 3, unit: "calendarDays" })).toBe(
      "2025-03-31T03:00:00.000Z",
    );
  });

  it("zero is the start instant itself", () => {
    expect(addWorkingDuration(bekasi, "2025-11-08T10:00:00+07:00", { value: 0, unit: "workingDays" })).toBe(
      "2025-11-08T03:00:00.000Z",
    );
  });
});

describe("bad input", () => {
  it("a malformed date is a CalendarError with Indonesian and English messages", () => {
    try {
      addWorkingDuration(bekasi, "24/03/2025", { value: 1, unit: "workingDays" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarError);
      expect((error as CalendarError).messages.id).toContain("tidak valid");
      expect((error as CalendarError).messages.en).toContain("Invalid date");
    }
  });

  it("an impossible date is rejected, not rolled over", () => {
    expect(() => addWorkingDuration(bekasi, "2025-02-30", { value: 1, unit: "minutes" })).toThrow(CalendarError);
  });

  it("a negative duration is rejected", () => {
    expect(() => addWorkingDuration(bekasi, "2025-02-03", { value: -1, unit: "workingDays" })).toThrow(CalendarError);
  });

  it("a wall time without offset is read in the office's zone", () => {
    expect(addWorkingDuration(makassar, "2025-11-10T10:00", { value: 0, unit: "minutes" })).toBe(
      "2025-11-10T02:00:00.000Z",
    );
  });
});

describe("workingTimeBetween", () => {
  it("counts office minutes on working days only", () => {
    // Friday 14:30 → Monday 10:00: 60 + 120 minutes
    const t = workingTimeBetween(bekasi, "2025-11-07T14:30:00+07:00", "2025-11-10T10:00:00+07:00");
    expect(t.minutes).toBe(180);
    expect(t.workingDays).toBeCloseTo(180 / 450);
  });

  it("a pause over the Idul Fitri holidays counts no working time", () => {
    const t = workingTimeBetween(bekasi, "2025-03-27T15:30:00+07:00", "2025-04-08T08:00:00+07:00");
    expect(t.minutes).toBe(0);
  });

  it("is negative when the end is before the start", () => {
    const t = workingTimeBetween(bekasi, "2025-11-10T10:00:00+07:00", "2025-11-10T09:00:00+07:00");
    expect(t.minutes).toBe(-60);
  });

  it("inverts workingHours addition (property)", () => {
    const start = Date.parse("2025-01-01T00:00:00Z");
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 * 24 * 60 }),
        fc.integer({ min: 1, max: 400 }),
        (offsetMinutes, hours) => {
          const from = new Date(start + offsetMinutes * 60_000).toISOString();
          const due = addWorkingDuration(bekasi, from, { value: hours, unit: "workingHours" });
          expect(workingTimeBetween(bekasi, from, due).minutes).toBe(hours * 60);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("working days always end on a working day at closing time (property)", () => {
    const start = Date.parse("2025-01-01T00:00:00Z");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 * 24 * 60 }), fc.integer({ min: 1, max: 60 }), (offset, days) => {
        const from = new Date(start + offset * 60_000).toISOString();
        const due = local(bekasi, addWorkingDuration(bekasi, from, { value: days, unit: "workingDays" }));
        expect(due.slice(11)).toBe("15:30:00+07:00");
        expect(isWorkingDay(bekasi, due.slice(0, 10))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("isWorkingDay", () => {
  it("weekends and listed holidays are not working days", () => {
    expect(isWorkingDay(plain, "2025-11-08")).toBe(false);
    expect(isWorkingDay(plain, "2025-11-10")).toBe(true);
    expect(isWorkingDay(bekasi, "2025-08-18")).toBe(false);
    expect(isWorkingDay(bekasi, "2025-06-26")).toBe(true);
  });
});
