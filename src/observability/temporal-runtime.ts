import { Runtime } from '@temporalio/worker';
import pino from 'pino';

/**
 * The Temporal SDK's runtime, for a process that runs a worker (src/main.ts, src/worker.main.ts):
 * its log lines (workflow and activity loggers included, with the command's request id) as JSON
 * like the application's, and its Prometheus exporter on 127.0.0.1:TEMPORAL_SDK_METRICS_PORT,
 * which /metrics includes. Installed once, before the first connection.
 */
export function installTemporalRuntime(metricsPort: number): void {
  const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { component: 'temporal-sdk' } });
  const at = (level: 'trace' | 'debug' | 'info' | 'warn' | 'error') => (message: string, meta?: Record<string, unknown>) => log[level](meta ?? {}, message);
  Runtime.install({
    logger: {
      log: (level, message, meta) => at(level.toLowerCase() as 'info')(message, meta),
      trace: at('trace'),
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
    },
    ...(metricsPort ? { telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${metricsPort}` } } } } : {}),
  });
}
