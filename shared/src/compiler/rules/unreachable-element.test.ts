import { describe, expect, it } from "vitest";
import { ids, runFixture } from "./fixture-support";
import { unreachableElement } from "./unreachable-element";

describe("unreachable-element", () => {
  it("counts boundary events, event subprocesses and implicit starts as reachable", async () => {
    expect(await runFixture(unreachableElement, "valid")).toEqual([]);
  });

  it("reports nodes no token can reach when the process has a start event", async () => {
    expect(ids(await runFixture(unreachableElement, "invalid"))).toEqual(["island", "after-island"]);
  });
});
