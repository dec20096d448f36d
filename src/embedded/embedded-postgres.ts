import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';
import type { RunningProcess } from './temporal-dev-server';

/**
 * PostgreSQL without a server install: PGlite (PostgreSQL compiled to WebAssembly) behind its
 * socket server, so `pg` and TypeORM talk to it over TCP exactly as to a real server.
 * PGlite is one session. Its socket server queues the messages of several connections, but it
 * interleaves the extended-protocol steps (Parse/Bind/Execute) of concurrent queries: under load
 * we saw "unnamed prepared statement does not exist" and parameters bound to another query. So
 * the embedded default uses a pool of ONE connection (main.ts sets DATABASE_POOL_SIZE=1):
 * queries queue in `pg`, and a transaction holds the database for its duration. A real
 * PostgreSQL (DATABASE_URL) gets a normal pool.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<RunningProcess & { url: string }> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
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
