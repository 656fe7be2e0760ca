import { describe, expect, it } from "vitest";
import { ids, runFixture } from "./fixture-support";
import { notifyWithoutRoles } from "./notify-without-roles";

describe("notify-without-roles", () => {
  it("accepts notices that name their roles, and other connectors", async () => {
    expect(await runFixture(notifyWithoutRoles, "valid")).toEqual([]);
  });

  it("reports notices without roles, or with a blank roles header, as errors", async () => {
    // given a send task without headers and a service task whose roles header is blank
    const problems = await runFixture(notifyWithoutRoles, "invalid");
    // then both would fail at run time, so both are errors now
    expect(ids(problems)).toEqual(["bare", "blank"]);
    expect(problems.every((p) => p.severity === "error")).toBe(true);
    expect(problems[0]?.message.en).toBe(
      'Step "Beri tahu": this notification names no roles to send to (fill in "Notify roles").',
    );
  });
});
