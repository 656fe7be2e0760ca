import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";
import { caseView } from "./case-view";

/**
 * A connector whose retries ran out (network, timeout, 5xx) is a technical failure: an incident
 * on the element, never a BPMN error a boundary could mistake for a business outcome.
 */
describe("connector retries exhausted", () => {
  // a catch-all error boundary: it must see BPMN errors only
  const plan = new PlanBuilder()
    .start("s")
    .serviceTask("cek-dtks", "http")
    .boundary("lainnya", "cek-dtks", { kind: "error" })
    .userTask("lanjut")
    .userTask("manual")
    .chain("s", "cek-dtks", "lanjut")
    .chain("lainnya", "manual")
    .build();

  it("holds the element on a connector-failed incident instead of taking the catch-all error boundary", () => {
    // given
    const driver = new CaseDriver(plan);
    driver.start({ nik: "3216" });
    const job = driver.job("cek-dtks");

    // when
    const result = driver.exhaustJob("cek-dtks", "Activity task failed: HTTP 500 from 127.0.0.1:9");

    // then
    expect(result.accepted).toBe(true);
    expect(driver.openTaskElements()).toEqual([]);
    expect(driver.entered()).not.toContain("lainnya");
    expect(driver.state.incidents).toMatchObject([
      {
        code: "connector-failed",
        elementId: "cek-dtks",
        message: "Activity task failed: HTTP 500 from 127.0.0.1:9",
        at: driver.now,
        retry: { op: "activate" },
      },
    ]);
    expect(driver.state.jobs[job.jobId]).toBeUndefined();
    expect(caseView(driver.state)).toMatchObject({
      status: "incident",
      activeElements: ["cek-dtks"],
      incidents: [{ id: driver.state.incidents[0]?.id, code: "connector-failed", elementId: "cek-dtks" }],
    });
    expect(driver.records("incident")).toMatchObject([{ elementId: "cek-dtks", data: { code: "connector-failed" } }]);
  });

  it("a retry runs a new job with the variables the admin fixed, and the case goes on", () => {
    // given
    const driver = new CaseDriver(plan);
    driver.start({ nik: "3216" });
    const first = driver.job("cek-dtks");
    driver.exhaustJob("cek-dtks");
    const [incident] = driver.state.incidents;

    // when
    const result = driver.send({
      type: "retryIncident",
      incidentId: incident?.id ?? "",
      variables: { nik: "3216010101900001" },
      at: driver.now,
    });

    // then
    expect(result.accepted).toBe(true);
    const second = driver.job("cek-dtks");
    expect(second.jobId).not.toBe(first.jobId);
    expect(second.variables).toMatchObject({ nik: "3216010101900001" });
    expect(caseView(driver.state).status).toBe("active");
    driver.completeJob("cek-dtks", { desil: 2 });
    expect(driver.openTaskElements()).toEqual(["lanjut"]);
  });

  it("a late report of the exhausted job is not accepted", () => {
    const driver = new CaseDriver(plan);
    driver.start();
    const job = driver.job("cek-dtks");
    driver.exhaustJob("cek-dtks");
    expect(driver.send({ type: "jobCompleted", jobId: job.jobId, output: {}, at: driver.now }).accepted).toBe(false);
    expect(driver.send({ type: "jobExhausted", jobId: job.jobId, message: "x", at: driver.now }).accepted).toBe(false);
    expect(driver.state.incidents).toHaveLength(1);
  });

  it("a BPMN error reported by the connector still goes to the error boundary", () => {
    const driver = new CaseDriver(plan);
    driver.start();
    driver.failJob("cek-dtks", "http-404");
    expect(driver.openTaskElements()).toEqual(["manual"]);
    expect(driver.state.incidents).toEqual([]);
  });

  it("a boundary timer still interrupts the element that holds the incident", () => {
    const timed = new PlanBuilder()
      .start("s")
      .serviceTask("kirim", "http")
      .boundary("batas", "kirim", {
        kind: "timer",
        timer: { type: "duration", value: { kind: "literal", value: "P1D" } },
      })
      .userTask("manual")
      .chain("s", "kirim")
      .chain("batas", "manual")
      .build();
    const driver = new CaseDriver(timed);
    driver.start();
    driver.exhaustJob("kirim");
    driver.fireTimer();
    expect(driver.openTaskElements()).toEqual(["manual"]);
    expect(driver.state.incidents).toEqual([]);
  });

  it("an escalation notice that could not be sent is an incident that holds nothing", () => {
    // given: a task past its SLA whose notice to the head failed
    const sla = new PlanBuilder()
      .start("s")
      .userTask("verifikasi", {
        task: {
          roles: ["back-office"],
          documents: [],
          escalateTo: ["kepala-bidang"],
          sla: { value: 1, unit: "workingDays" },
        },
      })
      .end("e")
      .chain("s", "verifikasi", "e")
      .build();
    const driver = new CaseDriver(sla);
    driver.start();
    driver.fireTimer();
    const [notice] = driver.commands("runJob");
    expect(notice?.elementInstanceId).toBeNull();

    // when
    driver.send({ type: "jobExhausted", jobId: notice?.jobId ?? "", message: "SMTP down", at: driver.now });

    // then: visible, the task still open; resolving it clears it and redoes nothing
    const [incident] = driver.state.incidents;
    expect(incident).toMatchObject({ code: "connector-failed", elementId: null, retry: { op: "none" } });
    expect(incident?.message).toContain("SMTP down");
    expect(driver.openTaskElements()).toEqual(["verifikasi"]);
    driver.send({ type: "retryIncident", incidentId: incident?.id ?? "", at: driver.now });
    expect(driver.state.incidents).toEqual([]);
    expect(driver.commands("runJob")).toHaveLength(1);
    driver.completeTask("verifikasi");
    expect(driver.finished?.status).toBe("completed");
  });
});
