import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";

// Parent: the LKS recommendation calls the field verification process as a child case.
const parentPlan = (cancelActivity: boolean) =>
  new PlanBuilder()
    .start("s")
    .node({
      type: "callActivity",
      id: "verifikasi-lapangan",
      calledProcess: { kind: "literal", value: "verifikasi" },
      propagateAllChildVariables: true,
    })
    .boundary(
      "perlu-kepala",
      "verifikasi-lapangan",
      { kind: "escalation", escalationCode: "ALAMAT_TIDAK_DITEMUKAN" },
      cancelActivity,
    )
    .userTask("putuskan")
    .userTask("beritahu-kepala")
    .chain("s", "verifikasi-lapangan", "putuskan")
    .chain("perlu-kepala", "beritahu-kepala")
    .build();

// Child: the field officer cannot find the address and escalates.
const childPlan = new PlanBuilder("verifikasi")
  .start("s")
  .userTask("kunjungi")
  .throwEvent("eskalasi", { kind: "escalation", escalationCode: "ALAMAT_TIDAK_DITEMUKAN" })
  .userTask("cari-lagi")
  .chain("s", "kunjungi", "eskalasi", "cari-lagi")
  .build();

describe("escalation from a child case to the parent's call activity", () => {
  it("the child asks to pass an escalation it does not catch itself on to its parent and goes on", () => {
    const child = new CaseDriver(childPlan);
    child.start();
    child.completeTask("kunjungi");
    expect(child.commands("escalate")).toEqual([
      { type: "escalate", code: "ALAMAT_TIDAK_DITEMUKAN", elementId: "eskalasi" },
    ]);
    expect(child.openTaskElements()).toEqual(["cari-lagi"]);
  });

  it("an escalation the child catches itself is not passed on", () => {
    const catching = new PlanBuilder("verifikasi")
      .start("s")
      .subProcess("sub")
      .start("ss", { scope: "sub" })
      .end("se", { kind: "escalation", escalationCode: "X" }, "sub")
      .chain("ss", "se")
      .boundary("tangkap", "sub", { kind: "escalation" }, false)
      .end("e1")
      .end("e2")
      .chain("s", "sub", "e1")
      .chain("tangkap", "e2")
      .build();
    const child = new CaseDriver(catching);
    child.start();
    expect(child.commands("escalate")).toEqual([]);
    expect(child.finished?.status).toBe("completed");
  });

  it("a non-interrupting escalation boundary on the call activity fires and the child keeps running", () => {
    const parent = new CaseDriver(parentPlan(false));
    parent.start();
    const [child] = parent.commands("startChild");

    const result = parent.send({
      type: "childEscalated",
      childId: child?.childId ?? "",
      code: "ALAMAT_TIDAK_DITEMUKAN",
      at: parent.now,
    });

    expect(result.accepted).toBe(true);
    expect(parent.openTaskElements()).toEqual(["beritahu-kepala"]);
    expect(parent.commands("cancelChild")).toEqual([]);
    expect(parent.records("escalationThrown")).toMatchObject([
      { elementId: "verifikasi-lapangan", data: { code: "ALAMAT_TIDAK_DITEMUKAN" } },
    ]);
    // the child still completes the call activity later
    parent.send({ type: "childCompleted", childId: child?.childId ?? "", output: {}, at: parent.now });
    expect(parent.openTaskElements().sort()).toEqual(["beritahu-kepala", "putuskan"]);
  });

  it("an interrupting escalation boundary cancels the call activity and with it the child", () => {
    const parent = new CaseDriver(parentPlan(true));
    parent.start();
    const [child] = parent.commands("startChild");
    parent.send({
      type: "childEscalated",
      childId: child?.childId ?? "",
      code: "ALAMAT_TIDAK_DITEMUKAN",
      at: parent.now,
    });
    expect(parent.commands("cancelChild")).toEqual([{ type: "cancelChild", childId: child?.childId }]);
    expect(parent.openTaskElements()).toEqual(["beritahu-kepala"]);
    // a late result of the cancelled child is ignored
    const late = parent.send({ type: "childCompleted", childId: child?.childId ?? "", output: {}, at: parent.now });
    expect(late.accepted).toBe(false);
  });

  it("an escalation no boundary catches goes up to an escalation event subprocess, else further up", () => {
    const withEsp = new PlanBuilder()
      .start("s")
      .node({
        type: "callActivity",
        id: "panggil",
        calledProcess: { kind: "literal", value: "verifikasi" },
        propagateAllChildVariables: true,
      })
      .subProcess("tangani", { triggeredByEvent: true })
      .start("ts", { scope: "tangani", isInterrupting: false, eventDefinition: { kind: "escalation" } })
      .userTask("catat", { scope: "tangani" })
      .chain("ts", "catat")
      .end("e")
      .chain("s", "panggil", "e")
      .build();
    const parent = new CaseDriver(withEsp);
    parent.start();
    const [child] = parent.commands("startChild");
    parent.send({ type: "childEscalated", childId: child?.childId ?? "", code: "APA_SAJA", at: parent.now });
    expect(parent.openTaskElements()).toEqual(["catat"]);
    expect(parent.commands("escalate")).toEqual([]);

    // no catch at all: passed on again (the parent may itself be a child)
    const bare = new PlanBuilder()
      .start("s")
      .node({
        type: "callActivity",
        id: "panggil",
        calledProcess: { kind: "literal", value: "verifikasi" },
        propagateAllChildVariables: true,
      })
      .end("e")
      .chain("s", "panggil", "e")
      .build();
    const top = new CaseDriver(bare);
    top.start();
    const [c] = top.commands("startChild");
    expect(top.send({ type: "childEscalated", childId: c?.childId ?? "", code: "Z", at: top.now }).accepted).toBe(true);
    expect(top.commands("escalate")).toEqual([{ type: "escalate", code: "Z", elementId: "panggil" }]);
    expect(top.send({ type: "childEscalated", childId: "tidak-ada", code: "Z", at: top.now }).accepted).toBe(false);
  });
});

describe("BPMN errors from a child case to the parent's call activity", () => {
  const call = (boundary: boolean) => {
    const builder = new PlanBuilder()
      .start("s")
      .node({
        type: "callActivity",
        id: "cek-dtks",
        calledProcess: { kind: "literal", value: "cek" },
        propagateAllChildVariables: true,
      })
      .userTask("lanjut")
      .chain("s", "cek-dtks", "lanjut");
    if (boundary) {
      builder.boundary("tidak-terdaftar", "cek-dtks", { kind: "error", errorCode: "NOT_IN_DTKS" }).userTask("usulkan");
      builder.chain("tidak-terdaftar", "usulkan");
    }
    return builder.build();
  };

  it("the child keeps an incident for an error it does not catch and asks to pass it to the parent", () => {
    const child = new CaseDriver(
      new PlanBuilder("cek")
        .start("s")
        .end("gagal", { kind: "error", errorCode: "NOT_IN_DTKS" })
        .chain("s", "gagal")
        .build(),
    );
    child.start();
    expect(child.state.incidents).toMatchObject([{ code: "unhandled-error", elementId: "gagal" }]);
    expect(child.commands("uncaughtError")).toMatchObject([{ code: "NOT_IN_DTKS", elementId: "gagal" }]);

    // a connector's uncaught BPMN error is passed on the same way
    const withJob = new CaseDriver(new PlanBuilder("cek").start("s").serviceTask("siks").chain("s", "siks").build());
    withJob.start();
    withJob.failJob("siks", "SIKS_DOWN", "tidak ada jawaban");
    expect(withJob.commands("uncaughtError")).toEqual([
      { type: "uncaughtError", code: "SIKS_DOWN", message: "tidak ada jawaban", elementId: "siks" },
    ]);
  });

  it("the call activity's error boundary catches it and cancels the child", () => {
    const parent = new CaseDriver(call(true));
    parent.start();
    const [child] = parent.commands("startChild");
    const result = parent.send({
      type: "childErrored",
      childId: child?.childId ?? "",
      code: "NOT_IN_DTKS",
      message: "NIK tidak ada di DTKS",
      at: parent.now,
    });
    expect(result.accepted).toBe(true);
    expect(parent.commands("cancelChild")).toEqual([{ type: "cancelChild", childId: child?.childId }]);
    expect(parent.openTaskElements()).toEqual(["usulkan"]);
    expect(parent.state.incidents).toEqual([]);
  });

  it("uncaught in the parent too, it goes further up; the child keeps the incident and may still finish", () => {
    const parent = new CaseDriver(call(false));
    parent.start();
    const [child] = parent.commands("startChild");
    parent.send({ type: "childErrored", childId: child?.childId ?? "", code: "X", message: "m", at: parent.now });
    expect(parent.state.incidents).toEqual([]);
    expect(parent.commands("uncaughtError")).toEqual([
      { type: "uncaughtError", code: "X", message: "m", elementId: "cek-dtks" },
    ]);
    expect(parent.commands("cancelChild")).toEqual([]);
    // the admin retries the child's incident there; its completion continues the parent
    parent.send({ type: "childCompleted", childId: child?.childId ?? "", output: {}, at: parent.now });
    expect(parent.openTaskElements()).toEqual(["lanjut"]);
  });
});
