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
  latencies: number[];
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
    latencies,
  };
}

/**
 * Runs two tasks in alternating rounds (A then B, then B then A, ...) and merges each side's
 * rounds, so a load change on this shared machine hits both sides alike and their ratio holds.
 * BENCH_ROUNDS (4) sets the number of rounds.
 */
export async function measurePair(
  a: { label: string; task: (i: number) => Promise<void> },
  b: { label: string; task: (i: number) => Promise<void> },
  count: number,
  concurrency: number,
  rounds = Number(process.env.BENCH_ROUNDS ?? 4),
): Promise<[RunFigures, RunFigures]> {
  const [first, second] = await measureInRounds([a, b], count, concurrency, rounds);
  return [first, second];
}

/** measurePair for any number of sides: each round runs them all, the order turned by one each round. */
export async function measureInRounds(
  sides: Array<{ label: string; task: (i: number) => Promise<void> }>,
  count: number,
  concurrency: number,
  rounds = Number(process.env.BENCH_ROUNDS ?? 4),
): Promise<RunFigures[]> {
  const runs: RunFigures[][] = sides.map(() => []);
  const size = Math.ceil(count / rounds);
  for (let r = 0, done = 0; done < count; r++, done += size) {
    const n = Math.min(size, count - done);
    const offset = done;
    for (const side of sides.map((_, s) => (s + r) % sides.length)) {
      const { label, task } = sides[side];
      runs[side].push(await measure(label, n, concurrency, (i) => task(offset + i)));
    }
  }
  return sides.map((side, s) => merge(side.label, runs[s]));
}

function merge(label: string, runs: RunFigures[]): RunFigures {
  const latencies = runs.flatMap((r) => r.latencies).sort((x, y) => x - y);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const count = runs.reduce((sum, r) => sum + r.count, 0);
  const failed = runs.reduce((sum, r) => sum + r.failed, 0);
  return { label, count, failed, seconds, latencies, perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}

export function printFigures(rows: RunFigures[]): void {
  const fmt = (n: number) => n.toFixed(1).padStart(9);
  console.log(`${'run'.padEnd(34)}${'n'.padStart(7)}${'failed'.padStart(8)}${'per s'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}`);
  for (const r of rows) {
    console.log(`${r.label.padEnd(34)}${String(r.count).padStart(7)}${String(r.failed).padStart(8)}${fmt(r.perSecond)}${fmt(r.p50)}${fmt(r.p95)}${fmt(r.p99)}`);
  }
}
