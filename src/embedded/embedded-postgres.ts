import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';
import type { RunningProcess } from './temporal-dev-server';

/**
 * PostgreSQL without a server install: PGlite (PostgreSQL compiled to WebAssembly) behind its
 * socket server, so `pg` and TypeORM talk to it over TCP exactly as to a real server. PGlite runs
 * one query at a time; the socket server queues the pool's connections.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<RunningProcess & { url: string }> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 20 });
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
