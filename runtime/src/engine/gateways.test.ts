import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";
import { caseView } from "./case-view";

describe("exclusive gateway", () => {
  const plan = new PlanBuilder()
    .start("s")
    .gateway("cek", "exclusiveGateway", { defaultFlow: "cek->rujuk" })
    .userTask("pulang")
    .userTask("rujuk")
    .userTask("luar")
    .end("e1")
    .chain("s", "cek")
    .flow("cek", "pulang", "keluargaDitemukan = true")
    .flow("cek", "luar", "provinsi != null")
    .flow("cek", "rujuk")
    .build();

  it("takes the first flow whose condition holds", () => {
    const driver = new CaseDriver(plan);
    driver.start({ keluargaDitemukan: true, provinsi: "Jawa Barat" });
    expect(driver.openTaskElements()).toEqual(["pulang"]);
  });

  it("takes the default flow when no condition holds", () => {
    const driver = new CaseDriver(plan);
    driver.start({ keluargaDitemukan: false, provinsi: null });
    expect(driver.openTaskElements()).toEqual(["rujuk"]);
  });

  it("raises an incident when no condition holds and there is no default flow", () => {
    // given
    const strict = new PlanBuilder()
      .start("s")
      .gateway("cek", "exclusiveGateway")
      .userTask("a")
      .chain("s", "cek")
      .flow("cek", "a", "x > 1")
      .build();
    const driver = new CaseDriver(strict);

    // when
    const result = driver.start({ x: 0 });

    // then: the token waits at the gateway with an incident; nothing is thrown
    expect(result.accepted).toBe(true);
    expect(driver.state.incidents).toMatchObject([{ elementId: "cek", code: "no-matching-flow" }]);
    expect(caseView(driver.state)).toMatchObject({ status: "incident", activeElements: ["cek"] });
    expect(driver.records("incident")).toHaveLength(1);
  });

  it("turns a FEEL error in a condition into an incident", () => {
    const bad = new PlanBuilder()
      .start("s")
      .gateway("cek", "exclusiveGateway")
      .userTask("a")
      .chain("s", "cek")
      .flow("cek", "a", "x >>> 1")
      .build();
    const driver = new CaseDriver(bad);
    driver.start({ x: 0 });
    expect(driver.state.incidents[0]).toMatchObject({ code: "condition-error", elementId: "cek" });
  });
});

describe("parallel gateway", () => {
  it("forks into all branches and the join waits for every incoming token", () => {
    // given
    const plan = new PlanBuilder()
      .start("s")
      .gateway("fork", "parallelGateway")
      .userTask("a")
      .userTask("b")
      .userTask("c")
      .gateway("join", "parallelGateway")
      .userTask("setelah")
      .chain("s", "fork")
      .chain("fork", "a", "join")
      .chain("fork", "b", "join")
      .chain("fork", "c", "join")
      .chain("join", "setelah")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    expect(driver.openTaskElements()).toEqual(["a", "b", "c"]);

    // when two of three branches complete
    driver.completeTask("a");
    driver.completeTask("c");

    // then the join still waits
    expect(driver.openTaskElements()).toEqual(["b"]);
    expect(driver.entered()).not.toContain("join");

    // when the last branch completes
    driver.completeTask("b");

    // then the join fires exactly once
    expect(driver.openTaskElements()).toEqual(["setelah"]);
    expect(driver.entered().filter((id) => id === "join")).toHaveLength(1);
  });
});

describe("inclusive gateway", () => {
  // fork: a always, b if butuhVisit, c if butuhRujuk; join waits for the started ones only.
  const plan = new PlanBuilder()
    .start("s")
    .gateway("fork", "inclusiveGateway")
    .userTask("a")
    .userTask("b")
    .userTask("c")
    .userTask("b2")
    .gateway("join", "inclusiveGateway")
    .userTask("setelah")
    .chain("s", "fork")
    .flow("fork", "a")
    .flow("fork", "b", "butuhVisit")
    .flow("fork", "c", "butuhRujuk")
    .chain("a", "join")
    .chain("b", "b2", "join")
    .chain("c", "join")
    .chain("join", "setelah")
    .build();

  it("starts every branch whose condition holds", () => {
    const driver = new CaseDriver(plan);
    driver.start({ butuhVisit: true, butuhRujuk: false });
    expect(driver.openTaskElements()).toEqual(["a", "b"]);
  });

  it("joins as soon as no other token can still arrive (BPMN 2.0 §13.4.5)", () => {
    // given two of three branches started
    const driver = new CaseDriver(plan);
    driver.start({ butuhVisit: true, butuhRujuk: false });

    // when a completes, the token on b can still reach the join
    driver.completeTask("a");
    expect(driver.openTaskElements()).toEqual(["b"]);

    // when b completes, b2 is still upstream of the join
    driver.completeTask("b");
    expect(driver.openTaskElements()).toEqual(["b2"]);

    // when b2 completes, nothing else can arrive: the join fires once
    driver.completeTask("b2");
    expect(driver.openTaskElements()).toEqual(["setelah"]);
    expect(driver.entered().filter((id) => id === "join")).toHaveLength(1);
  });

  it("joins a single started branch at once", () => {
    const driver = new CaseDriver(plan);
    driver.start({ butuhVisit: false, butuhRujuk: false });
    driver.completeTask("a");
    expect(driver.openTaskElements()).toEqual(["setelah"]);
  });

  it("falls back to the default flow when no condition holds", () => {
    const onlyConditional = new PlanBuilder()
      .start("s")
      .gateway("fork", "inclusiveGateway", { defaultFlow: "fork->d" })
      .userTask("b")
      .userTask("d")
      .chain("s", "fork")
      .flow("fork", "b", "false")
      .flow("fork", "d")
      .build();
    const driver = new CaseDriver(onlyConditional);
    driver.start();
    expect(driver.openTaskElements()).toEqual(["d"]);
  });
});

describe("loops", () => {
  it("loops back through gateways until the condition changes", () => {
    // given: revise until the documents are complete
    const plan = new PlanBuilder()
      .start("s")
      .gateway("masuk", "exclusiveGateway")
      .userTask("periksa")
      .gateway("lengkap?", "exclusiveGateway", { defaultFlow: "lengkap?->masuk" })
      .end("e")
      .chain("s", "masuk", "periksa", "lengkap?")
      .flow("lengkap?", "e", "lengkap = true")
      .flow("lengkap?", "masuk")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();

    // when
    driver.completeTask("periksa", { lengkap: false });
    driver.completeTask("periksa", { lengkap: false });
    driver.completeTask("periksa", { lengkap: true });

    // then
    expect(driver.entered().filter((id) => id === "periksa")).toHaveLength(3);
    expect(driver.finished?.status).toBe("completed");
    expect(new Set(driver.commands("openTask").map((t) => t.taskId)).size).toBe(3);
  });

  it("stops a loop without wait states with an incident instead of spinning forever", () => {
    // given: a cycle of gateways that never waits
    const plan = new PlanBuilder()
      .start("s")
      .gateway("g1", "exclusiveGateway")
      .gateway("g2", "exclusiveGateway")
      .chain("s", "g1", "g2", "g1")
      .build();
    const driver = new CaseDriver(plan, { maxStepsPerEvent: 200 });

    // when
    const result = driver.start();

    // then
    expect(result.accepted).toBe(true);
    expect(driver.state.incidents).toMatchObject([{ code: "too-many-steps" }]);
    expect(driver.finished?.status).toBe("incident");
    expect(caseView(driver.state).status).toBe("incident");
  });
});
