/**
 * BPMN 2.0 execution semantics checked element by element (OMG BPMN 2.0.2, chapter 13 "BPMN
 * Execution Semantics", and Zeebe where the spec leaves a choice). Each test names the rule.
 */
import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";

const duration = (value: string) =>
  ({ kind: "timer", timer: { type: "duration", value: { kind: "literal", value } } }) as const;

describe("inclusive join reachability through link events", () => {
  // fork → a → link throw "L" … link catch "L" → c → join; fork → b → join
  const plan = new PlanBuilder()
    .start("s")
    .gateway("fork", "inclusiveGateway")
    .userTask("a")
    .throwEvent("ke-l", { kind: "link", linkName: "L" })
    .catchEvent("dari-l", { kind: "link", linkName: "L" })
    .userTask("c")
    .userTask("b")
    .gateway("join", "inclusiveGateway")
    .userTask("setelah")
    .chain("s", "fork")
    .chain("fork", "a", "ke-l")
    .chain("dari-l", "c", "join")
    .chain("fork", "b", "join")
    .chain("join", "setelah")
    .build();

  it("the join waits for a token that can still arrive through a link pair", () => {
    const driver = new CaseDriver(plan);
    driver.start();
    driver.completeTask("b");
    // a's token reaches the join through ke-l → dari-l → c: the join must not fire yet
    expect(driver.openTaskElements()).toEqual(["a"]);
    driver.completeTask("a");
    expect(driver.openTaskElements()).toEqual(["c"]);
    driver.completeTask("c");
    expect(driver.openTaskElements()).toEqual(["setelah"]);
    expect(driver.entered().filter((id) => id === "join")).toHaveLength(1);
  });

  it("a link catch event leading straight into the join counts too", () => {
    const direct = new PlanBuilder()
      .start("s")
      .gateway("fork", "inclusiveGateway")
      .userTask("a")
      .throwEvent("ke-l", { kind: "link", linkName: "L" })
      .catchEvent("dari-l", { kind: "link", linkName: "L" })
      .userTask("b")
      .gateway("join", "inclusiveGateway")
      .userTask("setelah")
      .chain("s", "fork")
      .chain("fork", "a", "ke-l")
      .chain("dari-l", "join")
      .chain("fork", "b", "join")
      .chain("join", "setelah")
      .build();
    const driver = new CaseDriver(direct);
    driver.start();
    driver.completeTask("b");
    expect(driver.openTaskElements()).toEqual(["a"]);
    driver.completeTask("a");
    expect(driver.openTaskElements()).toEqual(["setelah"]);
  });
});

describe("inclusive join: tokens of a later round do not hold it (ch. 13 'Inclusive Gateway')", () => {
  it("a token that can only reach an incoming flow that already holds a token does not block the join", () => {
    // given: a → join on f1 (b, never started, is the join's second incoming flow); a looping
    // task t can come back through a, i.e. onto f1 again
    const plan = new PlanBuilder()
      .start("s")
      .gateway("fork", "parallelGateway")
      .userTask("a")
      .userTask("b")
      .gateway("join", "inclusiveGateway")
      .userTask("t")
      .gateway("ulang", "exclusiveGateway", { defaultFlow: "ulang->e" })
      .end("e")
      .userTask("setelah")
      .chain("s", "fork")
      .chain("fork", "a", "join")
      .chain("b", "join")
      .chain("fork", "t", "ulang")
      .flow("ulang", "a", "lagi = true")
      .flow("ulang", "e", undefined, "ulang->e")
      .chain("join", "setelah")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();

    // when a's token arrives; t can reach the join only through a, whose flow is already filled
    driver.completeTask("a");

    // then the join fires now (the spec's rule), instead of waiting for t's next round
    expect(driver.openTaskElements().sort()).toEqual(["setelah", "t"]);
  });
});

describe("event subprocesses (ch. 13 'Event Sub-Processes')", () => {
  it("a non-interrupting start activates once per event; the scope waits for every activation", () => {
    const plan = new PlanBuilder()
      .start("s")
      .userTask("kerja")
      .end("e")
      .chain("s", "kerja", "e")
      .subProcess("pertanyaan", { triggeredByEvent: true })
      .start("ps", {
        scope: "pertanyaan",
        isInterrupting: false,
        eventDefinition: { kind: "message", messageName: "tanya" },
      })
      .userTask("jawab", { scope: "pertanyaan" })
      .chain("ps", "jawab")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    driver.message("tanya", { q: 1 });
    driver.message("tanya", { q: 2 });
    expect(driver.openTaskElements()).toEqual(["kerja", "jawab", "jawab"]);
    driver.completeTask("kerja");
    // the process does not complete while an event subprocess instance still runs
    expect(driver.finished).toBeUndefined();
    driver.completeTask("jawab");
    expect(driver.finished).toBeUndefined();
    driver.completeTask("jawab");
    expect(driver.finished?.status).toBe("completed");
  });
});

describe("boundary events on multi-instance activities (ch. 13 'Multiple Instances Activity')", () => {
  it("a boundary timer belongs to the body: one timer, one firing, the items keep running", () => {
    const plan = new PlanBuilder()
      .start("s")
      .userTask("kunjungan", { multiInstance: { isSequential: false, inputCollection: "kpm" } })
      .boundary("ingatkan", "kunjungan", duration("P1D"), false)
      .userTask("pengingat")
      .userTask("rekap")
      .chain("s", "kunjungan", "rekap")
      .chain("ingatkan", "pengingat")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ kpm: [1, 2, 3] });
    expect(driver.commands("startTimer")).toHaveLength(1);
    driver.fireTimer();
    expect(driver.openTaskElements().sort()).toEqual(["kunjungan", "kunjungan", "kunjungan", "pengingat"]);
  });

  it("an error from one item is caught on the body's boundary and cancels every item", () => {
    const plan = new PlanBuilder()
      .start("s")
      .serviceTask("kirim", "notify", { multiInstance: { isSequential: false, inputCollection: "penerima" } })
      .boundary("gagal", "kirim", { kind: "error", errorCode: "DITOLAK" })
      .userTask("manual")
      .userTask("selesai")
      .chain("s", "kirim", "selesai")
      .chain("gagal", "manual")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ penerima: ["a", "b", "c"] });
    const [first] = driver.commands("runJob");
    driver.send({
      type: "jobFailed",
      jobId: first?.jobId ?? "",
      bpmnError: { code: "DITOLAK", message: "nomor salah" },
      at: driver.now,
    });
    expect(driver.commands("cancelJob")).toHaveLength(2);
    expect(driver.openTaskElements()).toEqual(["manual"]);
    expect(driver.entered().filter((id) => id === "gagal")).toHaveLength(1);
  });
});

describe("terminate end event (ch. 13 'End Events')", () => {
  it("inside a multi-instance subprocess it ends only that item's instance", () => {
    const plan = new PlanBuilder()
      .start("s")
      .subProcess("per-kpm", { multiInstance: { isSequential: false, inputCollection: "kpm", inputElement: "k" } })
      .start("ps", { scope: "per-kpm" })
      .gateway("pindah", "exclusiveGateway", { scope: "per-kpm", defaultFlow: "pindah->survei" })
      .end("stop", { kind: "terminate" }, "per-kpm")
      .userTask("survei", { scope: "per-kpm" })
      .chain("ps", "pindah")
      .flow("pindah", "stop", 'k = "pindah"')
      .flow("pindah", "survei", undefined, "pindah->survei")
      .userTask("rekap")
      .chain("s", "per-kpm", "rekap")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ kpm: ["pindah", "ada"] });
    expect(driver.openTaskElements()).toEqual(["survei"]);
    expect(driver.state.status).toBe("active");
    driver.completeTask("survei");
    expect(driver.openTaskElements()).toEqual(["rekap"]);
  });
});

describe("error propagation (ch. 13 'Intermediate Boundary Events')", () => {
  it("an error end event two subprocesses deep reaches the outer boundary that matches its code", () => {
    const plan = new PlanBuilder()
      .start("s")
      .subProcess("luar")
      .start("ls", { scope: "luar" })
      .gateway("f", "parallelGateway", { scope: "luar" })
      .userTask("paralel", { scope: "luar" })
      .subProcess("dalam", { scope: "luar" })
      .start("ds", { scope: "dalam" })
      .end("galat", { kind: "error", errorCode: "DATA_GANDA" }, "dalam")
      .chain("ds", "galat")
      .boundary("lain", "dalam", { kind: "error", errorCode: "LAIN" }, true, "luar")
      .userTask("tidak-pernah", { scope: "luar" })
      .chain("lain", "tidak-pernah")
      .chain("ls", "f")
      .chain("f", "paralel")
      .chain("f", "dalam")
      .boundary("ganda", "luar", { kind: "error", errorCode: "DATA_GANDA" })
      .userTask("bersihkan")
      .userTask("normal")
      .chain("s", "luar", "normal")
      .chain("ganda", "bersihkan")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    expect(driver.openTaskElements()).toEqual(["bersihkan"]);
    // the outer subprocess was interrupted, its open task included
    expect(driver.commands("closeTask")).toMatchObject([{ status: "cancelled" }]);
    expect(driver.entered()).not.toContain("tidak-pernah");
  });
});

describe("gateways (ch. 13 'Gateways')", () => {
  it("an inclusive gateway takes its default flow only when no other condition holds", () => {
    const plan = new PlanBuilder()
      .start("s")
      .gateway("fork", "inclusiveGateway", { defaultFlow: "fork->lain" })
      .userTask("visit")
      .userTask("rujuk")
      .userTask("lain")
      .chain("s", "fork")
      .flow("fork", "visit", "butuhVisit")
      .flow("fork", "rujuk", "butuhRujuk")
      .flow("fork", "lain", undefined, "fork->lain")
      .build();
    const some = new CaseDriver(plan);
    some.start({ butuhVisit: true, butuhRujuk: true });
    expect(some.openTaskElements()).toEqual(["visit", "rujuk"]);
    const none = new CaseDriver(plan);
    none.start({ butuhVisit: false, butuhRujuk: false });
    expect(none.openTaskElements()).toEqual(["lain"]);
  });

  it("an exclusive gateway merges without waiting: each arriving token passes (ch. 13 'Exclusive Gateway')", () => {
    const plan = new PlanBuilder()
      .start("s")
      .gateway("fork", "parallelGateway")
      .gateway("merge", "exclusiveGateway")
      .userTask("arsip")
      .chain("s", "fork")
      .chain("fork", "merge")
      .flow("fork", "merge", undefined, "fork->merge-2")
      .chain("merge", "arsip")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    expect(driver.openTaskElements()).toEqual(["arsip", "arsip"]);
  });
});

describe("sequence flows out of and into activities (ch. 13 'Sequence Flow Considerations')", () => {
  const plan = new PlanBuilder()
    .start("s")
    .userTask("nilai")
    .userTask("bantuan-pangan")
    .userTask("bantuan-tunai")
    .userTask("catat")
    .chain("s", "nilai")
    .flow("nilai", "bantuan-pangan", "desil <= 2")
    .flow("nilai", "bantuan-tunai", "desil <= 4")
    .flow("nilai", "catat")
    .build();

  it("conditional flows out of a task split implicitly: every true condition gets a token", () => {
    const driver = new CaseDriver(plan);
    driver.start();
    driver.completeTask("nilai", { desil: 1 });
    expect(driver.openTaskElements()).toEqual(["bantuan-pangan", "bantuan-tunai", "catat"]);
  });

  it("a false condition takes no token; an unconditional flow always does", () => {
    const driver = new CaseDriver(plan);
    driver.start();
    driver.completeTask("nilai", { desil: 3 });
    expect(driver.openTaskElements()).toEqual(["bantuan-tunai", "catat"]);
  });

  it("several incoming flows into a task are uncontrolled: each token starts its own instance", () => {
    const merge = new PlanBuilder()
      .start("s")
      .gateway("fork", "parallelGateway")
      .userTask("a")
      .userTask("b")
      .userTask("periksa")
      .chain("s", "fork")
      .chain("fork", "a", "periksa")
      .chain("fork", "b", "periksa")
      .build();
    const driver = new CaseDriver(merge);
    driver.start();
    driver.completeTask("a");
    expect(driver.openTaskElements().sort()).toEqual(["b", "periksa"]);
    driver.completeTask("b");
    expect(driver.openTaskElements()).toEqual(["periksa", "periksa"]);
  });
});

describe("message throw and end events (ch. 10 'Message')", () => {
  it("send the message named in the model with the key and the payload its input mappings choose", () => {
    const plan = new PlanBuilder()
      .start("s")
      .node({
        type: "intermediateThrowEvent",
        id: "kabari-provinsi",
        scope: null,
        eventDefinition: { kind: "message", messageName: "usulan-kabupaten", correlationKey: "nomorUsulan" },
        io: { inputs: [{ source: "pemohon.nama", target: "nama" }], outputs: [] },
      })
      .end("selesai", { kind: "message", messageName: "selesai" })
      .chain("s", "kabari-provinsi", "selesai")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ nomorUsulan: 42, pemohon: { nama: "Siti", nik: "3216000000000001" } });
    expect(driver.commands("sendMessage")).toEqual([
      { type: "sendMessage", name: "usulan-kabupaten", correlationKey: "42", variables: { nama: "Siti" } },
      { type: "sendMessage", name: "selesai", correlationKey: null, variables: {} },
    ]);
    expect(driver.records("messageSent")).toHaveLength(2);
    expect(driver.finished?.status).toBe("completed");
  });
});
