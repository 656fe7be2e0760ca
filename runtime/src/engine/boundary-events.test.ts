import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";

const duration = (value: string) =>
  ({ kind: "timer", timer: { type: "duration", value: { kind: "literal", value } } }) as const;

describe("interrupting boundary events", () => {
  it("a timer on a subprocess cancels everything inside, open user tasks included", () => {
    // given a subprocess with two parallel tasks and a 3-day deadline on it
    const plan = new PlanBuilder()
      .start("s")
      .subProcess("berkas")
      .start("bs", { scope: "berkas" })
      .gateway("fork", "parallelGateway", { scope: "berkas" })
      .userTask("ktp", { scope: "berkas" })
      .userTask("kk", { scope: "berkas" })
      .chain("bs", "fork")
      .chain("fork", "ktp")
      .chain("fork", "kk")
      .boundary("batas", "berkas", duration("P3D"))
      .userTask("tolak")
      .userTask("lanjut")
      .chain("s", "berkas", "lanjut")
      .chain("batas", "tolak")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    const [ktp, kk] = [driver.task("ktp"), driver.task("kk")];
    const [timer] = driver.liveTimers();
    expect(timer?.fireAt).toBe("2026-03-05T02:00:00.000Z");

    // when the deadline passes
    driver.fireTimer();

    // then both tasks are cancelled (they leave the inboxes) and the boundary path runs
    expect(driver.commands("closeTask")).toEqual([
      { type: "closeTask", taskId: ktp.taskId, status: "cancelled", by: null },
      { type: "closeTask", taskId: kk.taskId, status: "cancelled", by: null },
    ]);
    expect(driver.openTaskElements()).toEqual(["tolak"]);
    expect(driver.records("elementCancelled").map((r) => r.elementId)).toEqual(["ktp", "kk", "berkas"]);
    expect(driver.liveTimers()).toEqual([]);
  });

  it("a message boundary interrupts and its payload becomes variables", () => {
    const plan = new PlanBuilder()
      .start("s")
      .userTask("tunggu")
      .boundary("dibatalkan", "tunggu", { kind: "message", messageName: "permohonan-dicabut", correlationKey: "nomor" })
      .end("e1")
      .end("e2")
      .chain("s", "tunggu", "e1")
      .chain("dibatalkan", "e2")
      .build();
    const driver = new CaseDriver(plan);
    driver.start({ nomor: "REG-7" });

    // a message with another key does not correlate
    expect(driver.message("permohonan-dicabut", {}, "REG-8")).toMatchObject({ accepted: true, buffered: true });
    const result = driver.message("permohonan-dicabut", { alasan: "pindah domisili" }, "REG-7");

    expect(result.accepted).toBe(true);
    expect(driver.commands("closeTask")[0]).toMatchObject({ status: "cancelled" });
    expect(driver.finished).toMatchObject({ status: "completed", variables: { alasan: "pindah domisili" } });
  });

  it("the completed activity closes its boundary timer", () => {
    const plan = new PlanBuilder()
      .start("s")
      .userTask("a")
      .boundary("t", "a", duration("PT1H"))
      .end("e")
      .end("e2")
      .chain("s", "a", "e")
      .chain("t", "e2")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();
    const [timer] = driver.liveTimers();
    driver.completeTask("a");
    expect(driver.commands("cancelTimer")).toEqual([{ type: "cancelTimer", timerId: timer?.timerId }]);
    expect(driver.send({ type: "timerFired", timerId: timer?.timerId ?? "", at: driver.now }).accepted).toBe(false);
  });
});

describe("non-interrupting boundary timers", () => {
  it("an R3/P1D cycle fires three times and keeps the task open", () => {
    // given: remind the head of division every day, three times, while verification is open
    const plan = new PlanBuilder()
      .start("s")
      .userTask("verifikasi")
      .boundary(
        "pengingat",
        "verifikasi",
        { kind: "timer", timer: { type: "cycle", value: { kind: "literal", value: "R3/P1D" } } },
        false,
      )
      .userTask("tegur", { task: { roles: ["kepala-bidang"], documents: [], escalateTo: [] } })
      .end("e")
      .chain("s", "verifikasi", "e")
      .chain("pengingat", "tegur")
      .build();
    const driver = new CaseDriver(plan);
    driver.start();

    // when the timer fires as often as it is re-armed
    const fired: string[] = [];
    while (driver.liveTimers().length > 0) {
      fired.push(driver.liveTimers()[0]?.fireAt ?? "");
      driver.fireTimer();
    }

    // then three firings a day apart, the task still open, three reminders
    expect(fired).toEqual(["2026-03-03T02:00:00.000Z", "2026-03-04T02:00:00.000Z", "2026-03-05T02:00:00.000Z"]);
    expect(driver.openTaskElements()).toEqual(["verifikasi", "tegur", "tegur", "tegur"]);
    expect(driver.commands("closeTask")).toEqual([]);
  });
});

describe("error boundary events", () => {
  const plan = new PlanBuilder()
    .start("s")
    .serviceTask("cek-dtks", "http")
    .boundary("tidak-terdaftar", "cek-dtks", { kind: "error", errorCode: "NOT_IN_DTKS" })
    .boundary("lainnya", "cek-dtks", { kind: "error" })
    .userTask("lanjut")
    .userTask("usulkan")
    .userTask("manual")
    .chain("s", "cek-dtks", "lanjut")
    .chain("tidak-terdaftar", "usulkan")
    .chain("lainnya", "manual")
    .build();

  it("runs the job with the case variables and continues on success with its output", () => {
    const driver = new CaseDriver(plan);
    driver.start({ nik: "3216" });
    expect(driver.job("cek-dtks")).toMatchObject({ jobType: "http", variables: { nik: "3216" } });
    driver.completeJob("cek-dtks", { desil: 2 });
    expect(driver.openTaskElements()).toEqual(["lanjut"]);
    expect(driver.variables).toMatchObject({ desil: 2 });
  });

  it("a BPMN error goes to the boundary with its code before a catch-all", () => {
    const driver = new CaseDriver(plan);
    driver.start();
    driver.failJob("cek-dtks", "NOT_IN_DTKS");
    expect(driver.openTaskElements()).toEqual(["usulkan"]);
  });

  it("a catch-all error boundary takes other codes", () => {
    const driver = new CaseDriver(plan);
    driver.start();
    driver.failJob("cek-dtks", "TIMEOUT_SIKS");
    expect(driver.openTaskElements()).toEqual(["manual"]);
  });

  it("an uncaught BPMN error is an incident, not an exception", () => {
    const bare = new PlanBuilder().start("s").serviceTask("kirim").end("e").chain("s", "kirim", "e").build();
    const driver = new CaseDriver(bare);
    driver.start();
    const result = driver.failJob("kirim", "REJECTED", "ditolak");
    expect(result.accepted).toBe(true);
    expect(driver.state.incidents).toMatchObject([{ elementId: "kirim", code: "unhandled-error" }]);
    expect(driver.finished).toBeUndefined();
  });

  it("an error end event inside a subprocess is caught on the subprocess boundary", () => {
    const nested = new PlanBuilder()
      .start("s")
      .subProcess("sub")
      .start("ss", { scope: "sub" })
      .end("gagal", { kind: "error", errorCode: "DITOLAK" }, "sub")
      .chain("ss", "gagal")
      .boundary("tangkap", "sub", { kind: "error", errorCode: "DITOLAK" })
      .userTask("beritahu")
      .chain("s", "sub")
      .chain("tangkap", "beritahu")
      .build();
    const driver = new CaseDriver(nested);
    driver.start();
    expect(driver.openTaskElements()).toEqual(["beritahu"]);
    expect(driver.records("errorThrown")).toHaveLength(1);
  });
});
