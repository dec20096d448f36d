// Worker only (scale-out: N workers on the `tickets` task queue; see docker-compose.yml).
// Readiness on its own port (WORKER_HEALTH_PORT); exits non-zero when its Temporal worker stops,
// so that a supervisor (the cluster script, compose's restart policy, Kubernetes) starts another.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { loadAppConfig } from './config/app-config';
import { metricsText } from './observability/metrics';
import { installTemporalRuntime } from './observability/temporal-runtime';
import { serveWorkerHealth } from './worker/worker-health.server';
import { TemporalWorkerService } from './worker/temporal-worker.service';

/** How long an orderly close may take after the worker died before the process exits anyway. */
const EXIT_AFTER_MS = 10_000;

async function main(): Promise<void> {
  const config = loadAppConfig();
  installTemporalRuntime(config.sdkMetricsPort);
  const app = await NestFactory.createApplicationContext(AppModule.register({ api: false, worker: true }), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  app.enableShutdownHooks();
  const logger = new Logger('worker');
  const worker = app.get(TemporalWorkerService);
  const db = app.get(DataSource);
  const health = await serveWorkerHealth(config.workerHealth.port, config.workerHealth.host, {
    workerState: () => worker.state(),
    pingDatabase: () => db.query('SELECT 1'),
    // The worker's /metrics: its own registry, and the SDK's exporter when TEMPORAL_SDK_METRICS_PORT is set.
    metrics: () => metricsText(config.sdkMetricsPort ? `http://127.0.0.1:${config.sdkMetricsPort}/metrics` : undefined),
  });
  logger.log(`readiness on http://${config.workerHealth.host}:${health.port}/health/ready`);
  void worker.stoppedUnasked.then(async (reason) => {
    // Carrying on would leave a process that looks alive and does nothing.
    logger.error(`${reason}; exiting so that a supervisor restarts this process`);
    setTimeout(() => process.exit(1), EXIT_AFTER_MS).unref();
    await health.close();
    await app.close().catch(() => undefined);
    process.exit(1);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
