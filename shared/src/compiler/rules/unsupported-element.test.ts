import { describe, expect, it } from "vitest";
import { ids, runFixture } from "./fixture-support";
import { unsupportedElement } from "./unsupported-element";

describe("unsupported-element", () => {
  it("accepts the executable set", async () => {
    expect(await runFixture(unsupportedElement, "valid")).toEqual([]);
  });

  it("names id, type and reason of each element outside it", async () => {
    const problems = await runFixture(unsupportedElement, "invalid");
    expect(ids(problems)).toEqual([
      "complex",
      "tx",
      "cancel",
      "compensate",
      "multiple",
      "dmn",
      "loop",
      "error-start",
      "timer-in-embedded",
      "task-with-default",
    ]);
    expect(problems.every((p) => p.severity === "error")).toBe(true);
    const byId = Object.fromEntries(problems.map((p) => [p.elementId, p.message.en]));
    expect(byId.tx).toBe(
      "Unnamed sub-process (tx): this kind (transaction) is not supported: transactions (with cancel and compensation) are not supported yet.",
    );
    expect(byId.multiple).toMatch(/\(startEvent\).*several definitions/);
    expect(byId["error-start"]).toMatch(/StartEvent of kind error cannot be executed here/);
    expect(byId["task-with-default"]).toMatch(/default flow on an activity is not supported/);
    expect(problems[0]?.message.id).toMatch(
      /^Percabangan tanpa nama \(complex\): jenis ini \(complexGateway\) tidak didukung/,
    );
  });
});
