import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";

const duration = (value: string) =>
  ({ kind: "timer", timer: { type: "duration", value: { kind: "literal", value } } }) as const;

describe("embedded subprocess", () => {
  it("completes when no token is left inside, then continues outside", () => {
    const plan = new PlanBuilder()
      .start("s")
      .subProcess("kunjungan")
      .start("ks", { scope: "kunjungan" })
      .gateway("f", "parallelGateway", { scope: "kunjungan" })
      .userTask("foto", { scope: "kunjungan" })
      .userTask("laporan", { scope: "kunjungan" })
      .end("ke1", undefined, "kunjungan")
      .end("ke2", undefined, "kunjungan")
      .chain("ks", "f")
      .chain("f", "foto", "ke1")
      .chain("f", "laporan", "ke2")
      .userTask("setelah")
      .chain("s", "kunjungan", "setelah")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    driver.completeTask("foto");
    expect(driver.openTaskElements()).toEqual(["laporan"]);
    expect(driver.state.instances).toSatisfy((i: object) => Object.values(i).some((x) => x.elementId === "kunjungan"));
    driver.completeTask("laporan", { hasil: "layak" });
    expect(driver.openTaskElements()).toEqual(["setelah"]);
    expect(driver.variables).toMatchObject({ hasil: "layak" });
  });
});

describe("input and output mappings", () => {
  it("inputs become local variables of the element, outputs are written back", () => {
    const plan = new PlanBuilder()
      .start("s")
      .userTask("nilai", {
        io: {
          inputs: [{ source: "pemohon.nama", target: "nama" }],
          outputs: [{ source: "skor * 10", target: "nilaiAkhir" }],
        },
      })
      .end("e")
      .chain("s", "nilai", "e")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ pemohon: { nama: "Budi" } });
    const instance = Object.values(driver.state.instances).find((i) => i.elementId === "nilai");
    expect(instance?.variables).toEqual({ nama: "Budi" });
    driver.completeTask("nilai", { skor: 7 });
    // with output mappings only the mapped values leave the task
    expect(driver.finished?.variables).toEqual({ pemohon: { nama: "Budi" }, nilaiAkhir: 70 });
  });

  it("a bad input mapping is an incident at that element", () => {
    const plan = new PlanBuilder()
      .start("s")
      .userTask("a", { io: { inputs: [{ source: "((", target: "x" }], outputs: [] } })
      .chain("s", "a")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    expect(driver.state.incidents).toMatchObject([{ elementId: "a", code: "input-mapping-error" }]);
    expect(driver.commands("openTask")).toEqual([]);
  });

  it("subprocess local variables shadow case variables and vanish with the subprocess", () => {
    const plan = new PlanBuilder()
      .start("s")
      .subProcess("sub", { io: { inputs: [{ source: "1", target: "percobaan" }], outputs: [] } })
      .start("ss", { scope: "sub" })
      .userTask("a", { scope: "sub" })
      .chain("ss", "a")
      .end("e")
      .chain("s", "sub", "e")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ percobaan: 0 });
    driver.completeTask("a", { percobaan: 2, catatan: "ok" });
    // percobaan is local to the subprocess: the write lands there; catatan propagates to the case
    expect(driver.finished?.variables).toEqual({ percobaan: 0, catatan: "ok" });
  });
});

describe("script task", () => {
  it("evaluates FEEL into its result variable", () => {
    const plan = new PlanBuilder()
      .start("s")
      .node({
        type: "scriptTask",
        id: "hitung",
        expression: "sum(anggota[umur < 18].umur)",
        resultVariable: "totalUmurAnak",
      })
      .end("e")
      .chain("s", "hitung", "e")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ anggota: [{ umur: 40 }, { umur: 10 }, { umur: 7 }] });
    expect(driver.finished?.variables).toMatchObject({ totalUmurAnak: 17 });
  });
});

describe("event subprocesses", () => {
  const base = () =>
    new PlanBuilder()
      .start("s")
      .gateway("f", "parallelGateway")
      .userTask("a")
      .userTask("b")
      .end("ea")
      .end("eb")
      .chain("s", "f")
      .chain("f", "a", "ea")
      .chain("f", "b", "eb");

  it("an interrupting message start cancels the scope's work; the scope ends when it ends", () => {
    const plan = base()
      .subProcess("pencabutan", { triggeredByEvent: true })
      .start("ps", { scope: "pencabutan", eventDefinition: { kind: "message", messageName: "cabut" } })
      .userTask("arsipkan", { scope: "pencabutan" })
      .end("pe", undefined, "pencabutan")
      .chain("ps", "arsipkan", "pe")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    driver.message("cabut", { alasan: "meninggal" });
    expect(driver.openTaskElements()).toEqual(["arsipkan"]);
    expect(driver.commands("closeTask").map((c) => c.status)).toEqual(["cancelled", "cancelled"]);
    // a second message finds no subscription: interrupting starts close with the first
    expect(driver.message("cabut")).toMatchObject({ accepted: true, buffered: true });
    driver.completeTask("arsipkan");
    expect(driver.finished).toMatchObject({ status: "completed", variables: { alasan: "meninggal" } });
  });

  it("a non-interrupting timer start runs beside the work, as often as its cycle says", () => {
    const plan = base()
      .subProcess("pengingat", { triggeredByEvent: true })
      .start("ps", {
        scope: "pengingat",
        isInterrupting: false,
        eventDefinition: { kind: "timer", timer: { type: "cycle", value: { kind: "literal", value: "R2/PT2H" } } },
      })
      .userTask("ingatkan", { scope: "pengingat" })
      .chain("ps", "ingatkan")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    driver.fireTimer();
    driver.fireTimer();
    expect(driver.liveTimers()).toEqual([]);
    expect(driver.openTaskElements()).toEqual(["a", "b", "ingatkan", "ingatkan"]);
    driver.completeTask("a");
    driver.completeTask("b");
    driver.completeTask("ingatkan");
    expect(driver.finished).toBeUndefined();
    driver.completeTask("ingatkan");
    expect(driver.finished?.status).toBe("completed");
  });

  it("an error event subprocess catches an uncaught job error in its scope", () => {
    const plan = new PlanBuilder()
      .start("s")
      .serviceTask("kirim-srikandi")
      .end("e")
      .chain("s", "kirim-srikandi", "e")
      .subProcess("gagal", { triggeredByEvent: true })
      .start("gs", { scope: "gagal", eventDefinition: { kind: "error", errorCode: "SRIKANDI_DOWN" } })
      .userTask("kirim-manual", { scope: "gagal" })
      .chain("gs", "kirim-manual")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    driver.failJob("kirim-srikandi", "SRIKANDI_DOWN");
    expect(driver.openTaskElements()).toEqual(["kirim-manual"]);
    expect(driver.commands("cancelJob")).toEqual([]);
  });

  it("an escalation event subprocess in the enclosing scope catches an escalation end event", () => {
    const plan = new PlanBuilder()
      .start("s")
      .subProcess("sub")
      .start("ss", { scope: "sub" })
      .end("naik", { kind: "escalation", escalationCode: "KE-KADIS" }, "sub")
      .chain("ss", "naik")
      .userTask("setelah")
      .chain("s", "sub", "setelah")
      .subProcess("esk", { triggeredByEvent: true })
      .start("es", {
        scope: "esk",
        isInterrupting: false,
        eventDefinition: { kind: "escalation", escalationCode: "KE-KADIS" },
      })
      .userTask("kadis", { scope: "esk" })
      .chain("es", "kadis")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    expect(driver.openTaskElements().sort()).toEqual(["kadis", "setelah"]);
  });

  it("event subprocess starts inside an embedded subprocess only listen while it runs", () => {
    const plan = new PlanBuilder()
      .start("s")
      .subProcess("sub")
      .start("ss", { scope: "sub" })
      .userTask("a", { scope: "sub" })
      .chain("ss", "a")
      .subProcess("esp", { triggeredByEvent: true, scope: "sub" })
      .start("es", { scope: "esp", eventDefinition: { kind: "message", messageName: "m" } })
      .userTask("x", { scope: "esp" })
      .chain("es", "x")
      .userTask("setelah")
      .chain("s", "sub", "setelah")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    driver.completeTask("a");
    expect(driver.message("m")).toMatchObject({ accepted: true, buffered: true });
    expect(driver.openTaskElements()).toEqual(["setelah"]);
  });
});

describe("call activity", () => {
  const plan = new PlanBuilder()
    .start("s")
    .node({
      type: "callActivity",
      id: "penelusuran",
      calledProcess: { kind: "literal", value: "penelusuran-keluarga" },
      propagateAllChildVariables: false,
      io: {
        inputs: [{ source: "ppks.nama", target: "nama" }],
        outputs: [{ source: "keluargaDitemukan", target: "ditemukan" }],
      },
    })
    .boundary("batas", "penelusuran", duration("P7D"))
    .userTask("setelah")
    .userTask("rujuk")
    .chain("s", "penelusuran", "setelah")
    .chain("batas", "rujuk")
    .build();

  it("starts the child with the mapped inputs and maps its output back", () => {
    const driver = new CaseDriver(plan);
    driver.start({ ppks: { nama: "Tanpa Nama", umur: 60 } });
    const [child] = driver.commands("startChild");
    expect(child).toMatchObject({
      processId: "penelusuran-keluarga",
      elementId: "penelusuran",
      variables: { nama: "Tanpa Nama" },
    });
    driver.send({
      type: "childCompleted",
      childId: child?.childId ?? "",
      output: { keluargaDitemukan: true, lain: 1 },
      at: driver.now,
    });
    expect(driver.variables).toEqual({ ppks: { nama: "Tanpa Nama", umur: 60 }, ditemukan: true });
    expect(driver.openTaskElements()).toEqual(["setelah"]);
  });

  it("an interrupting boundary cancels the child", () => {
    const driver = new CaseDriver(plan);
    driver.start({ ppks: { nama: "X" } });
    const [child] = driver.commands("startChild");
    driver.fireTimer();
    expect(driver.commands("cancelChild")).toEqual([{ type: "cancelChild", childId: child?.childId }]);
    expect(driver.openTaskElements()).toEqual(["rujuk"]);
  });

  it("a failed child without an error code is an incident", () => {
    const driver = new CaseDriver(plan);
    driver.start({ ppks: { nama: "X" } });
    const [child] = driver.commands("startChild");
    driver.send({ type: "childFailed", childId: child?.childId ?? "", error: { message: "rusak" }, at: driver.now });
    expect(driver.state.incidents).toMatchObject([{ elementId: "penelusuran", code: "child-failed" }]);
  });
});

describe("more event subprocess and boundary cases", () => {
  it("an error event subprocess inside a subprocess catches there; the subprocess then leaves normally", () => {
    const plan = new PlanBuilder()
      .start("s")
      .subProcess("sub")
      .start("ss", { scope: "sub" })
      .serviceTask("cek", "http", { scope: "sub" })
      .chain("ss", "cek")
      .subProcess("tangani", { triggeredByEvent: true, scope: "sub" })
      .start("ts", { scope: "tangani", eventDefinition: { kind: "error" } })
      .userTask("perbaiki", { scope: "tangani" })
      .chain("ts", "perbaiki")
      .userTask("setelah")
      .chain("s", "sub", "setelah")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    driver.failJob("cek", "APA_SAJA");
    expect(driver.openTaskElements()).toEqual(["perbaiki"]);
    driver.completeTask("perbaiki");
    expect(driver.openTaskElements()).toEqual(["setelah"]);
  });

  it("a non-interrupting message boundary correlates each time and keeps the task", () => {
    const plan = new PlanBuilder()
      .start("s")
      .userTask("proses")
      .boundary("tanya", "proses", { kind: "message", messageName: "pertanyaan-pemohon" }, false)
      .userTask("jawab")
      .chain("s", "proses")
      .chain("tanya", "jawab")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    driver.message("pertanyaan-pemohon", { q: 1 });
    driver.message("pertanyaan-pemohon", { q: 2 });
    expect(driver.openTaskElements()).toEqual(["proses", "jawab", "jawab"]);
    driver.completeTask("proses");
    expect(driver.message("pertanyaan-pemohon")).toMatchObject({ accepted: true, buffered: true });
  });

  it("an interrupting timer event subprocess at process level replaces the work in progress", () => {
    const plan = new PlanBuilder()
      .start("s")
      .userTask("a")
      .chain("s", "a")
      .subProcess("batas", { triggeredByEvent: true })
      .start("bs", {
        scope: "batas",
        eventDefinition: { kind: "timer", timer: { type: "duration", value: { kind: "feel", source: "batasWaktu" } } },
      })
      .end("be", undefined, "batas")
      .chain("bs", "be")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ batasWaktu: "P14D" });
    expect(driver.liveTimers()[0]?.fireAt).toBe("2026-03-16T02:00:00.000Z");
    driver.fireTimer();
    expect(driver.commands("closeTask")).toMatchObject([{ status: "cancelled" }]);
    expect(driver.finished?.status).toBe("completed");
  });

  it("a FEEL timer that is not a duration text is an incident", () => {
    const plan = new PlanBuilder()
      .start("s")
      .catchEvent("t", { kind: "timer", timer: { type: "duration", value: { kind: "feel", source: "42" } } })
      .chain("s", "t")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    expect(driver.state.incidents).toMatchObject([{ elementId: "t", code: "timer-error" }]);
  });
});
