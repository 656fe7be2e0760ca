import { describe, expect, it } from "vitest";
import { ids, runFixture } from "./fixture-support";
import { userTaskWithoutRole } from "./user-task-without-role";

describe("user-task-without-role", () => {
  it("accepts candidate groups (any case, or FEEL), candidate users or an assignee", async () => {
    expect(await runFixture(userTaskWithoutRole, "valid")).toEqual([]);
  });

  it("reports tasks nobody may claim, and static groups naming no known role", async () => {
    // given / when
    const problems = await runFixture(userTaskWithoutRole, "invalid");
    // then
    expect(ids(problems)).toEqual(["bare", "blank", "blank-users", "unknown-role"]);
    expect(problems.map((p) => p.severity)).toEqual(["error", "error", "error", "warning"]);
    expect(problems[3]?.message.en).toContain("reviewer, auditor names no built-in role");
  });

  it("makes unknown roles errors when the district's roles are given", async () => {
    // given the district's directory, with a role of its own
    const options = { knownRoles: ["front-office", "Auditor"] };
    // when
    const valid = await runFixture(userTaskWithoutRole, "valid", options);
    const invalid = await runFixture(userTaskWithoutRole, "invalid", options);
    // then pekerja-sosial and tksk are not in this directory; auditor matches case-insensitively
    expect(ids(valid)).toEqual(["by-own-role"]);
    expect(valid[0]?.severity).toBe("error");
    expect(valid[0]?.message.en).toContain("no role pekerja-sosial, tksk");
    expect(ids(invalid)).toEqual(["bare", "blank", "blank-users"]);
  });
});
