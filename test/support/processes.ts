// Real processes for the fault tests, started and stopped (kill -9 included) from the test: the
// Temporal dev server on a file store (it keeps its workflows and timers across a stop), a
// PostgreSQL server of its own, worker processes (src/worker.main.ts), and the API in the test
// process. Everything listens on 127.0.0.1; every wait is bounded in time.
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Connection } from '@temporalio/client';
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap/configure-app';
import { demoToken, seedDemoData } from '../../src/demo/demo-data';
import { waitForPort } from '../../src/embedded/temporal-dev-server';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../../workflows/search-attributes';

const ROOT = join(__dirname, '..', '..');

/** A port nothing listens on now (the OS's pick). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A child process with its last output lines kept for the failure message. */
class Child {
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly name: string, readonly process: ChildProcess) {
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString().split('\n').filter(Boolean));
      this.output.splice(0, Math.max(0, this.output.length - 60));
    };
    process.stdout?.on('data', keep);
    process.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.process.pid!;
  }

  running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** kill -9: no shutdown hook runs, nothing is told. */
  async kill9(): Promise<void> {
    if (this.running()) this.process.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running()) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  tail(): string {
    return `--- last output of ${this.name} ---\n${this.output.slice(-25).join('\n')}`;
  }
}

/** `temporal server start-dev` on a SQLite file: stop() and start() keep its workflows and timers. */
export class TemporalDevServer {
  private child?: Child;

  constructor(
    readonly port: number,
    private readonly dbFile: string,
  ) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const cli = process.env.TEMPORAL_CLI;
    if (!cli) throw new Error('TEMPORAL_CLI is not set: run the tests with `npm test`');
    const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(this.port), '--headless', '--db-filename', this.dbFile, '--log-level', 'error'];
    for (const registration of SEARCH_ATTRIBUTE_REGISTRATIONS) args.push('--search-attribute', registration);
    this.child = new Child('temporal', spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    await waitForPort(this.port, this.child.process, 60_000);
    await this.untilServing(30_000);
  }

  /** SIGTERM and wait for the exit: after this, nothing listens on the port. */
  async stop(): Promise<void> {
    await this.child?.stop();
  }

  private async untilServing(timeoutMs: number): Promise<void> {
    const connection = Connection.lazy({ address: this.address, interceptors: [] });
    try {
      for (const deadline = Date.now() + timeoutMs; ; await sleep(100)) {
        const serving = await connection
          .withDeadline(Date.now() + 1000, () => connection.healthService.check({ service: 'temporal.api.workflowservice.v1.WorkflowService' }))
          .then(({ status }) => status === 1, () => false);
        if (serving) return;
        if (Date.now() > deadline) throw new Error(`Temporal at ${this.address} did not serve within ${timeoutMs} ms\n${this.child?.tail()}`);
      }
    } finally {
      await connection.close();
    }
  }
}

/** src/worker.main.ts as its own process, as production runs it, with its readiness port. */
export class WorkerProcess {
  private constructor(
    private readonly child: Child,
    readonly healthPort: number,
  ) {}

  static async start(name: string, env: Record<string, string>): Promise<WorkerProcess> {
    const healthPort = await freePort();
    const process_ = spawn(process.execPath, ['-r', join(ROOT, 'test', 'support', 'ts-node-swc.js'), join(ROOT, 'src', 'worker.main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...env, WORKER_HEALTH_PORT: String(healthPort), WORKER_HEALTH_HOST: '127.0.0.1', DATABASE_MIGRATE: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new WorkerProcess(new Child(name, process_), healthPort);
  }

  get pid(): number {
    return this.child.pid;
  }

  get exited(): Promise<number | null> {
    return this.child.exited;
  }

  /** Waits until its readiness answers 200 (polling, worker RUNNING, database answering). */
  async ready(timeoutMs = 90_000): Promise<void> {
    for (const deadline = Date.now() + timeoutMs; ; await sleep(250)) {
      if (!this.child.running()) throw new Error(`${this.child.name} exited before it was ready\n${this.child.tail()}`);
      if ((await this.readiness()).status === 200) return;
      if (Date.now() > deadline) throw new Error(`${this.child.name} was not ready within ${timeoutMs} ms\n${this.child.tail()}`);
    }
  }

  async readiness(): Promise<{ status: number; body: unknown }> {
    try {
      const res = await fetch(`http://127.0.0.1:${this.healthPort}/health/ready`, { signal: AbortSignal.timeout(5000) });
      return { status: res.status, body: await res.json() };
    } catch (error) {
      return { status: 0, body: String(error) };
    }
  }

  kill9(): Promise<void> {
    return this.child.kill9();
  }

  stop(): Promise<void> {
    return this.child.stop();
  }

  tail(): string {
    return this.child.tail();
  }
}

export interface HttpAnswer {
  status: number;
  body: any;
  retryAfter: string | null;
  ms: number;
}

/** The API alone (no worker in this process), listening on 127.0.0.1, with the demo data. */
export class ApiProcess {
  private constructor(
    readonly app: INestApplication,
    readonly url: string,
  ) {}

  static async start(env: Record<string, string>): Promise<ApiProcess> {
    Object.assign(process.env, env);
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.register({ api: true, worker: false })] }).compile();
    const app = moduleRef.createNestApplication({ logger: ['error'] });
    configureApp(app);
    await app.init();
    await seedDemoData(app.get(DataSource));
    await app.listen(0, '127.0.0.1');
    return new ApiProcess(app, await app.getUrl().then((url) => url.replace('[::1]', '127.0.0.1')));
  }

  async request(method: 'GET' | 'POST', path: string, username?: string, body?: object, idempotencyKey?: string): Promise<HttpAnswer> {
    const started = Date.now();
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(username ? { Authorization: `Bearer ${demoToken(username)}` } : {}),
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started };
  }

  close(): Promise<void> {
    return this.app.close();
  }
}
