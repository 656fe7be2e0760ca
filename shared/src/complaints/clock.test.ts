import { describe, expect, it } from "vitest";
import { complaintClock, complaintDueAt, percentile, responseHours } from "./index";

describe("the 3 × 24-hour complaint clock", () => {
  it("counts clock hours over a weekend and a holiday, not working days", () => {
    // given a complaint received on Friday 28 March 2025 at 19:30 WIB, before Nyepi (Saturday 29th)
    const received = new Date("2025-03-28T19:30:00+07:00");
    // then it is due 72 hours later, on Monday 31 March at 19:30 WIB (Idul Fitri), whatever the calendar
    expect(complaintDueAt(received).toISOString()).toBe("2025-03-31T12:30:00.000Z");
  });

  it("is open, due soon with 24 h left, and overdue past the due instant", () => {
    const receivedAt = new Date("2026-12-01T08:00:00Z");
    const at = (iso: string) => complaintClock({ receivedAt, respondedAt: null }, new Date(iso));
    expect(at("2026-12-03T07:59:00Z").state).toBe("open");
    expect(at("2026-12-03T08:00:00Z").state).toBe("due-soon");
    expect(at("2026-12-04T08:00:00Z")).toMatchObject({ state: "due-soon", hoursLeft: 0 });
    expect(at("2026-12-04T08:00:01Z").state).toBe("overdue");
  });

  it("judges an answer by when it was given, not by now", () => {
    const receivedAt = new Date("2026-12-01T08:00:00Z");
    const later = new Date("2027-01-01T00:00:00Z");
    const inTime = complaintClock({ receivedAt, respondedAt: new Date("2026-12-04T08:00:00Z") }, later);
    expect(inTime.state).toBe("answered");
    const late = complaintClock({ receivedAt, respondedAt: new Date("2026-12-04T09:30:00Z") }, later);
    expect(late).toMatchObject({ state: "answered-late", hoursLeft: -1.5 });
    expect(responseHours(receivedAt, new Date("2026-12-02T14:00:00Z"))).toBe(30);
  });

  it("gives the median and p90 of response hours", () => {
    // by hand: sorted 2, 4, 10, 30, 80; median the 3rd; p90 at rank 3.6 → 30 + 0.6 × 50 = 60
    expect(percentile([30, 2, 80, 10, 4], 50)).toBe(10);
    expect(percentile([30, 2, 80, 10, 4], 90)).toBeCloseTo(60, 10);
    expect(percentile([], 50)).toBeNull();
  });
});
