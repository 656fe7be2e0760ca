import { describe, expect, it } from "vitest";
import { stepMarks } from "./step-marks";

describe("stepMarks", () => {
  const timeline = [
    { type: "case-started", elementId: null },
    { type: "task-completed", elementId: "verify" },
    { type: "task-created", elementId: "sign" },
  ];

  it("marks completed elements done and current steps active before the due date", () => {
    // given a case due tomorrow
    const marks = stepMarks(timeline, ["sign"], "2026-05-02T00:00:00Z", new Date("2026-05-01T00:00:00Z"));
    // then
    expect(marks).toEqual({ done: ["verify"], active: ["sign"], overdue: [] });
  });

  it("marks current steps overdue once the case is late", () => {
    const marks = stepMarks(timeline, ["sign"], "2026-04-30T00:00:00Z", new Date("2026-05-01T00:00:00Z"));
    expect(marks.overdue).toEqual(["sign"]);
    expect(marks.active).toEqual([]);
  });

  it("does not call a re-entered element done while it is active again", () => {
    const marks = stepMarks([{ type: "task-completed", elementId: "sign" }], ["sign"], null, new Date());
    expect(marks.done).toEqual([]);
  });
});
