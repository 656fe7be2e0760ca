import { describe, expect, it } from "vitest";
import { feelSyntax } from "./feel-syntax";
import { ids, runFixture } from "./fixture-support";

describe("feel-syntax", () => {
  it("accepts valid FEEL and leaves static values alone", async () => {
    expect(await runFixture(feelSyntax, "valid")).toEqual([]);
  });

  it("reports each broken expression with its position", async () => {
    const problems = await runFixture(feelSyntax, "invalid");
    expect(ids(problems).sort()).toEqual(["due", "f", "m", "script", "t", "users"]);
    expect(problems.find((p) => p.elementId === "users")?.message.en).toContain("candidateUsers");
    expect(problems.find((p) => p.elementId === "due")?.message.en).toContain("dueDate");
    const input = problems.find((p) => p.elementId === "t");
    expect(input?.position).toEqual({ from: 2, to: 3 });
    expect(input?.message.en).toContain("input a");
    expect(input?.message.id).toContain("tidak sah");
    expect(problems.find((p) => p.elementId === "f")?.message.en).toContain("Incomplete expression");
  });
});
