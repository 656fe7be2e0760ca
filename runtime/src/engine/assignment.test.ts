import type { UserTaskSpec } from "@alur/shared/plan";
import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";
import { caseView } from "./case-view";

/** start → one user task "periksa" with this assignment → end. */
function caseWith(task: Partial<UserTaskSpec>): CaseDriver {
  const plan = new PlanBuilder()
    .start("s")
    .userTask("periksa", { task: { roles: [], documents: [], escalateTo: [], ...task } })
    .end("e")
    .chain("s", "periksa", "e")
    .build();
  return new CaseDriver(plan);
}

describe("user task assignment (zeebe:assignmentDefinition, zeebe:taskSchedule)", () => {
  it("evaluates FEEL candidate groups from the start data, lower-cased to role ids", () => {
    // given candidateGroups="=reviewerGroup"
    const driver = caseWith({ rolesExpression: "reviewerGroup" });
    // when the start data names the group, capitalised as in Camunda
    driver.start({ reviewerGroup: "Back-Office" });
    // then
    expect(driver.task("periksa")).toMatchObject({ roles: ["back-office"], candidateUsers: [], assignee: null });
    expect(driver.state.incidents).toEqual([]);
  });

  it("accepts a FEEL list of groups and joins it with the static ones", () => {
    const driver = caseWith({ roles: ["front-office"], rolesExpression: "tim" });
    driver.start({ tim: ["Pekerja-Sosial", "front-office"] });
    expect(driver.task("periksa").roles).toEqual(["front-office", "pekerja-sosial"]);
  });

  it("names users by username: a static assignee, static and FEEL candidate users", () => {
    // given
    const assigned = caseWith({ assignee: "bks.back-office" });
    const candidates = caseWith({ candidateUsers: ["bks.peksos"], candidateUsersExpression: "lainnya" });
    const lineManager = caseWith({ assignee: "=assignedLineManager" });
    // when
    assigned.start();
    candidates.start({ lainnya: "bks.front-office, bks.peksos" });
    lineManager.start({ assignedLineManager: "bks.kabid" });
    // then
    expect(assigned.task("periksa")).toMatchObject({ roles: [], assignee: "bks.back-office", candidateUsers: [] });
    expect(candidates.task("periksa")).toMatchObject({
      assignee: null,
      candidateUsers: ["bks.peksos", "bks.front-office"],
    });
    expect(lineManager.task("periksa").assignee).toBe("bks.kabid");
    // the evaluated assignment stays with the waiting task (the completion check reads it)
    const instanceId = assigned.state.tasks[assigned.task("periksa").taskId] ?? "";
    expect(assigned.state.instances[instanceId]?.wait).toMatchObject({
      kind: "task",
      assignment: { roles: [], candidateUsers: [], assignee: "bks.back-office" },
    });
  });

  it("an assignment that evaluates to nobody is an incident, not a dead task; a retry with data opens it", () => {
    // given candidateGroups="=reviewerGroup" and start data without it
    const driver = caseWith({ rolesExpression: "reviewerGroup" });
    driver.start({});
    // then
    expect(driver.commands("openTask")).toEqual([]);
    expect(driver.state.incidents).toMatchObject([{ code: "assignment-error", elementId: "periksa" }]);
    expect(driver.state.incidents[0]?.message).toContain('candidateGroups "=reviewerGroup"');
    expect(caseView(driver.state).status).toBe("incident");
    // when the admin sets the group and retries
    const incidentId = driver.state.incidents[0]?.id ?? "";
    driver.send({ type: "retryIncident", incidentId, variables: { reviewerGroup: "back-office" }, at: driver.now });
    // then
    expect(driver.task("periksa").roles).toEqual(["back-office"]);
    expect(driver.state.incidents).toEqual([]);
  });

  it("a FEEL value of the wrong type is an incident naming it", () => {
    const driver = caseWith({ candidateUsersExpression: "petugas" });
    driver.start({ petugas: [1, 2] });
    expect(driver.state.incidents).toMatchObject([{ code: "assignment-error" }]);
    expect(driver.state.incidents[0]?.message).toContain("not a list of texts");
  });

  it("a task the store refused (unknown role or user) waits on an incident; its SLA timer stops; a retry opens it again", () => {
    // given a task with an SLA for a role that turns out not to exist
    const driver = caseWith({ rolesExpression: "grup", sla: { value: 2, unit: "workingDays" } });
    driver.start({ grup: "reviewer" });
    const first = driver.task("periksa");
    const slaTimer = driver.liveTimers()[0];
    expect(slaTimer).toBeDefined();
    // when the adapter reports the store refused it
    const result = driver.send({
      type: "taskRefused",
      taskId: first.taskId,
      reason: "Unknown role(s): reviewer",
      at: driver.now,
    });
    // then
    expect(result.accepted).toBe(true);
    expect(driver.openTaskElements()).toEqual([]);
    expect(driver.state.incidents).toMatchObject([
      { code: "assignment-unknown", elementId: "periksa", message: "Unknown role(s): reviewer" },
    ]);
    expect(driver.commands("cancelTimer")).toEqual([{ type: "cancelTimer", timerId: slaTimer?.timerId }]);
    expect(driver.liveTimers()).toEqual([]);
    // a late report for the same task matches nothing
    expect(driver.send({ type: "taskRefused", taskId: first.taskId, reason: "again", at: driver.now }).accepted).toBe(
      false,
    );
    // when the data is fixed and the incident retried
    const incidentId = driver.state.incidents[0]?.id ?? "";
    driver.send({ type: "retryIncident", incidentId, variables: { grup: "back-office" }, at: driver.now });
    // then a new task opens for the fixed role, with a new SLA timer
    const second = driver.task("periksa");
    expect(second.taskId).not.toBe(first.taskId);
    expect(second.roles).toEqual(["back-office"]);
    expect(driver.liveTimers()).toHaveLength(1);
    driver.completeTask("periksa");
    expect(driver.state.status).toBe("completed");
  });

  it("zeebe:taskSchedule sets the due date (winning over the SLA's) and the follow-up date; FEEL allowed", () => {
    // given
    const driver = caseWith({
      roles: ["front-office"],
      sla: { value: 2, unit: "workingDays" },
      dueDate: { kind: "feel", source: "batas" },
      followUpDate: { kind: "literal", value: "2026-03-03T08:00:00+07:00" },
    });
    // when
    driver.start({ batas: "2026-03-10T15:30:00+07:00" });
    // then
    expect(driver.task("periksa")).toMatchObject({
      dueAt: "2026-03-10T08:30:00.000Z",
      followUpAt: "2026-03-03T01:00:00.000Z",
    });
    // the SLA timer still counts the SLA (the end of the second working day)
    expect(driver.liveTimers()[0]?.fireAt).toBe("2026-03-04T08:30:00.000Z");
  });

  it("without a schedule the due date is the SLA's; a malformed date is an incident", () => {
    const plain = caseWith({ roles: ["front-office"], sla: { value: 2, unit: "workingDays" } });
    plain.start();
    expect(plain.task("periksa")).toMatchObject({ dueAt: "2026-03-04T08:30:00.000Z", followUpAt: null });

    const broken = caseWith({ roles: ["front-office"], dueDate: { kind: "feel", source: "batas" } });
    broken.start({ batas: "besok" });
    expect(broken.state.incidents).toMatchObject([{ code: "task-schedule-error" }]);
    expect(broken.state.incidents[0]?.message).toContain("not an ISO 8601 date-time");
  });
});
