import { serveWorkerHealth, WorkerHealthServer } from './worker-health.server';

describe("the worker process's readiness endpoint", () => {
  let state = 'RUNNING';
  let database: () => Promise<unknown> = async () => undefined;
  let server: WorkerHealthServer;
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`);
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
  };

  beforeAll(async () => {
    server = await serveWorkerHealth(0, '127.0.0.1', { workerState: () => state, pingDatabase: () => database() });
  });
  afterAll(() => server.close());

  it('is ready while the worker runs and PostgreSQL answers', async () => {
    expect(await get('/health/ready')).toMatchObject({
      status: 200,
      body: { status: 'ok', details: { worker: { status: 'up', state: 'RUNNING' }, postgres: { status: 'up' } } },
    });
    expect((await get('/health')).status).toBe(200);
  });

  it('is not ready, naming why, when the worker has stopped or PostgreSQL does not answer', async () => {
    state = 'STOPPED';
    database = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    };
    expect(await get('/health/ready')).toMatchObject({
      status: 503,
      retryAfter: '5',
      body: { status: 'error', details: { worker: { status: 'down', state: 'STOPPED' }, postgres: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:5432' } } },
    });
    state = 'RUNNING';
    database = () => new Promise(() => undefined); // never answers: down after the ping timeout
    expect(await get('/health/ready')).toMatchObject({ status: 503, body: { details: { postgres: { status: 'down', message: 'no answer within 2000 ms' } } } });
  });

  it('is alive whatever its dependencies say, and knows no other path', async () => {
    expect(await get('/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect((await get('/metrics')).status).toBe(404);
  });

  it('serves the metrics it is given at /metrics', async () => {
    const withMetrics = await serveWorkerHealth(0, '127.0.0.1', {
      workerState: () => 'RUNNING',
      pingDatabase: async () => undefined,
      metrics: async () => '# HELP up 1\nup 1\n',
    });
    try {
      const res = await fetch(`http://127.0.0.1:${withMetrics.port}/metrics`);
      expect({ status: res.status, type: res.headers.get('content-type'), body: await res.text() }).toEqual({
        status: 200,
        type: 'text/plain; version=0.0.4',
        body: '# HELP up 1\nup 1\n',
      });
    } finally {
      await withMetrics.close();
    }
  });
});
