/**
 * Duration histograms of the performance reports: the rollups count durations in logarithmic
 * buckets (8 per doubling), so a percentile is read from counts instead of a scan of every case.
 * Bucket 0 is [0, 1 s); bucket k ≥ 1 is [2^((k-1)/8), 2^(k/8)) s; the last bucket is open-ended.
 * The database computes the bucket of a duration (report_duration_bucket, migration 0019); this
 * module only reads bucket bounds, so the two never disagree on a boundary.
 */

/** Histogram length, as migration 0019 creates it. */
export const REPORT_BUCKETS = 256;
/** Buckets per doubling of the duration: a percentile is reported at most 2^(1/8) − 1 ≈ 9 % high. */
export const BUCKETS_PER_DOUBLING = 8;

/** The exclusive upper bound of bucket `k` in seconds (Infinity for the open-ended last bucket). */
export function bucketUpperBound(k: number): number {
  if (k >= REPORT_BUCKETS - 1) return Number.POSITIVE_INFINITY;
  return 2 ** (k / BUCKETS_PER_DOUBLING);
}

/** The inclusive lower bound of bucket `k` in seconds. */
export function bucketLowerBound(k: number): number {
  return k === 0 ? 0 : 2 ** ((k - 1) / BUCKETS_PER_DOUBLING);
}

/** Element-wise sum of histograms (missing entries count 0). */
export function addHistograms(into: number[], add: readonly number[]): number[] {
  for (let i = 0; i < add.length; i++) into[i] = (into[i] ?? 0) + (add[i] ?? 0);
  return into;
}

/**
 * The q-quantile (0 < q ≤ 1) by nearest rank — the ⌈q·n⌉-th smallest duration — reported as the
 * upper bound of the bucket that holds it (for the last, open-ended bucket: its lower bound).
 * null for an empty histogram.
 */
export function percentileFromHistogram(histogram: readonly number[], q: number): number | null {
  if (!(q > 0 && q <= 1)) throw new RangeError(`quantile out of range: ${q}`);
  const n = histogram.reduce((sum, c) => sum + c, 0);
  if (n === 0) return null;
  const rank = Math.ceil(q * n);
  let seen = 0;
  for (let k = 0; k < histogram.length; k++) {
    seen += histogram[k] ?? 0;
    if (seen >= rank) return k >= REPORT_BUCKETS - 1 ? bucketLowerBound(k) : bucketUpperBound(k);
  }
  return null;
}
