import { Worker } from 'node:worker_threads';
import { dropsWorkflowStackTraces } from './workflow-thread-hooks';

/**
 * Loads the preload in a fresh thread (as `node --require` does in the SDK's workflow thread), then
 * installs the Temporal SDK's own global handlers there and reports whether its promise hook went in.
 */
function sdkPromiseHookInThread(env: NodeJS.ProcessEnv): Promise<{ installed: boolean; storeAfterAwait: unknown }> {
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
      require('node:worker_threads').parentPort.postMessage({ installed: globalHandlers.promiseHookInstalled, storeAfterAwait: als.getStore() });
    });`;
  return new Promise((resolve, reject) => {
    const thread = new Worker(code, { eval: true, env });
    thread.once('message', (answer) => void thread.terminate().then(() => resolve(answer)));
    thread.once('error', reject);
  });
}

describe('the workflow thread preload', () => {
  it('keeps the SDK from installing its per-promise stack-trace hook in a worker thread', async () => {
    expect(await sdkPromiseHookInThread({ ...process.env, WORKFLOW_STACK_TRACES: undefined })).toEqual({ installed: false, storeAfterAwait: 'scope' });
  }, 30_000);

  it('leaves the hook in with WORKFLOW_STACK_TRACES=true (to debug a stuck workflow from the Web UI)', async () => {
    expect(await sdkPromiseHookInThread({ ...process.env, WORKFLOW_STACK_TRACES: 'true' })).toEqual({ installed: true, storeAfterAwait: 'scope' });
  }, 30_000);

  it('never acts on the main thread (the API, the activities)', () => {
    expect(dropsWorkflowStackTraces({}, true)).toBe(false);
    expect(dropsWorkflowStackTraces({}, false)).toBe(true);
  });
});
