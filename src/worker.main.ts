// Worker only (scale-out: N workers on the `tickets` task queue; see docker-compose.yml).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { loadAppConfig } from './config/app-config';
import { installTemporalRuntime } from './observability/temporal-runtime';

async function main(): Promise<void> {
  installTemporalRuntime(loadAppConfig().sdkMetricsPort);
  const app = await NestFactory.createApplicationContext(AppModule.register({ api: false, worker: true }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
}

void main();
