import { describe, expect, it } from "vitest";
import { HttpError } from "../../api/http";
import { refusedProblems } from "./refused-problems";

const problem = {
  elementId: "notice",
  severity: "error",
  code: "notify-without-roles",
  message: { id: "Pemberitahuan belum menentukan peran.", en: "Notification names no roles." },
} as const;

describe("refusedProblems", () => {
  it("takes the problem list of a refused deploy", () => {
    // given the runtime's 422 model-invalid answer
    const error = new HttpError(422, "model-invalid", { id: "x", en: "x" }, { problems: [problem] });
    // then the designer gets the problems to list and mark on the canvas
    expect(refusedProblems(error)).toEqual([problem]);
  });

  it("ignores other failures", () => {
    expect(refusedProblems(new HttpError(403, "forbidden", { id: "x", en: "x" }))).toBeNull();
    expect(refusedProblems(new HttpError(422, "model-invalid", { id: "x", en: "x" }, { other: 1 }))).toBeNull();
    expect(refusedProblems(new Error("network"))).toBeNull();
  });
});
