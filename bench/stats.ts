export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentiles over latencies in milliseconds. */
export function summarise(samples: number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: NaN, p99: NaN, mean: NaN, max: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return {
    count: sorted.length,
    p50: rank(50),
    p99: rank(99),
    mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
    max: sorted[sorted.length - 1],
  };
}
