/** Latency percentiles of a run, in milliseconds. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export interface RunFigures {
  label: string;
  count: number;
  failed: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Runs `task` `count` times with at most `concurrency` in flight, timing each. */
export async function measure(label: string, count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<RunFigures> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        try {
          await task(i);
          latencies.push(performance.now() - t0);
        } catch (error) {
          failed += 1;
          if (failed <= 3) console.error(`${label} #${i} failed: ${error}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label,
    count,
    failed,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

export function printFigures(rows: RunFigures[]): void {
  const fmt = (n: number) => n.toFixed(1).padStart(9);
  console.log(`${'run'.padEnd(34)}${'n'.padStart(7)}${'failed'.padStart(8)}${'per s'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}`);
  for (const r of rows) {
    console.log(`${r.label.padEnd(34)}${String(r.count).padStart(7)}${String(r.failed).padStart(8)}${fmt(r.perSecond)}${fmt(r.p50)}${fmt(r.p95)}${fmt(r.p99)}`);
  }
}
