import { describe, expect, it } from "vitest";
import { addHistograms, bucketLowerBound, bucketUpperBound, percentileFromHistogram, REPORT_BUCKETS } from ".";

/** The bucket of a duration by the rule the database applies (report_duration_bucket). */
function bucketOf(seconds: number): number {
  return seconds < 1 ? 0 : Math.min(Math.floor((8 * Math.log(seconds)) / Math.log(2)) + 1, REPORT_BUCKETS - 1);
}

function histogramOf(durations: number[]): number[] {
  const h = new Array<number>(REPORT_BUCKETS).fill(0);
  for (const d of durations) h[bucketOf(d)]! += 1;
  return h;
}

describe("percentileFromHistogram", () => {
  it("is null for an empty histogram", () => {
    expect(percentileFromHistogram(new Array(REPORT_BUCKETS).fill(0), 0.9)).toBeNull();
  });

  it("takes the nearest rank: the 9th of ten durations for p90", () => {
    // given ten durations of 1..10 hours
    const durations = Array.from({ length: 10 }, (_, i) => (i + 1) * 3600);
    // when
    const p90 = percentileFromHistogram(histogramOf(durations), 0.9)!;
    // then the exact nearest-rank p90 is 9 h, and the report gives its bucket's upper bound
    expect(p90).toBe(bucketUpperBound(bucketOf(9 * 3600)));
    expect(p90).toBeGreaterThan(9 * 3600);
    expect(p90).toBeLessThanOrEqual(9 * 3600 * 2 ** (1 / 8));
  });

  it("is never below the exact value and at most 2^(1/8) above it", () => {
    // given a spread of durations from seconds to a year (a deterministic pseudo-random walk)
    let x = 12345;
    const durations = Array.from({ length: 2000 }, () => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return 1 + (x / 2 ** 31) * 3.15e7 * (x % 7 === 0 ? 1 : 0.001);
    });
    const sorted = [...durations].sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.99, 1]) {
      // when
      const estimate = percentileFromHistogram(histogramOf(durations), q)!;
      // then
      const exact = sorted[Math.ceil(q * sorted.length) - 1]!;
      expect(estimate).toBeGreaterThan(exact);
      expect(estimate).toBeLessThanOrEqual(exact * 2 ** (1 / 8) + 1e-9);
    }
  });

  it("puts durations under a second in bucket 0 and reports 1 s", () => {
    expect(percentileFromHistogram(histogramOf([0, 0.2, 0.9]), 0.9)).toBe(1);
    expect(bucketLowerBound(0)).toBe(0);
  });

  it("reports the lower bound of the open-ended last bucket", () => {
    const h = new Array<number>(REPORT_BUCKETS).fill(0);
    h[REPORT_BUCKETS - 1] = 3;
    expect(percentileFromHistogram(h, 0.9)).toBe(bucketLowerBound(REPORT_BUCKETS - 1));
  });

  it("adds histograms element-wise", () => {
    expect(addHistograms([1, 2], [3, 4, 5])).toEqual([4, 6, 5]);
  });

  it("refuses a quantile outside (0, 1]", () => {
    expect(() => percentileFromHistogram([1], 0)).toThrow(RangeError);
    expect(() => percentileFromHistogram([1], 1.5)).toThrow(RangeError);
  });
});
