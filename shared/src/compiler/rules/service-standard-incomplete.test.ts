import { describe, expect, it } from "vitest";
import { runFixture } from "./fixture-support";
import { serviceStandardIncomplete } from "./service-standard-incomplete";

describe("service-standard-incomplete", () => {
  it("accepts a standard with all 14 components, even for publishing", async () => {
    expect(await runFixture(serviceStandardIncomplete, "valid", { forPublish: true })).toEqual([]);
  });

  it("warns about missing components while drafting", async () => {
    const problems = await runFixture(serviceStandardIncomplete, "invalid");
    expect(problems.map((p) => [p.elementId, p.severity])).toEqual([
      ["p", "warning"],
      ["p", "warning"],
    ]);
    expect(problems.map((p) => p.message.en)).toEqual([
      'Service standard component "Safety guarantee" is missing.',
      'Service standard component "Performance evaluation" is missing.',
    ]);
  });

  it("keeps them warnings for publishing (a gap the decree leaves is reported, not invented), and notes an executable process without a standard", async () => {
    const problems = await runFixture(serviceStandardIncomplete, "invalid", { forPublish: true });
    expect(problems.map((p) => [p.elementId, p.severity])).toEqual([
      ["p", "warning"],
      ["p", "warning"],
      ["without-standard", "warning"],
    ]);
  });
});
