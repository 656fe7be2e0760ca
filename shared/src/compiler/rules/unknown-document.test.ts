import { describe, expect, it } from "vitest";
import { runFixture } from "./fixture-support";
import { unknownDocument } from "./unknown-document";

describe("unknown-document", () => {
  it("accepts documents the standard requires, and tasks of processes without a standard", async () => {
    expect(await runFixture(unknownDocument, "valid")).toEqual([]);
  });

  it("warns about each document id the standard does not list", async () => {
    const problems = await runFixture(unknownDocument, "invalid");
    expect(problems.map((p) => [p.elementId, p.severity, p.message.en])).toEqual([
      [
        "check",
        "warning",
        'Unnamed step (check): Document "sktm" checked in this step is not a requirement of the service standard.',
      ],
      [
        "check",
        "warning",
        'Unnamed step (check): Document "kk" checked in this step is not a requirement of the service standard.',
      ],
    ]);
  });

  it("makes them errors for publishing: no applicant can hand in a document the standard does not list", async () => {
    const problems = await runFixture(unknownDocument, "invalid", { forPublish: true });
    expect(problems.map((p) => [p.elementId, p.severity])).toEqual([
      ["check", "error"],
      ["check", "error"],
    ]);
  });
});
