import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";
import { MI_STEPS_PER_ITEM } from "./multi-instance";

/** A parallel multi-instance subprocess per item: start → script (doubles the item) → end. */
const perItemPlan = () =>
  new PlanBuilder()
    .start("s")
    .subProcess("per-kpm", {
      multiInstance: {
        isSequential: false,
        inputCollection: "kpm",
        inputElement: "k",
        outputCollection: "hasil",
        outputElement: "dobel",
      },
    })
    .start("ps", { scope: "per-kpm" })
    .node({ type: "scriptTask", id: "hitung", scope: "per-kpm", expression: "k * 2", resultVariable: "dobel" })
    .end("pe", undefined, "per-kpm")
    .chain("ps", "hitung", "pe")
    .userTask("rekap")
    .chain("s", "per-kpm", "rekap")
    .build();

describe("loop guard and large multi-instance", () => {
  it("a parallel multi-instance over 5,000 items runs to the end without tripping the guard", () => {
    // given: 5,000 items × ~5 agenda steps each, far above the default 10,000 steps per event
    const driver = new CaseDriver(perItemPlan());
    const kpm = Array.from({ length: 5000 }, (_, i) => i);

    // when
    driver.start({ kpm });

    // then
    expect(driver.state.incidents).toEqual([]);
    expect(driver.openTaskElements()).toEqual(["rekap"]);
    const hasil = driver.variables.hasil as number[];
    expect(hasil).toHaveLength(5000);
    expect(hasil[4999]).toBe(9998);
  });

  it("a sequential multi-instance over 5,000 items runs one item after the other in the same step", () => {
    const plan = new PlanBuilder()
      .start("s")
      .node({
        type: "scriptTask",
        id: "hitung",
        expression: "k + 1",
        resultVariable: "hasil",
        multiInstance: {
          isSequential: true,
          inputCollection: "kpm",
          inputElement: "k",
          outputCollection: "semua",
          outputElement: "hasil",
        },
      })
      .end("e")
      .chain("s", "hitung", "e")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ kpm: Array.from({ length: 5000 }, (_, i) => i) });
    expect(driver.finished?.status).toBe("completed");
    expect(driver.variables.semua).toHaveLength(5000);
    expect((driver.variables.semua as number[])[4999]).toBe(5000);
  });

  it("an endless loop inside a multi-instance item still trips the guard", () => {
    // given: each item loops between two gateways forever
    const plan = new PlanBuilder()
      .start("s")
      .subProcess("per-item", { multiInstance: { isSequential: false, inputCollection: "items" } })
      .start("ps", { scope: "per-item" })
      .gateway("g1", "exclusiveGateway", { scope: "per-item" })
      .gateway("g2", "exclusiveGateway", { scope: "per-item" })
      .chain("ps", "g1", "g2", "g1")
      .chain("s", "per-item")
      .build();
    const driver = new CaseDriver(plan, { maxStepsPerEvent: 500 });

    // when
    driver.start({ items: [1, 2, 3] });

    // then: stopped after the base budget plus the per-item allowance
    expect(driver.state.incidents).toMatchObject([{ code: "too-many-steps" }]);
    expect(driver.state.incidents[0]?.message).toContain(String(500 + 3 * MI_STEPS_PER_ITEM));
    expect(driver.finished?.status).toBe("incident");
  });

  it("5,000 open item tasks with SLA timers are all cancelled by one boundary event", () => {
    // given: every item is a user task with its own SLA timer (10,000 subscriptions and timers)
    const plan = new PlanBuilder()
      .start("s")
      .userTask("kunjungan", {
        multiInstance: { isSequential: false, inputCollection: "kpm" },
        task: { roles: ["peksos"], documents: [], escalateTo: [], sla: { value: 2, unit: "workingDays" } },
      })
      .boundary("batas", "kunjungan", {
        kind: "timer",
        timer: { type: "duration", value: { kind: "literal", value: "P30D" } },
      })
      .userTask("laporkan")
      .chain("s", "kunjungan")
      .chain("batas", "laporkan")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ kpm: Array.from({ length: 5000 }, (_, i) => i) });
    expect(Object.keys(driver.state.tasks)).toHaveLength(5000);
    const boundaryTimer = driver.commands("startTimer")[0];

    // when
    driver.fireTimer(boundaryTimer?.timerId);

    // then every task left the inboxes and every SLA timer was cancelled
    expect(driver.openTaskElements()).toEqual(["laporkan"]);
    expect(driver.commands("closeTask").filter((c) => c.status === "cancelled")).toHaveLength(5000);
    expect(driver.commands("cancelTimer")).toHaveLength(5000);
    expect(Object.keys(driver.state.subscriptions)).toHaveLength(0);
  });
});
