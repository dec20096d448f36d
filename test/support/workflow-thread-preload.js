// scripts/test.sh starts Jest with `node --require` of this file, so that the Temporal SDK's
// workflow threads the tests' workers start load the preload every worker we launch loads
// (src/worker/workflow-thread-hooks.ts: no per-promise stack traces, one shared AsyncLocalStorage):
// the workflow tests run the thread as production does. Node runs a `--require` in every thread;
// the hooks act in worker threads only, so Jest's own thread is left as it is.
const { isMainThread } = require('node:worker_threads');

if (!isMainThread) {
  require('ts-node').register({ transpileOnly: true });
  require('../../src/worker/workflow-thread-hooks');
}
