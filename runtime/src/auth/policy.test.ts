import { describe, expect, it } from "vitest";
import { canReassignTask, canSeeTask, canWorkOnTask } from "./policy";
import type { Principal } from "./principal";

const staff = (userId: string, roles: string[], district: string | null = "3216"): Principal => ({
  userId,
  username: `bks.${userId}`,
  displayName: userId,
  orgUnitId: district ?? "ID",
  district,
  roles,
  isSuperAdmin: false,
  isDistrictAdmin: false,
  isHead: false,
  actingRoles: [],
  mustChangePassword: false,
  sso: false,
});

describe("task policy with Camunda 8 assignments", () => {
  it("a candidate user of the district may see and work on the task without a candidate role", () => {
    // given a task for front-office that also names user u-2
    const task = { district: "3216", roles: ["front-office"], assignee: null, candidate_users: ["u-2"] };
    // then
    expect(canWorkOnTask(staff("u-2", []), task)).toBe(true);
    expect(canSeeTask(staff("u-2", []), task)).toBe(true);
    expect(canWorkOnTask(staff("u-1", ["front-office"]), task)).toBe(true);
    expect(canWorkOnTask(staff("u-3", ["back-office"]), task)).toBe(false);
    expect(canSeeTask(staff("u-3", ["back-office"]), task)).toBe(false);
    // the same user id in another district is not the candidate
    expect(canWorkOnTask(staff("u-2", [], "3211"), task)).toBe(false);
    // being a candidate is not enough to reassign
    expect(canReassignTask(staff("u-2", []), task)).toBe(false);
  });

  it("a task with only an assignee is that user's alone", () => {
    const task = { district: "3216", roles: [], assignee: "u-1", candidate_users: [] };
    expect(canWorkOnTask(staff("u-1", ["back-office"]), task)).toBe(true);
    expect(canWorkOnTask(staff("u-4", ["back-office"]), task)).toBe(false);
    expect(canSeeTask(staff("u-4", ["back-office"]), task)).toBe(false);
  });
});
