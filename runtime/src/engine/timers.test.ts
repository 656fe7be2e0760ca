import { describe, expect, it } from "vitest";
import { TEST_CALENDAR } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";
import { behaviours } from "./behaviours";
import { type Ctx, createCtx } from "./context";
import { initialState } from "./initial-state";
import { addIsoDuration, scheduleTimer } from "./timers";

const ctx = (): Ctx => {
  const plan = new PlanBuilder().start("s").build();
  return createCtx(
    plan,
    initialState(plan, { caseId: "k", calendar: TEST_CALENDAR }),
    "2026-01-31T01:00:00Z",
    behaviours,
  );
};

describe("ISO 8601 durations", () => {
  it.each([
    ["PT30M", "2026-01-31T01:30:00.000Z"],
    ["P1DT2H", "2026-02-01T03:00:00.000Z"],
    ["P2W", "2026-02-14T01:00:00.000Z"],
    ["P1M", "2026-03-03T01:00:00.000Z"],
    ["P1Y", "2027-01-31T01:00:00.000Z"],
    ["PT0.5H", "2026-01-31T01:30:00.000Z"],
  ])("%s after 31 January 2026 01:00Z is %s", (duration, expected) => {
    expect(addIsoDuration("2026-01-31T01:00:00Z", duration)).toEqual({ ok: true, value: expected });
  });

  it.each(["", "P", "PT", "3 hari", "P1H"])("rejects %j without throwing", (duration) => {
    expect(addIsoDuration("2026-01-31T01:00:00Z", duration).ok).toBe(false);
  });
});

describe("timer schedules", () => {
  it("a date timer fires at that instant", () => {
    const result = scheduleTimer(
      ctx(),
      { type: "date", value: { kind: "literal", value: "2026-02-02T08:00:00+07:00" } },
      ctx().at,
      {},
    );
    expect(result).toEqual({ ok: true, value: { fireAt: "2026-02-02T01:00:00.000Z", cycle: null, repeatsLeft: null } });
  });

  it("a cycle with a start date fires first at the start, then every interval", () => {
    const result = scheduleTimer(
      ctx(),
      { type: "cycle", value: { kind: "literal", value: "R2/2026-02-02T08:00:00+07:00/P1W" } },
      ctx().at,
      {},
    );
    expect(result).toEqual({ ok: true, value: { fireAt: "2026-02-02T01:00:00.000Z", cycle: "P1W", repeatsLeft: 1 } });
  });

  it("an unbounded cycle repeats forever; R0 never fires and is an error", () => {
    const forever = scheduleTimer(ctx(), { type: "cycle", value: { kind: "literal", value: "R/PT1H" } }, ctx().at, {});
    expect(forever).toMatchObject({ ok: true, value: { repeatsLeft: null, cycle: "PT1H" } });
    expect(scheduleTimer(ctx(), { type: "cycle", value: { kind: "literal", value: "R0/PT1H" } }, ctx().at, {}).ok).toBe(
      false,
    );
  });

  it("a FEEL date and a working-time duration are evaluated on the case", () => {
    const date = scheduleTimer(ctx(), { type: "date", value: { kind: "feel", source: "tanggal" } }, ctx().at, {
      tanggal: "2026-03-01T00:00:00Z",
    });
    expect(date).toMatchObject({ ok: true, value: { fireAt: "2026-03-01T00:00:00.000Z" } });
    // Saturday 31 January 08:00 WIB: one working hour ends Monday 09:00 WIB
    const working = scheduleTimer(
      ctx(),
      { type: "workingTime", duration: { value: 1, unit: "workingHours" } },
      ctx().at,
      {},
    );
    expect(working).toMatchObject({ ok: true, value: { fireAt: "2026-02-02T02:00:00.000Z" } });
  });
});
