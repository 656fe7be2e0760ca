import path from "node:path";
import { describe, expect, it } from "vitest";
import { matchesPattern, readScenario } from "./simulate";

const FIXTURES = path.join(import.meta.dirname, "simulate-fixtures");

describe("matchesPattern (alur simulate --all <pattern>)", () => {
  it("matches a segment with *, several with ** and a folder by its name", () => {
    expect(matchesPattern("rekomendasi-*/scenarios/utama.json", "rekomendasi-sjpp/scenarios/utama.json")).toBe(true);
    expect(matchesPattern("rekomendasi-*/scenarios/utama.json", "rekomendasi-sjpp/scenarios/lain.json")).toBe(false);
    // * stays within a segment
    expect(matchesPattern("*/utama.json", "rekomendasi-sjpp/scenarios/utama.json")).toBe(false);
    expect(matchesPattern("**/utama.json", "rekomendasi-sjpp/scenarios/utama.json")).toBe(true);
    expect(matchesPattern("workflows/usulan-dtks", "usulan-dtks/scenarios/utama.json")).toBe(true);
    expect(matchesPattern("usulan", "usulan-dtks/scenarios/utama.json")).toBe(false);
    // a dot is a dot, not any character
    expect(matchesPattern("a.json", "ab-json")).toBe(false);
  });
});

describe("readScenario", () => {
  it("reads a scenario of the old format with the defaults filled in", () => {
    const read = readScenario(path.join(FIXTURES, "utama.json"));
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.scenario).toMatchObject({ name: "utama", district: "3216", expect: {} });
  });

  it("refuses a start that is not an instant, naming the field", () => {
    const read = readScenario(path.join(FIXTURES, "rusak-tanggal.json"));
    expect(read).toMatchObject({ ok: false });
    if (!read.ok) {
      expect(read.message).toContain("invalid scenario");
      expect(read.message).toContain("startAt");
    }
  });
});
