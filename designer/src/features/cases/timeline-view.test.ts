import { describe, expect, it } from "vitest";
import { actorName, isShownOnCasePage } from "./timeline-view";

describe("actorName", () => {
  const comment = { type: "task.comment", actor: "u-2", data: { text: "ok", authorName: "Rina (Pekerja Sosial)" } };

  it("calls the signed-in user's own entries 'you'", () => {
    expect(actorName(comment, "u-2", "Anda")).toBe("Anda");
  });

  it("names other staff by the author name the entry carries", () => {
    expect(actorName(comment, "u-1", "Anda")).toBe("Rina (Pekerja Sosial)");
  });

  it("never shows a bare account id", () => {
    expect(actorName({ type: "case.created", actor: "0b0e…", data: {} }, "u-1", "Anda")).toBeNull();
  });
});

describe("isShownOnCasePage", () => {
  it("leaves out elementLeft records, which the diagram shows as done", () => {
    const types = ["caseStarted", "elementEntered", "elementLeft", "taskCompleted", "caseCompleted"];
    expect(types.filter((type) => isShownOnCasePage({ type }))).toEqual([
      "caseStarted",
      "elementEntered",
      "taskCompleted",
      "caseCompleted",
    ]);
  });
});
