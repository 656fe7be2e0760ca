import { describe, expect, it } from "vitest";
import { CaseDriver } from "./test-support/case-driver";
import { PlanBuilder } from "./test-support/plan-builder";

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
});
