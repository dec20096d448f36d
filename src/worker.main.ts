// Worker only (scale-out: N workers on the `tickets` task queue; see docker-compose.yml).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.register({ api: false, worker: true }));
  app.enableShutdownHooks();
}

void main();
