import { describe, expect, it } from "vitest";
import { completionTimeUnderSla } from "./completion-time-under-sla";
import { runFixture } from "./fixture-support";

describe("completion-time-under-sla", () => {
  it("accepts a completion time that covers the longest path, the loop and the clock stop counted out", async () => {
    // given 1 + 2 + 3 working days on the longest path, a loop back through a 10-day clock-stopping wait
    // when the standard declares 6 working days
    // then nothing is reported
    expect(await runFixture(completionTimeUnderSla, "valid", { forPublish: true })).toEqual([]);
  });

  it("reports a declared time shorter than the SLA sum, with both numbers", async () => {
    // given the same model declaring 5 working days, and a 30-minute service with a 1-working-hour task
    const problems = await runFixture(completionTimeUnderSla, "invalid");
    // then each process gets a warning carrying the declared time and the sum
    expect(problems.map((p) => [p.elementId, p.severity])).toEqual([
      ["p", "warning"],
      ["mixed", "warning"],
    ]);
    expect(problems[0]?.message.id).toBe(
      "Waktu penyelesaian yang dinyatakan (5 hari kerja) lebih pendek dari jumlah SLA pada jalur terpanjang (6 hari kerja: Terima berkas (1 hari kerja) → Periksa berkas (2 hari kerja) → Proses (3 hari kerja)).",
    );
    expect(problems[0]?.message.en).toBe(
      "The declared completion time (5 working days) is shorter than the SLA sum of the longest path (6 working days: Terima berkas (1 working days) → Periksa berkas (2 working days) → Proses (3 working days)).",
    );
    // units differ: the sum is converted and marked as approximate
    expect(problems[1]?.message.en).toContain("(30 minutes)");
    expect(problems[1]?.message.en).toContain("(≈ 60 minutes: m-task (1 working hours))");
  });
});
