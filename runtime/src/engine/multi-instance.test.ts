import type { MultiInstance } from "@alur/shared/plan";
import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";
import { caseView } from "./case-view";

const visitPlan = (multiInstance: MultiInstance) =>
  new PlanBuilder()
    .start("s")
    .userTask("kunjungan", { multiInstance })
    .userTask("rekap")
    .chain("s", "kunjungan", "rekap")
    .build();

const base = {
  inputCollection: "anggota",
  inputElement: "orang",
  outputCollection: "hasil",
  outputElement: "{nama: orang, layak: layak}",
};

describe("parallel multi-instance", () => {
  it("opens one task per item and collects outputElement in item order", () => {
    // given
    const driver = new CaseDriver(visitPlan({ ...base, isSequential: false }));
    driver.start({ anggota: ["Ani", "Budi", "Citra"] });
    const tasks = driver.commands("openTask");
    expect(tasks).toHaveLength(3);
    const locals = tasks.map((t) => driver.state.instances[t.elementInstanceId]?.variables);
    expect(locals).toEqual([
      { orang: "Ani", loopCounter: 1 },
      { orang: "Budi", loopCounter: 2 },
      { orang: "Citra", loopCounter: 3 },
    ]);

    // when completed out of order
    const [ani, budi, citra] = tasks;
    for (const [task, layak] of [
      [citra, false],
      [ani, true],
      [budi, true],
    ] as const) {
      driver.send({
        type: "taskCompleted",
        taskId: task?.taskId ?? "",
        actor: { userId: "peksos", roles: [], district: null },
        data: { layak },
        at: driver.now,
      });
    }

    // then outputs keep the item order, and item results do not leak into the case
    expect(driver.variables.hasil).toEqual([
      { nama: "Ani", layak: true },
      { nama: "Budi", layak: true },
      { nama: "Citra", layak: false },
    ]);
    expect(driver.variables).not.toHaveProperty("layak");
    expect(driver.openTaskElements()).toEqual(["rekap"]);
  });

  it("stops early when the completion condition holds and cancels the rest", () => {
    const driver = new CaseDriver(
      visitPlan({ ...base, isSequential: false, completionCondition: "numberOfCompletedInstances >= 2" }),
    );
    driver.start({ anggota: ["Ani", "Budi", "Citra"] });
    driver.completeTask("kunjungan", { layak: true });
    driver.completeTask("kunjungan", { layak: true });
    expect(driver.commands("closeTask").map((c) => c.status)).toEqual(["completed", "completed", "cancelled"]);
    expect(driver.variables.hasil).toEqual([{ nama: "Ani", layak: true }, { nama: "Budi", layak: true }, null]);
    expect(driver.openTaskElements()).toEqual(["rekap"]);
  });
});

describe("sequential multi-instance", () => {
  it("runs one item after the other with numberOfInstances and loopCounter", () => {
    const driver = new CaseDriver(visitPlan({ ...base, isSequential: true }));
    driver.start({ anggota: ["Ani", "Budi"] });
    expect(driver.commands("openTask")).toHaveLength(1);
    const body = Object.values(driver.state.instances).find((i) => i.kind === "multiInstanceBody");
    expect(body?.variables).toMatchObject({ numberOfInstances: 2, numberOfCompletedInstances: 0 });

    driver.completeTask("kunjungan", { layak: false });
    const second = driver.task("kunjungan");
    expect(driver.state.instances[second.elementInstanceId]?.variables).toEqual({ orang: "Budi", loopCounter: 2 });

    driver.completeTask("kunjungan", { layak: true });
    expect(driver.variables.hasil).toEqual([
      { nama: "Ani", layak: false },
      { nama: "Budi", layak: true },
    ]);
  });

  it("passes an empty collection straight through with an empty output", () => {
    const driver = new CaseDriver(visitPlan({ ...base, isSequential: true }));
    driver.start({ anggota: [] });
    expect(driver.openTaskElements()).toEqual(["rekap"]);
    expect(driver.variables.hasil).toEqual([]);
  });

  it("a collection that is not a list is an incident", () => {
    const driver = new CaseDriver(visitPlan({ ...base, isSequential: true }));
    driver.start({ anggota: "Ani" });
    expect(driver.state.incidents).toMatchObject([{ elementId: "kunjungan", code: "input-collection-error" }]);
    expect(caseView(driver.state).status).toBe("incident");
  });
});

describe("multi-instance subprocess and service task", () => {
  it("runs a subprocess per item and a boundary on the body interrupts all of them", () => {
    const plan = new PlanBuilder()
      .start("s")
      .subProcess("per-kpm", { multiInstance: { isSequential: false, inputCollection: "kpm", inputElement: "k" } })
      .start("ps", { scope: "per-kpm" })
      .userTask("salurkan", { scope: "per-kpm" })
      .chain("ps", "salurkan")
      .boundary("batas", "per-kpm", {
        kind: "timer",
        timer: { type: "duration", value: { kind: "literal", value: "P2D" } },
      })
      .userTask("laporkan")
      .userTask("selesai")
      .chain("s", "per-kpm", "selesai")
      .chain("batas", "laporkan")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ kpm: [1, 2] });
    expect(driver.openTaskElements()).toEqual(["salurkan", "salurkan"]);
    driver.fireTimer();
    expect(driver.commands("closeTask").map((c) => c.status)).toEqual(["cancelled", "cancelled"]);
    expect(driver.openTaskElements()).toEqual(["laporkan"]);
  });

  it("runs one job per item", () => {
    const plan = new PlanBuilder()
      .start("s")
      .serviceTask("notifikasi", "notify", {
        multiInstance: { isSequential: false, inputCollection: "penerima", inputElement: "p" },
      })
      .end("e")
      .chain("s", "notifikasi", "e")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ penerima: ["a", "b"] });
    const jobs = driver.commands("runJob");
    expect(jobs.map((j) => j.variables.p)).toEqual(["a", "b"]);
    for (const job of jobs) driver.send({ type: "jobCompleted", jobId: job.jobId, output: {}, at: driver.now });
    expect(driver.finished?.status).toBe("completed");
  });
});
