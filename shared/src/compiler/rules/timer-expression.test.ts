import { describe, expect, it } from "vitest";
import { ids, runFixture } from "./fixture-support";
import { isIsoDateTime, isIsoDuration, isTimerCycle, timerExpression } from "./timer-expression";

describe("timer-expression", () => {
  it("accepts durations, dates, cycles, cron, FEEL and working time", async () => {
    expect(await runFixture(timerExpression, "valid")).toEqual([]);
  });

  it("reports values the runtime cannot schedule", async () => {
    expect(ids(await runFixture(timerExpression, "invalid"))).toEqual([
      "duration",
      "date",
      "cycle",
      "empty",
      "working",
    ]);
  });

  it("parses ISO 8601 forms", () => {
    expect(["P3D", "PT15M", "P1Y2M", "P2W", "PT1.5H"].every(isIsoDuration)).toBe(true);
    expect(["P", "PT", "3D", "P1H"].some(isIsoDuration)).toBe(false);
    expect(isIsoDateTime("2026-01-01T08:00:00Z")).toBe(true);
    expect(isIsoDateTime("2026-01-01T08:00:00[Asia/Jakarta]")).toBe(true);
    expect(isIsoDateTime("2026-01-01")).toBe(false);
    expect(isTimerCycle("R/P1D")).toBe(true);
    expect(isTimerCycle("R5/2026-01-01T08:00:00Z/PT1H")).toBe(true);
    expect(isTimerCycle("R5/2026-01-01T08:00:00Z")).toBe(false);
  });
});
