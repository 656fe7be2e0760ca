import { describe, expect, it } from "vitest";
import { READABLE, readableViewport } from "./fit-view";

describe("readable fit", () => {
  it("shows a small procedure whole, centred, never above 100%", () => {
    const v = readableViewport({ x: 0, y: 0, width: 400, height: 200 }, 1000, 600);
    expect(v.zoom).toBe(1);
    expect([v.x, v.y]).toEqual([300, 200]);
  });

  it("shrinks a wider one to fit, down to the readable size", () => {
    const v = readableViewport({ x: 40, y: 40, width: 1200, height: 400 }, 1000, 600);
    expect(v.zoom).toBeCloseTo((1000 - 32) / 1200);
    expect(v.x).toBeCloseTo(16 - 40 * v.zoom);
  });

  it("keeps a long procedure readable from its start, not centred and cut off", () => {
    // SKT-PB on a 390-px phone: 12 cards in a row, loops below
    const v = readableViewport({ x: 40, y: 40, width: 2600, height: 800 }, 370, 420);
    expect(v.zoom).toBe(READABLE.minZoom);
    expect(v.x).toBeCloseTo(16 - 40 * READABLE.minZoom);
    expect(v.y).toBeCloseTo(16 - 40 * READABLE.minZoom);
  });
});
