// npm run bench:alerts — against the running stack (`npm start` in another terminal): a burst of
// BENCH_N (1000) alerts, 95 % duplicates (BENCH_DISTINCT = 5 % distinct fingerprints), posted at
// concurrency BENCH_C (50) by the demo monitor; prints alerts/s, p50/p95/p99 latency, and the
// incidents opened, which must equal the distinct fingerprints. A 503 is sent again after
// Retry-After, as a monitor does; each alert received is one occurrence. Loopback only.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { measure, printFigures } from './stats';

const N = Number(process.env.BENCH_N ?? 1000);
const C = Number(process.env.BENCH_C ?? 50);
const DISTINCT = Number(process.env.BENCH_DISTINCT ?? Math.max(1, Math.round(N * 0.05)));
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';
const token = process.env.BENCH_TOKEN ?? 'demo-netmonitor';
const database = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5433/postgres';

if (!/^(127\.|localhost|\[::1\])/.test(new URL(api).hostname)) throw new Error('benchmarks only target this machine (127.0.0.1)');

async function main(): Promise<void> {
  const run = randomUUID().slice(0, 8);
  const fingerprints = Array.from({ length: DISTINCT }, (_, i) => `bench-${run}-${i}`);
  let created = 0;
  let retried = 0;
  const send = (i: number) =>
    fetch(`${api}/monitor/alerts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        source: 'bench',
        fingerprint: fingerprints[i % DISTINCT],
        severity: 'warning',
        service: 'Bench service',
        summary: `Bench alert ${i % DISTINCT}`,
        status: 'firing',
      }),
    });
  const figures = await measure(`POST /monitor/alerts (N=${N}, C=${C})`, N, C, async (i) => {
    let res = await send(i);
    // As a monitor does (and docs/api.md asks): a 503 is sent again after Retry-After. A repeated
    // alert is one more occurrence, never a second incident.
    for (let attempt = 1; res.status === 503 && attempt <= 5; attempt++) {
      retried += 1;
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
      res = await send(i);
    }
    if (res.status !== 202) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
    if (((await res.json()) as { createdIncident: boolean }).createdIncident) created += 1;
  });
  printFigures([figures]);
  // Count in PostgreSQL what the API says it did: one incident per distinct fingerprint.
  const db = new Client({ connectionString: database });
  await db.connect();
  const { rows } = await db.query(
    `SELECT count(DISTINCT ticket_number)::int AS incidents, sum(occurrences)::int AS occurrences
     FROM monitor_alerts WHERE fingerprint LIKE $1`,
    [`bench-${run}-%`],
  );
  await db.end();
  console.log(
    `\ndistinct fingerprints: ${DISTINCT}; incidents in PostgreSQL: ${rows[0].incidents}; occurrences counted: ${rows[0].occurrences} of ${N} sent + ${retried} sent again after a 503; incidents the API said it opened: ${created}`,
  );
  if (rows[0].incidents !== DISTINCT || rows[0].occurrences !== N + retried) {
    console.error('MISMATCH: one incident per distinct fingerprint, one occurrence per alert received');
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
