// When Temporal cannot be reached the API says so at once (503 with a retry hint), changes nothing,
// and its readiness says which dependency is down.
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

it('answers 503 with Retry-After when Temporal is down, at once, and opens no ticket', async () => {
  // The API has probed Temporal and found it down (readiness says so), and its pool is open: what
  // is timed is the refusal, not the API's first probe (up to its 1 s deadline) nor its first
  // connections. Untimed, that start once took 2.2 s in a full CI run, where this suite shares its
  // process with eighty others.
  await request(app.getHttpServer()).get('/health/ready').expect(503);
  const started = Date.now();
  const res = await request(app.getHttpServer())
    .post('/tickets')
    .set({ Authorization: `Bearer ${demoToken('jannet')}` })
    .send({ type: 'incident', title: 'VPN down', description: 'No VPN', impact: 'workplace', urgency: 'today' });
  expect(res.status).toBe(503);
  // Not after the SDK's ~20 s of retries: the client's probe already knows.
  expect(Date.now() - started).toBeLessThan(2000);
  expect(res.headers['retry-after']).toBe('5');
  expect(res.body).toMatchObject({ error: 'unavailable' });
  const [{ count }] = await db.dataSource.query('SELECT count(*)::int AS count FROM tickets');
  expect(count).toBe(0);
}, 30_000);

it('reports which backing service is down on /health', async () => {
  const res = await request(app.getHttpServer()).get('/health');
  expect(res.status).toBe(503);
  expect(res.body).toMatchObject({ postgres: 'up', temporal: 'down' });
  expect(res.headers['retry-after']).toBe('5');
}, 30_000);

it('is alive but not ready, and readiness names Temporal', async () => {
  await request(app.getHttpServer()).get('/health/live').expect(200);
  const res = await request(app.getHttpServer()).get('/health/ready');
  expect(res.status).toBe(503);
  expect(res.body).toMatchObject({
    status: 'error',
    info: { postgres: { status: 'up' } },
    error: { temporal: { status: 'down', reachable: false, message: expect.stringContaining('127.0.0.1:9 is unreachable') } },
  });
}, 30_000);
