import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname } from 'node:path';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../../workflows/search-attributes';

export interface TemporalDevServerOptions {
  cliPath: string;
  port: number;
  uiPort: number;
  /** SQLite file: the dev server keeps its workflows across restarts. */
  dbFile: string;
  namespace: string;
}

export interface RunningProcess {
  stop(): Promise<void>;
}

/** `temporal server start-dev` with the Web UI, a persistent store and our search attributes. */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<RunningProcess> {
  mkdirSync(dirname(options.dbFile), { recursive: true });
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(options.port),
    '--ui-port', String(options.uiPort),
    '--db-filename', options.dbFile,
    '--namespace', options.namespace,
    '--log-level', 'warn',
    ...SEARCH_ATTRIBUTE_REGISTRATIONS.flatMap((registration) => ['--search-attribute', registration]),
  ];
  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // Its log goes to ours, except while it stops: its internal services then dial each other's closed
  // ports for a second ("network dial error", "Failed to poll for task"), dozens of warnings that say
  // nothing about our system.
  let stopping = false;
  child.stdout!.on('data', (chunk: Buffer) => void (stopping || process.stdout.write(chunk)));
  child.stderr!.on('data', (chunk: Buffer) => void (stopping || process.stderr.write(chunk)));
  await waitForPort(options.port, child, 60_000);
  return {
    stop: () => {
      stopping = true;
      return stopProcess(child);
    },
  };
}

export async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with code ${child.exitCode} before listening on ${port}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`nothing listened on port ${port} within ${timeoutMs} ms`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}
