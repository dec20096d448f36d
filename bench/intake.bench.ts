// npm run bench:intake — against the running stack (`npm start` in another terminal):
// creates N tickets over HTTP at concurrency C and runs N bare no-op workflows on the same
// Temporal server and task queue, in alternating rounds (BENCH_ROUNDS, 4) so load from elsewhere
// on the machine hits both alike, and prints both and their ratio. Loopback only.
// The tickets report different things (bench/rest.ts reportTitle): identical titles are a major
// incident to the detector, which then proposes one inside every fifth intake. Its window is 15
// minutes (MI_DETECT_WINDOW_MINUTES): five or more runs within it can still meet five alike.
//   BENCH_N (200)  BENCH_C (10)  API_URL (http://127.0.0.1:3000)  BENCH_TOKEN (demo-jannet)
//   TEMPORAL_ADDRESS (127.0.0.1:7233)  TEMPORAL_TASK_QUEUE (tickets)
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { noopWorkflow } from '../workflows/noop.workflow';
import { REPORT_TITLES, reportTitle } from './rest';
import { measure, measurePair, printFigures } from './stats';

const N = Number(process.env.BENCH_N ?? 200);
const C = Number(process.env.BENCH_C ?? 10);
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';
const token = process.env.BENCH_TOKEN ?? 'demo-jannet';
const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const taskQueue = process.env.TEMPORAL_TASK_QUEUE ?? 'tickets';

if (!/^(127\.|localhost|\[::1\])/.test(new URL(api).hostname) || !/^(127\.|localhost)/.test(address)) {
  throw new Error('benchmarks only target this machine (127.0.0.1)');
}

// Where this run starts in the cycle of titles, so runs minutes apart report different things.
const offset = Math.floor(Math.random() * REPORT_TITLES);

async function createTicket(i: number): Promise<void> {
  const res = await fetch(`${api}/tickets`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'incident', title: reportTitle(offset + i), description: `Bench ticket ${i}: load test`, impact: 'workplace', urgency: 'days' }),
  });
  if (res.status !== 201) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
}

async function main(): Promise<void> {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const run = randomUUID().slice(0, 8);
  // A short warm-up so neither side pays for first-use costs inside the measurement.
  await measure('warm-up', Math.min(10, N), 2, (i) => createTicket(N + i));
  const [tickets, bare] = await measurePair(
    { label: `POST /tickets (N=${N}, C=${C})`, task: createTicket },
    {
      label: `no-op workflow (N=${N}, C=${C})`,
      task: (i) => client.workflow.execute<typeof noopWorkflow>('noopWorkflow', { workflowId: `bench-${run}-${i}`, taskQueue }),
    },
    N,
    C,
  );
  printFigures([tickets, bare]);
  console.log(`\nticket intake / bare workflow: throughput ${(tickets.perSecond / bare.perSecond).toFixed(2)}x, p50 latency ${(tickets.p50 / bare.p50).toFixed(2)}x`);
  await connection.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
