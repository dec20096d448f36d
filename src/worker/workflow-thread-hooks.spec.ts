import { AsyncLocalStorage } from 'node:async_hooks';
import { Worker } from 'node:worker_threads';
import { dropsWorkflowStackTraces, sharedAsyncLocalStorage, sharesAsyncStorage } from './workflow-thread-hooks';

/**
 * Loads the preload in a fresh thread (as `node --require` does in the SDK's workflow thread), then
 * installs the Temporal SDK's own global handlers there and reports whether its promise hook went in.
 */
function sdkPromiseHookInThread(env: NodeJS.ProcessEnv): Promise<{ installed: boolean; storeAfterAwait: unknown; storage: string }> {
  const code = `
    require('ts-node').register({ transpileOnly: true });
    require(${JSON.stringify(require.resolve('./workflow-thread-hooks'))});
    const { globalHandlers } = require('@temporalio/worker/lib/workflow/vm-shared');
    globalHandlers.install();
    // Node's own async hooks still carry a context across an await (the SDK's scopes rely on them).
    const { AsyncLocalStorage } = require('node:async_hooks');
    const als = new AsyncLocalStorage();
    als.run('scope', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      require('node:worker_threads').parentPort.postMessage({ installed: globalHandlers.promiseHookInstalled, storeAfterAwait: als.getStore(), storage: AsyncLocalStorage.name });
    });`;
  return new Promise((resolve, reject) => {
    const thread = new Worker(code, { eval: true, env });
    thread.once('message', (answer) => void thread.terminate().then(() => resolve(answer)));
    thread.once('error', reject);
  });
}

describe('the workflow thread preload', () => {
  it('keeps the SDK from installing its per-promise stack-trace hook in a worker thread', async () => {
    expect(await sdkPromiseHookInThread({ ...process.env, WORKFLOW_STACK_TRACES: undefined })).toMatchObject({ installed: false, storeAfterAwait: 'scope' });
  }, 30_000);

  it('leaves the hook in with WORKFLOW_STACK_TRACES=true (to debug a stuck workflow from the Web UI)', async () => {
    expect(await sdkPromiseHookInThread({ ...process.env, WORKFLOW_STACK_TRACES: 'true' })).toMatchObject({ installed: true, storeAfterAwait: 'scope' });
  }, 30_000);

  it('never acts on the main thread (the API, the activities)', () => {
    expect(dropsWorkflowStackTraces({}, true)).toBe(false);
    expect(dropsWorkflowStackTraces({}, false)).toBe(true);
  });
});

const tick = (ms = 1) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a workflow's scopes ask of their storages: nesting, two storages, awaits, timers, exit, disable. */
async function observe(Storage: typeof AsyncLocalStorage): Promise<unknown[]> {
  const a = new Storage<string>();
  const b = new Storage<string>();
  const seen: unknown[] = [];
  await a.run('a1', async () => {
    seen.push(a.getStore(), b.getStore());
    await b.run('b1', async () => {
      await tick();
      seen.push(a.getStore(), b.getStore());
      a.run('a2', () => seen.push(a.getStore(), b.getStore()));
      seen.push(a.getStore());
      a.exit(() => seen.push(a.getStore(), b.getStore()));
      seen.push(a.getStore());
    });
    seen.push(b.getStore());
    seen.push(await new Promise((resolve) => setImmediate(() => resolve(a.getStore()))));
    seen.push(await Promise.all(['x', 'y'].map((v) => b.run(v, async () => (await tick(v === 'x' ? 5 : 1), b.getStore())))));
    a.disable();
    seen.push(a.getStore());
  });
  seen.push(a.getStore(), b.getStore());
  b.enterWith('b2');
  await tick();
  seen.push(b.getStore());
  return seen;
}

describe('the shared AsyncLocalStorage of the workflow thread', () => {
  it("answers as Node's own does", async () => {
    const shared = await observe(sharedAsyncLocalStorage(AsyncLocalStorage));
    expect(shared).toEqual(['a1', undefined, 'a1', 'b1', 'a2', 'b1', 'a1', undefined, 'b1', 'a1', undefined, 'a1', ['x', 'y'], undefined, undefined, undefined, 'b2']);
    expect(shared).toEqual(await observe(AsyncLocalStorage));
  });

  it("keeps the values of all its instances in one of Node's storages (the one Node's per-promise hook calls)", async () => {
    const ranOn = new Set<object>();
    class Counted<T> extends AsyncLocalStorage<T> {
      override run<R, A extends unknown[]>(store: T, callback: (...args: A) => R, ...args: A): R {
        ranOn.add(this);
        return super.run(store, callback, ...args);
      }
    }
    const Shared = sharedAsyncLocalStorage(Counted);
    const storages = Array.from({ length: 100 }, () => new Shared<number>());
    const stores = await Promise.all(storages.map((s, i) => s.run(i, async () => (await tick(), s.getStore()))));
    expect(stores).toEqual(storages.map((_, i) => i));
    expect(ranOn.size).toBe(1);
  });

  it('is the workflow thread\'s unless WORKFLOW_ASYNC_STORAGE=per-workflow, and never the main thread\'s', async () => {
    expect(await sdkPromiseHookInThread({ ...process.env, WORKFLOW_ASYNC_STORAGE: undefined })).toMatchObject({ storage: 'SharedAsyncLocalStorage', storeAfterAwait: 'scope' });
    expect(await sdkPromiseHookInThread({ ...process.env, WORKFLOW_ASYNC_STORAGE: 'per-workflow' })).toMatchObject({ storage: 'AsyncLocalStorage', storeAfterAwait: 'scope' });
    expect(sharesAsyncStorage({}, true)).toBe(false);
  }, 30_000);
});
