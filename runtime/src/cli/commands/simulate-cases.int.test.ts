/**
 * `alur simulate` beyond one case: a called process given with `--with`, a signal step reaching
 * every case of the run, and several cases at once with a message correlated across them by its
 * key. Fixtures in simulate-fixtures/; the command runs in process with the run's workflow bundle.
 */
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { simulateInProcess } from "../../testing/simulate";
import type { SimulationTrace } from "./simulate";

const FIXTURES = path.join(import.meta.dirname, "simulate-fixtures");
const fixture = (name: string) => path.join(FIXTURES, name);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("alur simulate --with (a called process's model)", () => {
  it("runs the called process from the --with model and hands its variables back to the caller", async () => {
    // when the caller runs with the called model
    const run = await simulateInProcess(
      fixture("induk-panggil.bpmn"),
      "--scenario",
      fixture("induk-panggil.json"),
      "--with",
      fixture("hitung-anak.bpmn"),
    );

    // then the called case's script task computed from the caller's variable, and the caller ended with it
    const trace = JSON.parse(run.stdout) as SimulationTrace;
    expect(trace.error).toBeUndefined();
    expect(trace.expectations.filter((e) => !e.ok)).toEqual([]);
    expect(run.code).toBe(0);
    expect(trace.end).toEqual({ status: "completed", variables: { jumlah: 21, hasil: 42 } });
    const entered = trace.events.filter((e) => e.type === "elementEntered").map((e) => e.elementId);
    expect(entered).toEqual(["mulai", "hitungDiAnak", "mulaiAnak", "hitung", "selesaiAnak", "selesai"]);
  });

  it("without the called model, fails naming the incident of the call activity", async () => {
    const run = await simulateInProcess(fixture("induk-panggil.bpmn"), "--scenario", fixture("induk-panggil.json"));

    expect(run.code).toBe(1);
    const trace = JSON.parse(run.stdout) as SimulationTrace;
    expect(trace.end).toBeNull();
    expect(trace.incidents).toEqual([
      expect.objectContaining({
        elementId: "hitungDiAnak",
        code: "child-failed",
        message: expect.stringContaining("hitung-anak"),
      }),
    ]);
    expect(trace.error).toContain("incident");
    expect(trace.error).toContain("hitungDiAnak");
  });

  it("exits 2 for a --with model that does not exist", async () => {
    const run = await simulateInProcess(
      fixture("induk-panggil.bpmn"),
      "--scenario",
      fixture("induk-panggil.json"),
      "--with",
      fixture("tidak-ada.bpmn"),
    );

    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("tidak-ada.bpmn");
  });
});

describe("alur simulate with a signal step", () => {
  it("broadcasts the signal to every case of the run: both leave by the signal branch before their day is up", async () => {
    // given two cases of siaga-banjir (main and "tetangga"), each at an event gateway: the signal or one day
    // when an hour passes and the scenario signals "banjir" with a payload
    const run = await simulateInProcess(fixture("siaga-banjir.bpmn"), "--scenario", fixture("siaga-banjir.json"));

    // then both cases received it and ended at evakuasi, never at aman (the one-day timer)
    const trace = JSON.parse(run.stdout) as SimulationTrace;
    expect(trace.error).toBeUndefined();
    expect(trace.expectations.filter((e) => !e.ok)).toEqual([]);
    expect(run.code).toBe(0);
    expect(trace.steps.map((s) => s.result)).toEqual([{ waited: "PT1H" }, { signalled: "banjir", cases: 2 }]);
    for (const name of ["main", "tetangga"]) {
      const events = trace.events.filter((e) => e.case === name);
      expect(events.filter((e) => e.type === "signalReceived")).toEqual([
        expect.objectContaining({ data: { name: "banjir", subscriptions: 1 } }),
      ]);
      const ends = events.filter(
        (e) => e.type === "elementEntered" && (e.elementId === "evakuasi" || e.elementId === "aman"),
      );
      expect(ends.map((e) => e.elementId)).toEqual(["evakuasi"]);
      expect(events.some((e) => e.type === "timerFired")).toBe(false);
    }
    // the signal's payload became a variable of each case
    expect(trace.end).toEqual({ status: "completed", variables: { ketinggian: 120 } });
    expect(trace.cases?.tetangga).toEqual({
      processId: "siaga-banjir",
      end: { status: "completed", variables: { ketinggian: 120 } },
    });
  });
});

describe("alur simulate with several cases at once", () => {
  it("correlates the message one case sends with the waiting case of the same key only", async () => {
    // given main and "lain" wait for the decree with their own NIK; "provinsi" (sk-kirim, given
    // with --with) sends it for main's NIK once its task is done; "lain" gets its own by a step
    const run = await simulateInProcess(
      fixture("sk-tunggu.bpmn"),
      "--scenario",
      fixture("sk-lintas-kasus.json"),
      "--with",
      fixture("sk-kirim.bpmn"),
    );

    const trace = JSON.parse(run.stdout) as SimulationTrace;
    expect(trace.error).toBeUndefined();
    expect(trace.expectations.filter((e) => !e.ok)).toEqual([]);
    expect(run.code).toBe(0);
    // then main took the province's decree, and "lain" only the one sent for its key
    expect(trace.end).toEqual({ status: "completed", variables: { nik: "3216015505800002", nomorSk: "463/2027" } });
    expect(trace.cases).toEqual({
      lain: {
        processId: "sk-tunggu",
        end: { status: "completed", variables: { nik: "3216019999999999", nomorSk: "999/2027" } },
      },
      provinsi: {
        processId: "sk-kirim",
        end: { status: "completed", variables: { nik: "3216015505800002", nomorSk: "463/2027" } },
      },
    });
    const correlated = trace.events.filter((e) => e.type === "messageCorrelated");
    expect(correlated.map((e) => [e.case, (e.data as { correlationKey: string }).correlationKey])).toEqual([
      ["main", "3216015505800002"],
      ["lain", "3216019999999999"],
    ]);
    expect(trace.events.filter((e) => e.type === "messageSent").map((e) => [e.case, e.elementId])).toEqual([
      ["provinsi", "kirimSk"],
    ]);
    // the task of the further case is in the trace with its case
    expect(trace.tasks).toEqual([
      expect.objectContaining({ elementId: "tandatangani", case: "provinsi", status: "completed" }),
    ]);
    // the step on "lain" correlated at once (its decree had not come from the province)
    expect(trace.steps[1]?.result).toEqual({ correlated: true, buffered: false });
  });

  it("fails clearly when a further case's process has no model", async () => {
    const run = await simulateInProcess(fixture("sk-tunggu.bpmn"), "--scenario", fixture("sk-lintas-kasus.json"));

    expect(run.code).toBe(1);
    const trace = JSON.parse(run.stdout) as SimulationTrace;
    expect(trace.error).toBe('case "provinsi": no model given for process "sk-kirim" (add it with --with)');
  });
});
