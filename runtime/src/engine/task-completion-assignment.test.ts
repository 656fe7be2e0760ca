import { BusinessCalendar } from "@alur/shared/calendar";
import type { UserTaskSpec } from "@alur/shared/plan";
import { describe, expect, it } from "vitest";
import { PlanBuilder } from "../testing/engine/plan-builder";
import { initialState, step } from ".";
import { checkCompletion } from "./task-completion";

/** The completion context of a case waiting at one user task with this assignment. */
function waitingAt(task: Partial<UserTaskSpec>, variables: Record<string, unknown> = {}) {
  const plan = new PlanBuilder("p")
    .start("mulai")
    .userTask("periksa", { task: { roles: [], documents: [], escalateTo: [], ...task } })
    .end("selesai")
    .chain("mulai", "periksa", "selesai")
    .build();
  const calendar = BusinessCalendar.parse({ district: "3216", utcOffsetMinutes: 420 });
  const started = step(plan, initialState(plan, { caseId: "c1", calendar }), {
    type: "start",
    variables,
    at: "2026-01-05T02:00:00.000Z",
  });
  const engineTaskId = Object.keys(started.state.tasks)[0] ?? "";
  return {
    plan,
    state: started.state,
    district: "3216",
    engineTaskId: (storeId: string) => (storeId === "store-1" ? engineTaskId : undefined),
    pending: new Set<string>(),
  };
}

const completion = (actor: { roles: string[]; username?: string }) => ({
  taskId: "store-1",
  actor: { userId: "u-1", district: "3216", ...actor },
  data: {},
});

describe("checkCompletion: who may complete (evaluated assignment)", () => {
  it("checks the roles FEEL candidate groups evaluated to, not the plan's empty static list", () => {
    // given candidateGroups="=reviewerGroup" set to back-office by the start data
    const ctx = waitingAt({ rolesExpression: "reviewerGroup" }, { reviewerGroup: "back-office" });
    // then
    expect(checkCompletion(ctx, completion({ roles: ["back-office"] }))).toBeNull();
    expect(checkCompletion(ctx, completion({ roles: ["front-office"] }))?.code).toBe("role-not-allowed");
  });

  it("lets a named candidate user or the assignee complete without a candidate role", () => {
    // given a task for front-office that also names bks.peksos
    const ctx = waitingAt({ roles: ["front-office"], candidateUsers: ["bks.peksos"] });
    // then
    expect(checkCompletion(ctx, completion({ roles: [], username: "bks.peksos" }))).toBeNull();
    expect(checkCompletion(ctx, completion({ roles: [], username: "bks.lain" }))?.code).toBe("role-not-allowed");
    const assigned = waitingAt({ roles: ["front-office"], assignee: "=petugas" }, { petugas: "bks.back-office" });
    expect(checkCompletion(assigned, completion({ roles: ["back-office"], username: "bks.back-office" }))).toBeNull();
  });
});
