// The whole application as users reach it: the Nest app (API and worker in one process, as the
// embedded default runs) over HTTP, on a real PostgreSQL database and a real Temporal server.
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap/configure-app';
import { DEMO_USERS, demoToken, seedDemoData } from '../../src/demo/demo-data';
import { createTestDatabase, TestDatabase } from './database';
import { startTemporal, workflowBundle } from './temporal';

export interface TestStack {
  app: INestApplication;
  http: ReturnType<typeof request>;
  db: TestDatabase;
  temporal: TestWorkflowEnvironment;
  /** `Authorization` header for a demo user, e.g. as('jannet'). */
  as(username: (typeof DEMO_USERS)[number]['username']): { Authorization: string };
  userId(username: string): Promise<string>;
  teamId(code: string): Promise<string>;
  close(): Promise<void>;
}

export async function startStack(name: string, env: Record<string, string> = {}): Promise<TestStack> {
  const [db, temporal] = await Promise.all([createTestDatabase(name), startTemporal()]);
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: temporal.connection.options.address,
    TEMPORAL_TASK_QUEUE: `tickets-${name}`,
    ...env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register({ api: true, worker: true, workflowBundle: await workflowBundle() })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  configureApp(app);
  await app.init();
  const dataSource = app.get(DataSource);
  await seedDemoData(dataSource);
  const one = async (sql: string, value: string): Promise<string> => {
    const [row] = await dataSource.query(sql, [value]);
    if (!row) throw new Error(`no row for ${value}`);
    return row.id;
  };
  return {
    app,
    http: request(app.getHttpServer()),
    db,
    temporal,
    as: (username) => ({ Authorization: `Bearer ${demoToken(username)}` }),
    userId: (username) => one('SELECT id FROM users WHERE username = $1', username),
    teamId: (code) => one('SELECT id FROM teams WHERE code = $1', code),
    close: async () => {
      await app.close();
      await temporal.teardown();
      await db.drop();
    },
  };
}
