import { describe, expect, it } from "vitest";
import { ids, runFixture } from "./fixture-support";
import { pathWithoutEnd } from "./path-without-end";

describe("path-without-end", () => {
  it("accepts loops with an exit", async () => {
    expect(await runFixture(pathWithoutEnd, "valid")).toEqual([]);
  });

  it("reports every node trapped in a loop without exit", async () => {
    expect(ids(await runFixture(pathWithoutEnd, "invalid")).sort()).toEqual(["a", "b", "s"]);
  });
});
