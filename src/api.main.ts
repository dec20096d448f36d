// API only (scale-out: several replicas behind a load balancer; see docker-compose.yml).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap/configure-app';
import { loadAppConfig } from './config/app-config';

async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule.register({ api: true, worker: false }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureApp(app);
  app.enableShutdownHooks();
  await app.listen(loadAppConfig().port);
}

void main();
