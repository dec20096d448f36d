// The production shape on one machine, without Docker (`npm run start:cluster`, via scripts/cluster.sh
// which builds what is missing first): PostgreSQL, a Temporal server on it, the Temporal Web UI,
// migrations once, then N workers and N API processes, all supervised by this process.
// Each step waits for the previous one to be ready. Ctrl-C stops everything, last started first.
//
// Settings (environment):
//   PORT                 first API port (3000); API i listens on PORT+i
//   CLUSTER_APIS, CLUSTER_WORKERS   how many of each (2, 2)
//   WORKER_HEALTH_PORT   first worker's readiness port (3100); worker i answers on WORKER_HEALTH_PORT+i
//   DATABASE_URL         use this PostgreSQL instead of starting one (Temporal then uses the same
//                        server; TEMPORAL_DB_USER / TEMPORAL_DB_PASSWORD to use another role)
//   CLUSTER_PG_PORT      the local PostgreSQL's port (5434)
//   TEMPORAL_PORT        Temporal frontend gRPC (7233); the other services follow (temporal.ts)
//   TEMPORAL_UI_PORT     Temporal Web UI (8233); CLUSTER_UI=false (read by cluster.sh) skips it
//   TEMPORAL_LOG_LEVEL   the server's log level (warn)
//   CLUSTER_DATA_DIR     state and logs (.data/cluster)
//   SEED_DEMO_DATA       seed the demo teams, users and tokens on migration (true)
import { join, resolve } from 'node:path';
import { DEMO_USERS, demoToken } from '../../src/demo/demo-data';
import { ClusterPostgres, externalPostgres, startClusterPostgres } from './postgres';
import { isListening, Supervisor, waitForPort } from './supervisor';
import { ensureNamespace, setupTemporalSchemas, startTemporalServer, startTemporalUi, temporalPorts } from './temporal';

const env = process.env;
/** Node options of a worker process: the workflow thread without the SDK's per-promise stack traces (src/worker/workflow-thread-hooks.ts). */
const WORKER_PRELOAD = ['--require', './dist/src/worker/workflow-thread-hooks.js'];
const int = (value: string | undefined, fallback: number) => (value ? Number.parseInt(value, 10) : fallback);

const root = resolve(__dirname, '..', '..');
const dataDir = resolve(root, env.CLUSTER_DATA_DIR ?? '.data/cluster');
const settings = {
  apiPort: int(env.PORT, 3000),
  apis: int(env.CLUSTER_APIS, 2),
  workers: int(env.CLUSTER_WORKERS, 2),
  workerHealthPort: int(env.WORKER_HEALTH_PORT, 3100),
  pgPort: int(env.CLUSTER_PG_PORT, 5434),
  temporalPort: int(env.TEMPORAL_PORT, 7233),
  uiPort: int(env.TEMPORAL_UI_PORT, 8233),
  namespace: env.TEMPORAL_NAMESPACE ?? 'default',
  seed: env.SEED_DEMO_DATA !== 'false',
};

let shuttingDown = false;
const supervisor = new Supervisor(join(dataDir, 'logs'), dataDir, (name, code, signal) => {
  console.error(`\n${name} stopped on its own (code ${code}, signal ${signal}): stopping the cluster`);
  void shutdown(1);
});

async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log('\nstopping the cluster, last started first (logs stay in .data/cluster/logs)...');
  await supervisor.stopAll();
  console.log('stopped');
  process.exit(code);
}

// The terminal sends SIGINT to the whole foreground group (npm, bash, this process): the first
// one starts the shutdown, repeats are ignored. The children run in their own groups.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

function required(name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set: run the cluster with \`npm run start:cluster\` (scripts/cluster.sh finds the binaries)`);
  return value;
}

async function main(): Promise<void> {
  const started = Date.now();
  const serverDir = required('TEMPORAL_SERVER_DIR');
  const cli = required('TEMPORAL_CLI');
  const uiBin = env.TEMPORAL_UI_SERVER || undefined;

  const leftovers = await supervisor.stopLeftovers();
  if (leftovers.length) console.log(`stopped what a previous run left behind: ${leftovers.join(', ')}`);

  // Every port this run binds must be free: an API that cannot bind would otherwise look ready
  // (something answers on its port) while it crashed.
  const ports = temporalPorts(settings.temporalPort);
  const apiPorts = Array.from({ length: settings.apis }, (_, i) => settings.apiPort + i);
  const workerHealthPorts = Array.from({ length: settings.workers }, (_, i) => settings.workerHealthPort + i);
  const wanted: Array<[string, number]> = [
    ...(env.DATABASE_URL ? [] : [['PostgreSQL (CLUSTER_PG_PORT)', settings.pgPort] as [string, number]]),
    ...Object.entries(ports).map(([name, port]) => [`Temporal ${name} (follows TEMPORAL_PORT)`, port] as [string, number]),
    ...(uiBin ? [['Temporal Web UI (TEMPORAL_UI_PORT)', settings.uiPort] as [string, number]] : []),
    ...apiPorts.map((port, i) => [`API ${i + 1} (follows PORT)`, port] as [string, number]),
    ...workerHealthPorts.map((port, i) => [`worker ${i + 1} readiness (follows WORKER_HEALTH_PORT)`, port] as [string, number]),
  ];
  const taken = [];
  for (const [what, port] of wanted) if (await isListening(port)) taken.push(`${port} (${what})`);
  if (taken.length) throw new Error(`ports already in use: ${taken.join(', ')}`);

  const step = async <T>(label: string, action: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const result = await action();
    console.log(`✔ ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return result;
  };

  // 1. PostgreSQL: DATABASE_URL, or a local durable server.
  const postgres: ClusterPostgres = env.DATABASE_URL
    ? externalPostgres(env.DATABASE_URL, env)
    : await step(`PostgreSQL on 127.0.0.1:${settings.pgPort}`, () =>
        startClusterPostgres(supervisor, {
          dataDir: join(dataDir, 'postgres'),
          port: settings.pgPort,
          superuserPassword: env.CLUSTER_PG_SUPERUSER_PASSWORD ?? 'postgres',
          appPassword: env.CLUSTER_PG_APP_PASSWORD ?? 'itsm',
          temporalPassword: env.CLUSTER_PG_TEMPORAL_PASSWORD ?? 'temporal',
        }),
      );

  // 2. Temporal: schemas, server, namespace and search attributes.
  const address = `127.0.0.1:${ports.frontend}`;
  await step('Temporal schemas (temporal, temporal_visibility)', () => setupTemporalSchemas(supervisor, join(serverDir, 'temporal-sql-tool'), postgres.temporal));
  await step(`Temporal server, frontend on ${address}`, () =>
    startTemporalServer(supervisor, {
      serverBin: join(serverDir, 'server'),
      cli,
      configDir: join(dataDir, 'temporal'),
      ports,
      sql: postgres.temporal,
      logLevel: env.TEMPORAL_LOG_LEVEL ?? 'warn',
    }),
  );
  const registered = await step(`namespace "${settings.namespace}" and search attributes`, () =>
    ensureNamespace({ cli, address, namespace: settings.namespace, retention: env.TEMPORAL_NAMESPACE_RETENTION ?? '720h' }),
  );
  if (registered.length) console.log(`  registered ${registered.join(', ')}`);
  let uiUrl: string | undefined;
  if (uiBin) {
    uiUrl = await step(`Temporal Web UI on 127.0.0.1:${settings.uiPort}`, () =>
      startTemporalUi(supervisor, { uiBin, rootDir: join(dataDir, 'temporal-ui'), frontend: ports.frontend, port: settings.uiPort }),
    ).then(
      () => `http://127.0.0.1:${settings.uiPort}`,
      (error) => {
        // The UI is a convenience: the cluster runs without it.
        console.warn(`  Temporal Web UI not started: ${error.message}`);
        return undefined;
      },
    );
  }

  // 3. The application: migrations once, then workers, then the API processes.
  const appEnv = {
    ...env,
    NODE_ENV: env.NODE_ENV ?? 'production',
    DATABASE_URL: postgres.appUrl,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: settings.namespace,
  };
  const node = process.execPath;
  await step('migrations', () =>
    supervisor.run({ name: 'migrate', command: node, args: ['dist/src/migrate.main.js'], cwd: root, env: { ...appEnv, SEED_DEMO_DATA: String(settings.seed) } }),
  );
  // Replicas never migrate: `migrate` did, once.
  const replicaEnv = { ...appEnv, DATABASE_MIGRATE: 'false' };
  await step(`${settings.workers} workers`, () =>
    Promise.all(
      Array.from({ length: settings.workers }, (_, i) => {
        // Each its own readiness port, on loopback as everything here.
        const workerEnv = { ...replicaEnv, WORKER_HEALTH_PORT: String(workerHealthPorts[i]), WORKER_HEALTH_HOST: '127.0.0.1' };
        const worker = supervisor.start({ name: `worker-${i + 1}`, command: node, args: [...WORKER_PRELOAD, 'dist/src/worker.main.js'], cwd: root, env: workerEnv, restart: true, quietUntilReady: true });
        // Each worker bundles the workflow code first (a few seconds of CPU).
        return supervisor.waitForLine(worker, /worker polling task queue/, 180_000).then(() => supervisor.markReady(worker));
      }),
    ),
  );
  await step(`${settings.apis} API processes on ${apiPorts.join(', ')}`, () =>
    Promise.all(
      apiPorts.map((port, i) => {
        const api = supervisor.start({ name: `api-${i + 1}`, command: node, args: ['dist/src/api.main.js'], cwd: root, env: { ...replicaEnv, PORT: String(port) }, restart: true, quietUntilReady: true });
        return waitForPort(port, 120_000, '127.0.0.1', () => api.child.exitCode === null).then(() => supervisor.markReady(api));
      }),
    ),
  );

  const base = `http://127.0.0.1:${settings.apiPort}`;
  console.log(
    [
      '',
      `  Cluster ready in ${((Date.now() - started) / 1000).toFixed(1)} s (logs: ${join(dataDir, 'logs')})`,
      ...apiPorts.map((port, i) => `  API ${i + 1}        http://127.0.0.1:${port} (readiness: /health/ready)`),
      ...workerHealthPorts.map((port, i) => `  Worker ${i + 1}     http://127.0.0.1:${port}/health/ready`),
      `  OpenAPI      ${base}/docs`,
      `  Temporal     ${address} (namespace ${settings.namespace})`,
      `  Temporal UI  ${uiUrl ?? 'not running (CLUSTER_UI=false, or scripts/temporal-ui.sh could not build it)'}`,
      `  PostgreSQL   ${postgres.appUrl.replace(/:[^:@/]*@/, ':***@')}`,
      ...(settings.seed
        ? ['  Demo tokens (Authorization: Bearer <token>):', ...DEMO_USERS.map((u) => `    ${u.username.padEnd(11)} ${u.role.padEnd(16)} ${demoToken(u.username)}`)]
        : []),
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  if (shuttingDown) return; // a step failed because the cluster is being stopped
  console.error(`\ncluster start failed: ${error instanceof Error ? error.message : error}`);
  void shutdown(1); // stop whatever did start
});
