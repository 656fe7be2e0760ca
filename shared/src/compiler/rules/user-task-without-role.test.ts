import { describe, expect, it } from "vitest";
import { ids, runFixture } from "./fixture-support";
import { userTaskWithoutRole } from "./user-task-without-role";

describe("user-task-without-role", () => {
  it("accepts candidate groups or an assignee", async () => {
    expect(await runFixture(userTaskWithoutRole, "valid")).toEqual([]);
  });

  it("reports tasks nobody may claim", async () => {
    expect(ids(await runFixture(userTaskWithoutRole, "invalid"))).toEqual(["bare", "blank"]);
  });
});
