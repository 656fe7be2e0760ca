import { describe, expect, it } from "vitest";
import en from "../../i18n/en.json";
import { stepMarks, timelineEventKey } from "./step-marks";

describe("stepMarks", () => {
  // the engine's record types, as the case timeline API returns them
  const timeline = [
    { type: "case.created", elementId: null },
    { type: "caseStarted", elementId: null },
    { type: "elementEntered", elementId: "mulai" },
    { type: "elementLeft", elementId: "mulai" },
    { type: "elementEntered", elementId: "verify" },
    { type: "taskCompleted", elementId: "verify" },
    { type: "elementLeft", elementId: "verify" },
    { type: "elementEntered", elementId: "sign" },
  ];

  it("marks left and completed elements done and current steps active before the due date", () => {
    // given a case due tomorrow
    const marks = stepMarks(timeline, ["sign"], "2026-05-02T00:00:00Z", new Date("2026-05-01T00:00:00Z"));
    // then the start event and the finished task are done, the open task active
    expect(marks).toEqual({ done: ["mulai", "verify"], active: ["sign"], overdue: [] });
  });

  it("leaves a called process's elements off the case's diagram, even where their ids coincide", () => {
    const called = { data: { calledProcess: "kunjungan-rumah" } };
    const marks = stepMarks(
      [
        { type: "elementLeft", elementId: "mulai", ...called },
        { type: "taskCompleted", elementId: "laporan", ...called },
      ],
      [],
      null,
      new Date("2026-11-23T08:00:00Z"),
    );
    expect(marks.done).toEqual([]);
  });

  it("marks current steps overdue once the case is late", () => {
    const marks = stepMarks(timeline, ["sign"], "2026-04-30T00:00:00Z", new Date("2026-05-01T00:00:00Z"));
    expect(marks.overdue).toEqual(["sign"]);
    expect(marks.active).toEqual([]);
  });

  it("does not call an element done because it was merely entered", () => {
    const marks = stepMarks([{ type: "elementEntered", elementId: "sign" }], [], null, new Date());
    expect(marks.done).toEqual([]);
  });

  it("does not call a re-entered element done while it is active again", () => {
    const marks = stepMarks([{ type: "taskCompleted", elementId: "sign" }], ["sign"], null, new Date());
    expect(marks.done).toEqual([]);
  });
});

describe("timelineEventKey", () => {
  it("names a dictionary entry for every record type the engine and the API write", () => {
    const types = [
      "caseStarted",
      "elementEntered",
      "elementLeft",
      "elementCancelled",
      "taskCompleted",
      "timerFired",
      "messageCorrelated",
      "signalReceived",
      "errorThrown",
      "escalationThrown",
      "slaBreached",
      "clockPaused",
      "clockResumed",
      "incident",
      "caseCompleted",
      "caseTerminated",
      "caseCancelled",
      "documentGenerated",
      "case.created",
      "case.start-failed",
      "task.delegated",
      "task.comment",
      "case.message",
    ];
    const labels = en.case.event as Record<string, string>;
    expect(types.filter((type) => !(timelineEventKey(type) in labels))).toEqual([]);
  });
});
