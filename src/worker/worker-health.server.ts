import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the worker's readiness is made of. */
export interface WorkerHealthSources {
  /** The Temporal worker's state: ready only while RUNNING (polling its task queue). */
  workerState(): string;
  /** A query on the read model: activities write there, so a worker without it does no work. */
  pingDatabase(): Promise<unknown>;
  /** Prometheus text for `GET /metrics` (the worker process has no other HTTP server); absent: 404. */
  metrics?(): Promise<string>;
}

export interface WorkerHealthServer {
  port: number;
  close(): Promise<void>;
}

const PING_TIMEOUT_MS = 2000;

/**
 * The worker process has no API, so it answers a supervisor's probes on a port of its own
 * (WORKER_HEALTH_PORT, default 3100), in the API's terms:
 * - `GET /health/live`: 200 while the process answers;
 * - `GET /health/ready` (and `/health`): 200 while the Temporal worker is RUNNING and PostgreSQL
 *   answers a query, else 503; the body names each (`worker`, `postgres`);
 * - `GET /metrics`: the process's Prometheus metrics (as the API's /metrics), when given.
 * Plain node:http: the worker process has no HTTP stack, and three routes need none.
 */
export async function serveWorkerHealth(port: number, host: string, sources: WorkerHealthSources): Promise<WorkerHealthServer> {
  const server: Server = createServer((req, res) => {
    const answer = (status: number, body: object) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...(status === 503 ? { 'Retry-After': '5' } : {}) });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') return answer(405, { statusCode: 405, message: 'GET only' });
    if (path === '/health/live') return answer(200, { status: 'ok' });
    if (path === '/metrics' && sources.metrics) {
      void sources.metrics().then(
        (text) => {
          res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4', 'Cache-Control': 'no-store' });
          res.end(text);
        },
        (error: unknown) => answer(500, { statusCode: 500, message: `metrics: ${error instanceof Error ? error.message : String(error)}` }),
      );
      return;
    }
    if (path !== '/health/ready' && path !== '/health') return answer(404, { statusCode: 404, message: `see /health/live and /health/ready${sources.metrics ? ' and /metrics' : ''}` });
    void readiness(sources).then(({ ready, details }) => answer(ready ? 200 : 503, { status: ready ? 'ok' : 'error', details }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readiness(sources: WorkerHealthSources) {
  const state = sources.workerState();
  let timer: NodeJS.Timeout | undefined;
  const postgres = await Promise.race([
    sources.pingDatabase().then(() => ({ status: 'up' as const })),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS))),
  ])
    .catch((error: unknown) => ({ status: 'down' as const, message: error instanceof Error ? error.message : String(error) }))
    .finally(() => clearTimeout(timer));
  const worker = { status: state === 'RUNNING' ? ('up' as const) : ('down' as const), state };
  return { ready: worker.status === 'up' && postgres.status === 'up', details: { worker, postgres } };
}
