import { describe, expect, it } from "vitest";
import { runFixture } from "./fixture-support";
import { serviceStandardIncomplete } from "./service-standard-incomplete";

describe("service-standard-incomplete", () => {
  it("accepts a standard with all 14 components, even for publishing", async () => {
    expect(await runFixture(serviceStandardIncomplete, "valid", { forPublish: true })).toEqual([]);
  });

  it("warns about missing components while drafting; the procedure is the model's steps, not typed text", async () => {
    // given p with a task but no typed procedure, and typed-only with typed steps but no task
    const problems = await runFixture(serviceStandardIncomplete, "invalid");
    expect(problems.filter((p) => p.elementId !== "empty-standard").map((p) => p.message.en)).toEqual([
      'Service standard component "Safety guarantee" is missing.',
      'Service standard component "Performance evaluation" is missing.',
      'Service standard component "Procedure" is missing.',
    ]);
    expect(problems.filter((p) => p.elementId === "empty-standard")).toHaveLength(14);
    expect(problems.every((p) => p.severity === "warning")).toBe(true);
  });

  it("for publishing, refuses an empty standard, keeps the gaps of a written one warnings and lets a process without one publish as internal", async () => {
    // given a standard lacking two components, an executable process without one, and an empty one
    const problems = await runFixture(serviceStandardIncomplete, "invalid", { forPublish: true });
    const severities = (id: string) => [...new Set(problems.filter((p) => p.elementId === id).map((p) => p.severity))];
    // then the gaps of the written standard are reported, not invented: warnings
    expect(severities("p")).toEqual(["warning"]);
    // and a process with no standard publishes as an internal process, told so; an empty one cannot
    expect(severities("without-standard")).toEqual(["warning"]);
    expect(problems.find((p) => p.elementId === "without-standard")?.message.en).toContain("internal process");
    expect(severities("empty-standard")).toEqual(["error"]);
    expect(problems.filter((p) => p.elementId === "empty-standard")).toHaveLength(14);
    expect(problems.find((p) => p.elementId === "empty-standard")?.message.id).toContain("wajib diisi untuk publikasi");
    // and a standard whose procedure is only typed, with no step in the model, lacks its procedure
    expect(severities("typed-only")).toEqual(["warning"]);
  });
});
