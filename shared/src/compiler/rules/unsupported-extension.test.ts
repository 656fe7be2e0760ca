import { describe, expect, it } from "vitest";
import { runFixture } from "./fixture-support";
import { unsupportedExtension } from "./unsupported-extension";

describe("unsupported-extension", () => {
  it("accepts the zeebe: elements Alur reads", async () => {
    expect(await runFixture(unsupportedExtension, "valid")).toEqual([]);
  });

  it("warns about each zeebe: element Alur does not execute, naming it", async () => {
    // given / when
    const problems = await runFixture(unsupportedExtension, "invalid");
    // then
    expect(problems.map((p) => [p.elementId, p.severity])).toEqual([
      ["p", "warning"],
      ["review", "warning"],
      ["review", "warning"],
      ["review", "warning"],
    ]);
    expect(problems.map((p) => p.message.en.match(/\((zeebe:\w+)\)/)?.[1])).toEqual([
      "zeebe:ExecutionListeners",
      "zeebe:PriorityDefinition",
      "zeebe:TaskListeners",
      "zeebe:TaskHeaders",
    ]);
    // in plain words first, the Camunda name only in brackets
    expect(problems[0]?.message.id).toBe(
      "Tindakan otomatis saat langkah mulai/selesai (zeebe:ExecutionListeners) tidak dijalankan oleh Alur dan diabaikan.",
    );
    expect(problems[1]?.message.id).toContain("tidak dijalankan oleh Alur");
  });
});
