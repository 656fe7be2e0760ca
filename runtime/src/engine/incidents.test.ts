import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";
import { caseView } from "./case-view";

/** The one open incident of the case (a test failure if there is not exactly one). */
const onlyIncident = (driver: CaseDriver) => {
  expect(driver.state.incidents).toHaveLength(1);
  return driver.state.incidents[0] as (typeof driver.state.incidents)[number];
};

const retry = (driver: CaseDriver, incidentId: string, variables?: Record<string, unknown>) =>
  driver.send({ type: "retryIncident", incidentId, at: driver.now, ...(variables ? { variables } : {}) });

describe("retrying incidents", () => {
  it("a gateway without a matching flow decides again with the variables the admin fixed", () => {
    // given: a decision on a variable the applicant form did not deliver
    const plan = new PlanBuilder()
      .start("s")
      .gateway("layak", "exclusiveGateway")
      .userTask("setujui")
      .userTask("tolak")
      .chain("s", "layak")
      .flow("layak", "setujui", 'status = "layak"')
      .flow("layak", "tolak", 'status = "tidak"')
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ status: "?" });
    const incident = onlyIncident(driver);
    expect(incident).toMatchObject({ code: "no-matching-flow", elementId: "layak" });
    expect(caseView(driver.state).status).toBe("incident");

    // when
    const result = retry(driver, incident.id, { status: "layak" });

    // then
    expect(result.accepted).toBe(true);
    expect(driver.openTaskElements()).toEqual(["setujui"]);
    expect(driver.state.incidents).toEqual([]);
    expect(caseView(driver.state).status).toBe("active");
    expect(driver.records("incidentResolved")).toMatchObject([
      { elementId: "layak", data: { incidentId: incident.id, reason: "retried", variables: ["status"] } },
    ]);
  });

  it("an unknown or already resolved incident is not accepted", () => {
    const plan = new PlanBuilder()
      .start("s")
      .gateway("g", "exclusiveGateway")
      .userTask("a")
      .chain("s", "g")
      .flow("g", "a", "ok = true")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    expect(retry(driver, "x999").accepted).toBe(false);
    const incident = onlyIncident(driver);
    // without a fix the same incident comes back under a new id
    expect(retry(driver, incident.id).accepted).toBe(true);
    expect(retry(driver, incident.id).accepted).toBe(false);
    expect(driver.state.incidents).toHaveLength(1);
    expect(driver.state.incidents[0]?.id).not.toBe(incident.id);
  });

  it("an uncaught BPMN error from a connector runs the job again", () => {
    const plan = new PlanBuilder()
      .start("s")
      .serviceTask("kirim")
      .userTask("lanjut")
      .chain("s", "kirim", "lanjut")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    const first = driver.job("kirim");
    driver.failJob("kirim", "SIKS_DOWN");
    const incident = onlyIncident(driver);
    expect(incident.code).toBe("unhandled-error");

    retry(driver, incident.id);

    const second = driver.job("kirim");
    expect(second.jobId).not.toBe(first.jobId);
    driver.completeJob("kirim", { terkirim: true });
    expect(driver.openTaskElements()).toEqual(["lanjut"]);
    expect(driver.variables.terkirim).toBe(true);
  });

  it("an input mapping is evaluated again on retry, not skipped", () => {
    // FEEL maps most bad data to null, so a mapping fails only on a broken expression: the
    // retry evaluates it again and the incident comes back (under a new id) instead of the
    // element running without its inputs.
    const plan = new PlanBuilder()
      .start("s")
      .userTask("nilai", { io: { inputs: [{ source: "((", target: "x" }], outputs: [] } })
      .chain("s", "nilai")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    const incident = onlyIncident(driver);
    expect(incident).toMatchObject({ code: "input-mapping-error", retry: { op: "enter" } });

    retry(driver, incident.id);

    expect(onlyIncident(driver)).toMatchObject({ code: "input-mapping-error", elementId: "nilai" });
    expect(driver.state.incidents[0]?.id).not.toBe(incident.id);
    expect(driver.commands("openTask")).toEqual([]);
  });

  it("a failed completion keeps the task's result: no true outgoing condition, then fixed", () => {
    const plan = new PlanBuilder()
      .start("s")
      .userTask("nilai", { io: { inputs: [], outputs: [{ source: "skor * bobot", target: "nilaiAkhir" }] } })
      .userTask("setelah")
      .chain("s", "nilai")
      .flow("nilai", "setelah", "nilaiAkhir >= 50")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ bobot: 5 });
    driver.completeTask("nilai", { skor: 7 });
    const incident = onlyIncident(driver);
    expect(incident).toMatchObject({ code: "condition-error", retry: { op: "complete", output: { skor: 7 } } });

    // the output mapping runs again on the kept result with the fixed weight
    retry(driver, incident.id, { bobot: 10 });

    expect(driver.variables.nilaiAkhir).toBe(70);
    expect(driver.openTaskElements()).toEqual(["setelah"]);
  });

  it("a conditional flow out of a task that fails is evaluated again", () => {
    const plan = new PlanBuilder()
      .start("s")
      .userTask("periksa")
      .userTask("lanjut")
      .chain("s", "periksa")
      .flow("periksa", "lanjut", "skor > batas")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ batas: "x" });
    driver.completeTask("periksa", { skor: 5 });
    const incident = onlyIncident(driver);
    expect(incident.code).toBe("condition-error");

    retry(driver, incident.id, { batas: 3 });

    expect(driver.openTaskElements()).toEqual(["lanjut"]);
    expect(driver.variables.skor).toBe(5);
  });

  it("a multi-instance collection that was not a list is evaluated again", () => {
    const plan = new PlanBuilder()
      .start("s")
      .userTask("kunjungan", {
        multiInstance: { isSequential: false, inputCollection: "anggota", inputElement: "orang" },
      })
      .chain("s", "kunjungan")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ anggota: "Ani" });
    const incident = onlyIncident(driver);
    expect(incident.code).toBe("input-collection-error");

    retry(driver, incident.id, { anggota: ["Ani", "Budi"] });

    expect(driver.openTaskElements()).toEqual(["kunjungan", "kunjungan"]);
  });

  it("a boundary timer that could not start does not hold the task; the retry starts it", () => {
    const plan = new PlanBuilder()
      .start("s")
      .userTask("verifikasi")
      .boundary("batas", "verifikasi", {
        kind: "timer",
        timer: { type: "duration", value: { kind: "feel", source: "tenggat" } },
      })
      .userTask("eskalasi")
      .chain("s", "verifikasi")
      .chain("batas", "eskalasi")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ tenggat: 3 });
    const incident = onlyIncident(driver);
    expect(incident).toMatchObject({ code: "timer-error", elementId: "batas" });
    expect(driver.openTaskElements()).toEqual(["verifikasi"]);
    expect(driver.liveTimers()).toEqual([]);

    retry(driver, incident.id, { tenggat: "P3D" });

    expect(driver.liveTimers()).toHaveLength(1);
    driver.fireTimer();
    expect(driver.openTaskElements()).toEqual(["eskalasi"]);
  });

  it("a failed child case is started again", () => {
    const plan = new PlanBuilder()
      .start("s")
      .node({
        type: "callActivity",
        id: "telusuri",
        calledProcess: { kind: "literal", value: "penelusuran" },
        propagateAllChildVariables: true,
      })
      .userTask("setelah")
      .chain("s", "telusuri", "setelah")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    const [first] = driver.commands("startChild");
    driver.send({ type: "childFailed", childId: first?.childId ?? "", error: { message: "rusak" }, at: driver.now });
    retry(driver, onlyIncident(driver).id);
    const [, second] = driver.commands("startChild");
    expect(second?.childId).toBeDefined();
    expect(second?.childId).not.toBe(first?.childId);
    driver.send({ type: "childCompleted", childId: second?.childId ?? "", output: {}, at: driver.now });
    expect(driver.openTaskElements()).toEqual(["setelah"]);
  });

  it("an element interrupted while it holds an incident takes the incident with it", () => {
    const plan = new PlanBuilder()
      .start("s")
      .serviceTask("kirim")
      .boundary("batas", "kirim", {
        kind: "timer",
        timer: { type: "duration", value: { kind: "literal", value: "P1D" } },
      })
      .userTask("manual")
      .chain("s", "kirim")
      .chain("batas", "manual")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    driver.failJob("kirim", "GAGAL");
    expect(driver.state.incidents).toHaveLength(1);
    driver.fireTimer();
    expect(driver.state.incidents).toEqual([]);
    expect(driver.records("incidentResolved")).toMatchObject([{ data: { reason: "elementLeft" } }]);
    expect(caseView(driver.state).status).toBe("active");
  });
});
