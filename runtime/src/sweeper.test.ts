import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { startSweeper } from "./sweeper";

describe("startSweeper", () => {
  it("never overlaps a slow run, keeps going after a failure, and stop() waits for the run in progress", async () => {
    // given a sweep that takes 60 ms, fails on its first run, on a 10 ms interval
    let runs = 0;
    let active = 0;
    let maxActive = 0;
    let finished = 0;
    const sweeper = startSweeper(
      "test sweep",
      async () => {
        runs++;
        active++;
        maxActive = Math.max(maxActive, active);
        await delay(60);
        active--;
        finished++;
        if (runs === 1) throw new Error("first run fails");
      },
      { intervalMs: 10, firstAfterMs: 0, logger: createLogger({ level: "silent", pretty: false }) },
    );

    // when it has had time for several intervals
    await delay(200);
    await sweeper.stop();

    // then runs followed one another, a failure did not stop it, and none was cut off
    expect(maxActive).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(finished).toBe(runs);
    const after = runs;
    await delay(50);
    expect(runs).toBe(after);
  });
});
