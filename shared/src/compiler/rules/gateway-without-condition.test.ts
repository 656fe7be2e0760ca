import { describe, expect, it } from "vitest";
import { ids, runFixture } from "./fixture-support";
import { gatewayWithoutCondition } from "./gateway-without-condition";

describe("gateway-without-condition", () => {
  it("accepts conditions, the default flow and joins", async () => {
    expect(await runFixture(gatewayWithoutCondition, "valid")).toEqual([]);
  });

  it("reports the non-default flow without a condition", async () => {
    const problems = await runFixture(gatewayWithoutCondition, "invalid");
    expect(ids(problems)).toEqual(["f-bare"]);
    expect(problems[0]?.message.en).toBe(
      "Unnamed flow (f-bare): leaves unnamed branch (g) without a condition and is not the default flow; give it a condition or make it the default.",
    );
  });
});
