// When Temporal cannot be reached the API says so (503 with a retry hint) and changes nothing.
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap/configure-app';
import { demoToken, seedDemoData } from '../../src/demo/demo-data';
import { createTestDatabase, TestDatabase } from '../support/database';

let db: TestDatabase;
let app: INestApplication;

beforeAll(async () => {
  db = await createTestDatabase('unavailable');
  // Port 9 (discard) on loopback: nothing listens, so every Temporal call fails to connect.
  Object.assign(process.env, { DATABASE_URL: db.url, TEMPORAL_ADDRESS: '127.0.0.1:9' });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register({ api: true, worker: false })] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  configureApp(app);
  await app.init();
  await seedDemoData(app.get(DataSource));
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

it('answers 503 with Retry-After when Temporal is down, and opens no ticket', async () => {
  const res = await request(app.getHttpServer())
    .post('/tickets')
    .set({ Authorization: `Bearer ${demoToken('jannet')}` })
    .send({ type: 'incident', title: 'VPN down', description: 'No VPN', impact: 'workplace', urgency: 'today' });
  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toBe('5');
  expect(res.body).toMatchObject({ error: 'unavailable' });
  const [{ count }] = await db.dataSource.query('SELECT count(*)::int AS count FROM tickets');
  expect(count).toBe(0);
}, 30_000);

it('reports which backing service is down on /health', async () => {
  const res = await request(app.getHttpServer()).get('/health');
  expect(res.status).toBe(503);
  expect(res.body).toMatchObject({ postgres: 'up', temporal: 'down' });
}, 30_000);
