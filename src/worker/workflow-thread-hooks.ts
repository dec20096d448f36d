// Preloaded into a worker process (`node --require dist/src/worker/workflow-thread-hooks.js`):
// Node runs a preload in every thread of the process, so it reaches the Temporal SDK's workflow
// thread, which nothing else of ours can (the SDK creates it and its modules).
//
// Why: in that thread the SDK (1.24) installs a V8 promise hook that, for every promise a workflow
// creates, captures a stack trace and maps each frame through the bundle's source map. It exists
// for one thing: the "stack trace" query (the Temporal Web UI's Stack Trace tab on a running
// workflow). Measured on this machine (`node --cpu-prof`, the workflow thread, 300 ticket commands
// at BENCH_C=1): about 40 % of the workflow thread's busy time (9.96 s with it, 5.88 s without),
// and a quarter of the worker process's CPU at BENCH_C=10. Every command, intake and SLA timer of
// a ticket pays it, so it is off in the worker processes we launch. The SDK has no option for
// this; its own fallback (for runtimes without promise hooks) runs without stack traces, and the
// query then answers "Workflow stack traces are not enabled on this worker". Histories, replay,
// workflow failures' own stacks and AsyncLocalStorage (the SDK's cancellation and update scopes,
// which use Node's async hooks, not this one) are unaffected.
//
// WORKFLOW_STACK_TRACES=true keeps the hook (to debug a stuck workflow from the Web UI).
import { isMainThread } from 'node:worker_threads';

/** Whether this thread should run without the SDK's per-promise stack traces. */
export function dropsWorkflowStackTraces(env: NodeJS.ProcessEnv, mainThread: boolean): boolean {
  return !mainThread && env.WORKFLOW_STACK_TRACES !== 'true';
}

if (dropsWorkflowStackTraces(process.env, isMainThread)) {
  // The workflow thread's copy of the SDK module (each thread has its own module cache, and this
  // runs before the thread's own code): its global handlers skip the hook and report it absent.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { GlobalHandlers } = require('@temporalio/worker/lib/workflow/vm-shared') as typeof import('@temporalio/worker/lib/workflow/vm-shared');
  GlobalHandlers.prototype['setPromiseHook'] = () => undefined;
}
