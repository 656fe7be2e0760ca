import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";

const duration = (value: string) =>
  ({ kind: "timer", timer: { type: "duration", value: { kind: "literal", value } } }) as const;

describe("event-based gateway", () => {
  // Wait for the provincial decree or give up after 30 days.
  const plan = new PlanBuilder()
    .start("s")
    .gateway("tunggu", "eventBasedGateway")
    .catchEvent("sk-terbit", { kind: "message", messageName: "sk-provinsi", correlationKey: "nomorPermohonan" })
    .catchEvent("kedaluwarsa", duration("P30D"))
    .userTask("rekomendasi")
    .userTask("tanya-provinsi")
    .chain("s", "tunggu")
    .chain("tunggu", "sk-terbit", "rekomendasi")
    .chain("tunggu", "kedaluwarsa", "tanya-provinsi")
    .build();

  it("the message wins: the timer is cancelled", () => {
    const driver = new CaseDriver(plan);
    driver.start({ nomorPermohonan: "ADP-1" });
    const [timer] = driver.liveTimers();
    driver.message("sk-provinsi", { nomorSk: "SK-9" }, "ADP-1");
    expect(driver.openTaskElements()).toEqual(["rekomendasi"]);
    expect(driver.commands("cancelTimer")).toEqual([{ type: "cancelTimer", timerId: timer?.timerId }]);
    expect(driver.variables).toMatchObject({ nomorSk: "SK-9" });
    expect(driver.entered()).toEqual(["s", "tunggu", "sk-terbit", "rekomendasi"]);
  });

  it("the timer wins: a late message no longer correlates, it is only buffered", () => {
    const driver = new CaseDriver(plan);
    driver.start({ nomorPermohonan: "ADP-1" });
    driver.fireTimer();
    expect(driver.openTaskElements()).toEqual(["tanya-provinsi"]);
    expect(driver.message("sk-provinsi", {}, "ADP-1")).toMatchObject({ accepted: true, buffered: true });
  });
});

describe("message catch events and receive tasks", () => {
  it("correlate by name and the key evaluated when the subscription opened", () => {
    // given
    const plan = new PlanBuilder()
      .start("s")
      .node({
        type: "receiveTask",
        id: "terima-putusan",
        messageName: "putusan-pengadilan",
        correlationKey: "nomorPerkara",
      })
      .end("e")
      .chain("s", "terima-putusan", "e")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ nomorPerkara: "12/Pdt.P/2026" });

    // then: the wrong name or key does not correlate
    expect(driver.message("putusan-lain", {}, "12/Pdt.P/2026").accepted).toBe(false);
    expect(driver.message("putusan-pengadilan", {}, "13/Pdt.P/2026")).toMatchObject({ accepted: true, buffered: true });
    expect(driver.message("putusan-pengadilan", {})).toMatchObject({ accepted: true, buffered: true });

    // when
    const result = driver.message("putusan-pengadilan", { dikabulkan: true }, "12/Pdt.P/2026");

    // then
    expect(result.accepted).toBe(true);
    expect(driver.finished).toMatchObject({ status: "completed", variables: { dikabulkan: true } });
    expect(driver.records("messageCorrelated")).toHaveLength(1);
  });

  it("an intermediate message catch event without key takes any message of that name", () => {
    const plan = new PlanBuilder()
      .start("s")
      .catchEvent("c", { kind: "message", messageName: "berkas-lengkap" })
      .end("e")
      .chain("s", "c", "e")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    expect(driver.message("berkas-lengkap", {}, "apa-saja").accepted).toBe(true);
    expect(driver.finished?.status).toBe("completed");
  });
});

describe("signals", () => {
  it("a signal reaches intermediate catch events, boundaries and event subprocess starts", () => {
    // given: a district-wide "bencana" signal
    const plan = new PlanBuilder()
      .start("s")
      .gateway("fork", "parallelGateway")
      .catchEvent("tunggu-sinyal", { kind: "signal", signalName: "bencana" })
      .userTask("kerja")
      .boundary("stop", "kerja", { kind: "signal", signalName: "bencana" })
      .subProcess("darurat", { triggeredByEvent: true })
      .start("ds", {
        scope: "darurat",
        isInterrupting: false,
        eventDefinition: { kind: "signal", signalName: "bencana" },
      })
      .userTask("data-korban", { scope: "darurat" })
      .chain("ds", "data-korban")
      .userTask("setelah-sinyal")
      .userTask("dihentikan")
      .chain("s", "fork")
      .chain("fork", "tunggu-sinyal", "setelah-sinyal")
      .chain("fork", "kerja")
      .chain("stop", "dihentikan")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    expect(driver.send({ type: "signal", name: "lain", payload: {}, at: driver.now }).accepted).toBe(false);

    // when
    driver.send({ type: "signal", name: "bencana", payload: { jenis: "banjir" }, at: driver.now });

    // then
    expect(driver.openTaskElements().sort()).toEqual(["data-korban", "dihentikan", "setelah-sinyal"]);
    expect(driver.commands("closeTask")).toMatchObject([{ status: "cancelled" }]);
  });

  it("a signal throw event serves this case and asks the adapter to broadcast to the others", () => {
    const plan = new PlanBuilder()
      .start("s")
      .gateway("fork", "parallelGateway")
      .catchEvent("dengar", { kind: "signal", signalName: "kuota-habis" })
      .userTask("a")
      .throwEvent("umumkan", { kind: "signal", signalName: "kuota-habis" })
      .userTask("b")
      .chain("s", "fork")
      .chain("fork", "dengar", "a")
      .chain("fork", "umumkan", "b")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    expect(driver.commands("broadcast")).toEqual([{ type: "broadcast", name: "kuota-habis", payload: {} }]);
    expect(driver.openTaskElements().sort()).toEqual(["a", "b"]);
  });
});

describe("escalation", () => {
  it("an escalation thrown in a subprocess is caught by a non-interrupting boundary; work goes on", () => {
    const plan = new PlanBuilder()
      .start("s")
      .subProcess("layanan")
      .start("ls", { scope: "layanan" })
      .throwEvent("eskalasi", { kind: "escalation", escalationCode: "KASUS-BERAT" }, "layanan")
      .userTask("tangani", { scope: "layanan" })
      .chain("ls", "eskalasi", "tangani")
      .boundary("ke-kabid", "layanan", { kind: "escalation", escalationCode: "KASUS-BERAT" }, false)
      .userTask("kabid")
      .chain("s", "layanan")
      .chain("ke-kabid", "kabid")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    expect(driver.openTaskElements().sort()).toEqual(["kabid", "tangani"]);
    expect(driver.records("escalationThrown")).toMatchObject([{ data: { code: "KASUS-BERAT" } }]);
  });

  it("an interrupting escalation boundary cancels the subprocess including the thrower", () => {
    const plan = new PlanBuilder()
      .start("s")
      .subProcess("layanan")
      .start("ls", { scope: "layanan" })
      .gateway("f", "parallelGateway", { scope: "layanan" })
      .userTask("a", { scope: "layanan" })
      .throwEvent("eskalasi", { kind: "escalation", escalationCode: "X" }, "layanan")
      .userTask("tidak-pernah", { scope: "layanan" })
      .chain("ls", "f")
      .chain("f", "a")
      .chain("f", "eskalasi", "tidak-pernah")
      .boundary("stop", "layanan", { kind: "escalation" }, true)
      .userTask("kabid")
      .chain("s", "layanan")
      .chain("stop", "kabid")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    expect(driver.openTaskElements()).toEqual(["kabid"]);
    expect(driver.entered()).not.toContain("tidak-pernah");
  });
});

describe("link events", () => {
  it("a link throw continues at the link catch of the same name", () => {
    const plan = new PlanBuilder()
      .start("s")
      .throwEvent("ke-b", { kind: "link", linkName: "B" })
      .catchEvent("dari-a", { kind: "link", linkName: "B" })
      .userTask("b")
      .chain("s", "ke-b")
      .chain("dari-a", "b")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    expect(driver.openTaskElements()).toEqual(["b"]);
    expect(driver.entered()).toEqual(["s", "ke-b", "dari-a", "b"]);
  });
});

describe("terminate end event", () => {
  it("ends the case at once, cancelling open tasks and timers", () => {
    const plan = new PlanBuilder()
      .start("s")
      .gateway("fork", "parallelGateway")
      .userTask("lama")
      .catchEvent("tunggu", duration("P1D"))
      .userTask("cepat")
      .end("stop", { kind: "terminate" })
      .chain("s", "fork")
      .chain("fork", "lama")
      .chain("fork", "tunggu")
      .chain("fork", "cepat", "stop")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    driver.completeTask("cepat");
    expect(driver.finished?.status).toBe("terminated");
    expect(driver.state.status).toBe("terminated");
    expect(driver.commands("closeTask").filter((c) => c.status === "cancelled")).toHaveLength(1);
    expect(driver.commands("cancelTimer")).toHaveLength(1);
    expect(driver.state.tasks).toEqual({});
    expect(driver.state.subscriptions).toEqual({});
  });

  it("inside a subprocess ends only the subprocess, which then leaves normally", () => {
    const plan = new PlanBuilder()
      .start("s")
      .subProcess("sub")
      .start("ss", { scope: "sub" })
      .gateway("f", "parallelGateway", { scope: "sub" })
      .userTask("dalam", { scope: "sub" })
      .end("stop", { kind: "terminate" }, "sub")
      .chain("ss", "f")
      .chain("f", "dalam")
      .chain("f", "stop")
      .userTask("setelah")
      .chain("s", "sub", "setelah")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    expect(driver.openTaskElements()).toEqual(["setelah"]);
    expect(driver.state.status).toBe("active");
  });
});

describe("cancel", () => {
  it("cancels the whole case", () => {
    const plan = new PlanBuilder().start("s").userTask("a").chain("s", "a").build();
    const driver = new CaseDriver(plan);
    driver.start();
    driver.send({ type: "cancel", reason: "ditarik pemohon", at: driver.now });
    expect(driver.finished?.status).toBe("cancelled");
    expect(driver.commands("closeTask")).toMatchObject([{ status: "cancelled" }]);
    expect(driver.send({ type: "cancel", reason: "lagi", at: driver.now }).accepted).toBe(false);
  });
});
