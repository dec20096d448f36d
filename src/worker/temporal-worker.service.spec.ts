import { Logger } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { AppConfig } from '../config/app-config';
import type { ActivityRegistry } from './activity-registry';
import { TemporalWorkerService } from './temporal-worker.service';

/** A stand-in for the SDK worker whose run() ends when the test says. */
function fakeWorker() {
  let end!: (error?: Error) => void;
  const run = new Promise<void>((resolve, reject) => (end = (error) => (error ? reject(error) : resolve())));
  let state = 'RUNNING';
  return {
    worker: { run: () => run, getState: () => state, shutdown: () => ((state = 'STOPPING'), end()) },
    end,
  };
}

const config = { temporalAddress: '127.0.0.1:1', temporalNamespace: 'default', taskQueue: 'tickets' } as AppConfig;
const registry = { collect: () => ({}) } as unknown as ActivityRegistry;
const settledWithin = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise.then((value) => ({ value })), new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms))]);

describe('TemporalWorkerService: a worker that stops by itself ends the process (worker.main.ts)', () => {
  let fake: ReturnType<typeof fakeWorker>;

  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  beforeEach(() => {
    fake = fakeWorker();
    jest.spyOn(NativeConnection, 'connect').mockResolvedValue({ close: async () => undefined } as unknown as NativeConnection);
    jest.spyOn(Worker, 'create').mockResolvedValue(fake.worker as unknown as Worker);
  });

  afterEach(() => jest.restoreAllMocks());

  it('says so when the worker fails', async () => {
    const service = new TemporalWorkerService(config, registry, null);
    await service.onApplicationBootstrap();
    expect(service.state()).toBe('RUNNING');
    fake.end(new Error('namespace not found'));
    expect(await settledWithin(service.stoppedUnasked, 1000)).toEqual({ value: 'the Temporal worker failed: Error: namespace not found' });
  });

  it('and when it stops without an error', async () => {
    const service = new TemporalWorkerService(config, registry, null);
    await service.onApplicationBootstrap();
    fake.end();
    expect(await settledWithin(service.stoppedUnasked, 1000)).toEqual({ value: 'the Temporal worker stopped' });
  });

  it('but not when the application shuts it down', async () => {
    const service = new TemporalWorkerService(config, registry, null);
    await service.onApplicationBootstrap();
    await service.beforeApplicationShutdown();
    expect(await settledWithin(service.stoppedUnasked, 200)).toBe('pending');
  });

  it('sets a short sticky-queue timeout, so another worker takes over quickly', async () => {
    await new TemporalWorkerService(config, registry, null).onApplicationBootstrap();
    expect(jest.mocked(Worker.create).mock.calls[0][0]).toMatchObject({ stickyQueueScheduleToStartTimeout: '3s' });
  });
});
