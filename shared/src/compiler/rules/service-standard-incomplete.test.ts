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
    expect(problems.map((p) => [p.elementId, p.severity])).toEqual([
      ["p", "warning"],
      ["p", "warning"],
      ["typed-only", "warning"],
    ]);
    expect(problems.map((p) => p.message.en)).toEqual([
      'Service standard component "Safety guarantee" is missing.',
      'Service standard component "Performance evaluation" is missing.',
      'Service standard component "Procedure" is missing.',
    ]);
  });

  it("makes them errors for publishing, and requires a standard on executable processes", async () => {
    const problems = await runFixture(serviceStandardIncomplete, "invalid", { forPublish: true });
    expect(problems.map((p) => [p.elementId, p.severity])).toEqual([
      ["p", "error"],
      ["p", "error"],
      ["typed-only", "error"],
      ["without-standard", "error"],
    ]);
    expect(problems[0]?.message.id).toContain("wajib untuk publikasi");
  });
});
