/**
 * `alur simulate` as a model author runs it, in process: the command's arguments, a model and a
 * scenario file from simulate-fixtures/, the JSON trace on stdout and the exit code. The case runs
 * on the Temporal time-skipping server with the workflow bundle of the run (bundled once).
 */
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { simulateInProcess as simulate } from "../../testing/simulate";
import type { SimulationTrace } from "./simulate";

const FIXTURES = path.join(import.meta.dirname, "simulate-fixtures");
const MODEL = path.join(FIXTURES, "rekomendasi-sk.bpmn");

afterEach(() => {
  vi.restoreAllMocks();
});

describe("alur simulate", () => {
  it("runs the scenario and prints the trace: tasks with roles and due dates, the timer, the message, the end", async () => {
    // when
    const run = await simulate(MODEL, "--scenario", path.join(FIXTURES, "utama.json"));

    // then
    expect(run.stderr).toBe("");
    const trace = JSON.parse(run.stdout) as SimulationTrace;
    expect(trace.error).toBeUndefined();
    // an expectation that did not hold is named here rather than hidden behind the exit code
    expect(trace.expectations.filter((e) => !e.ok)).toEqual([]);
    expect(run.code).toBe(0);
    expect(trace).toMatchObject({ scenario: "utama", processId: "rekomendasi-sk", district: "3216" });
    expect(trace.startAt.actual.startsWith("2027-01-04T02:00")).toBe(true);
    // each task for its role, due after its SLA in working days on Bekasi's calendar
    expect(trace.tasks).toMatchObject([
      { elementId: "verifikasi", roles: ["back-office"], dueAt: "2027-01-07T08:30:00.000Z", status: "completed" },
      { elementId: "persetujuan", roles: ["kepala-bidang"], dueAt: "2027-01-08T08:30:00.000Z", status: "completed" },
    ]);
    // the 3-day timer fired three days after it started (workflow time, skipped)
    const entered = trace.events.find((e) => e.type === "elementEntered" && e.elementId === "kirimKeProvinsi");
    const left = trace.events.find((e) => e.type === "elementLeft" && e.elementId === "kirimKeProvinsi");
    expect(trace.events.some((e) => e.type === "timerFired")).toBe(true);
    const days = (Date.parse(left?.at ?? "") - Date.parse(entered?.at ?? "")) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(3);
    expect(days).toBeLessThan(3.01);
    // the decree was correlated by the receive task and its payload became a case variable
    const message = trace.steps.find((s) => "message" in s.step);
    expect(message?.result).toEqual({ correlated: true, buffered: false });
    expect(trace.events.filter((e) => e.type === "messageCorrelated")).toHaveLength(1);
    expect(trace.end).toEqual({
      status: "completed",
      variables: { caseNumber: "SIM/BKS/2027/000001", hasil: "lengkap", nomorSk: "463/2027" },
    });
    expect(trace.events.at(-1)?.type).toBe("caseCompleted");
    expect(trace.expectations).toEqual([
      {
        what: "due date of verifikasi",
        ok: true,
        expected: "2027-01-07T08:30:00.000Z",
        actual: "2027-01-07T08:30:00.000Z",
      },
      {
        what: "due date of persetujuan",
        ok: true,
        expected: "2027-01-08T08:30:00.000Z",
        actual: "2027-01-08T08:30:00.000Z",
      },
      { what: "status", ok: true, expected: "completed", actual: "completed" },
      { what: "end event", ok: true, expected: "selesai", actual: ["selesai"] },
    ]);
  });

  it("answers an external job with the scenario's variables (no job worker in a simulation)", async () => {
    // when
    const run = await simulate(
      path.join(FIXTURES, "bansos-pekerja.bpmn"),
      "--scenario",
      path.join(FIXTURES, "bansos-pekerja.json"),
    );

    // then the job's variable took the gateway to "selesai"
    const trace = JSON.parse(run.stdout) as SimulationTrace;
    expect(trace.expectations.filter((e) => !e.ok)).toEqual([]);
    expect(run.code).toBe(0);
    expect(trace.end?.variables).toMatchObject({ transfer: "berhasil" });
  });

  it("exits 2 with a clear message for a scenario file that is not JSON", async () => {
    // (.txt: the repository's formatter would refuse a broken .json file)
    const run = await simulate(MODEL, "--scenario", path.join(FIXTURES, "rusak-json.txt"));

    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("the scenario is not valid JSON");
    expect(run.stderr).toContain("rusak-json.txt");
  });

  it("exits 2 naming what is wrong in a scenario of the wrong shape", async () => {
    const run = await simulate(MODEL, "--scenario", path.join(FIXTURES, "rusak-bentuk.json"));

    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("invalid scenario");
    expect(run.stderr).toContain("docs/simulate.md");
    // the path of the offending step
    expect(run.stderr).toMatch(/steps\[0\]|steps\.0/);
  });

  it("exits 2 for a scenario file that does not exist or an unknown option", async () => {
    const missing = await simulate(MODEL, "--scenario", path.join(FIXTURES, "tidak-ada.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read the scenario file");

    const unknown = await simulate(MODEL, "--skenario", "x.json");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Usage: alur simulate");
  });
});

const WORKFLOWS = path.join(import.meta.dirname, "../../../../workflows");

describe("alur simulate on a scenario that starts in the past (the catalogue's start in 2024)", () => {
  it("runs on a clock moved by whole weeks and checks every due date in scenario time", async () => {
    const run = await simulate(
      path.join(WORKFLOWS, "rekomendasi-sjpp/rekomendasi-sjpp.bpmn"),
      "--scenario",
      path.join(WORKFLOWS, "rekomendasi-sjpp/scenarios/utama.json"),
    );

    const trace = JSON.parse(run.stdout) as SimulationTrace;
    expect(trace.expectations.filter((e) => !e.ok)).toEqual([]);
    expect(run.code).toBe(0);
    expect(trace.startAt.actual).toBe("2024-10-02T02:00:00.000Z");
    expect(trace.startAt.shiftDays % 7).toBe(0);
    expect(trace.startAt.shiftDays).toBeGreaterThan(0);
    // the hand-counted instant and the working-time fact are both checked, in scenario time
    expect(trace.expectations).toContainEqual({
      what: "due date of buatRekomendasi",
      ok: true,
      expected: "2024-10-02T02:10:00.000Z",
      actual: expect.stringMatching(/^2024-10-02T02:10:00\.\d{3}Z$/),
    });
    expect(trace.expectations.some((e) => e.what.startsWith("due date of buatRekomendasi ({"))).toBe(true);
    expect(trace.expectations.some((e) => e.what.startsWith("case due date"))).toBe(true);
    // task createdAt is workflow time moved back: the case's first task opens at its start
    expect(trace.tasks[0]?.createdAt?.startsWith("2024-10-02T02:00")).toBe(true);
  });

  it("fails a hand-counted due date that is wrong, although the start moved", async () => {
    const run = await simulate(
      path.join(WORKFLOWS, "rekomendasi-sjpp/rekomendasi-sjpp.bpmn"),
      "--scenario",
      path.join(FIXTURES, "sjpp-salah-tanggal.json"),
    );

    expect(run.code).toBe(1);
    const trace = JSON.parse(run.stdout) as SimulationTrace;
    expect(trace.expectations.filter((e) => !e.ok)).toEqual([
      expect.objectContaining({ what: "due date of buatRekomendasi", expected: "2024-10-02T02:20:00.000Z" }),
    ]);
  });
});

describe("alur simulate --all", () => {
  it("runs the matching catalogue scenarios in one process: a line each and the summary", async () => {
    const run = await simulate("--all", "--catalogue", WORKFLOWS, "rekomendasi-sjpp/**");

    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n").filter((l) => l.startsWith("ok") || l.startsWith("FAIL"));
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.startsWith("ok   rekomendasi-sjpp/scenarios/"))).toBe(true);
    expect(run.stdout).toContain("2 passed, 0 failed of 2 scenarios");
  });

  it("exits 2 when no scenario matches", async () => {
    const run = await simulate("--all", "--catalogue", WORKFLOWS, "tidak-ada-*");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no scenario matches");
  });
});

describe("alur simulate on a case that cannot end", () => {
  it("names the fired timeDate catch event and reports the deadlock at the waiting join", async () => {
    const run = await simulate(
      path.join(FIXTURES, "buntu-gabung.bpmn"),
      "--scenario",
      path.join(FIXTURES, "buntu-gabung.json"),
    );

    expect(run.code).toBe(1);
    const trace = JSON.parse(run.stdout) as SimulationTrace;
    expect(trace.error).toMatch(/^deadlock: the case waits at joining gateway gabung \(arrived from kiri\)/);
    // the timer of the catch event names its element and fired at its date
    expect(trace.events.filter((e) => e.type === "timerFired")).toEqual([
      expect.objectContaining({ elementId: "tanggalRapat", at: expect.stringMatching(/^2027-02-01T02:00:0/) }),
    ]);
    expect(trace.end).toBeNull();
  });
});
