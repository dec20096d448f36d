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
//
// Second, one AsyncLocalStorage for the thread (sharedAsyncLocalStorage below). Every workflow
// the thread holds (up to the sticky cache, 250) makes its own storage instances (the SDK's
// cancellation scope) from the class the SDK hands the sandbox, which extends Node's. Node 20
// runs an init hook for every promise the thread creates, and it calls each enabled storage in
// turn: so every promise of every workflow cost one call per cached workflow. Measured on this
// machine: an awaited promise with 250 such storages enabled 31.3 µs, with this one 0.38 µs; in
// the workflow thread's profile during 300 intakes the hook was ~1 s of 6 s busy (node
// --cpu-prof); the worker's CPU per ticket intake (bench:cpu, one worker, alternating, two runs
// each, ±15 % noise) 19.8 and 20.8 ms with Node's class, 16.7 and 20.3 ms with this one. With
// it, the SDK's class extends a storage that keeps each instance's value in one frame per async
// context, held by a single Node storage: the per-promise hook calls one storage, however many
// workflows.
// WORKFLOW_ASYNC_STORAGE=per-workflow keeps Node's class.
import type { AsyncLocalStorage } from 'node:async_hooks';
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

/** Whether this thread's AsyncLocalStorage should be the shared one (the SDK's workflow thread). */
export function sharesAsyncStorage(env: NodeJS.ProcessEnv, mainThread: boolean): boolean {
  return !mainThread && env.WORKFLOW_ASYNC_STORAGE !== 'per-workflow';
}

/** An async context's values of every storage, by storage instance. */
type Frame = ReadonlyMap<object, unknown>;
const NO_VALUES: Frame = new Map();

/**
 * An AsyncLocalStorage class that behaves as `NodeStorage` does (run, exit, getStore, enterWith,
 * disable), but whose instances all keep their values in frames held by one NodeStorage: the
 * instances never enable a storage of their own, so Node's per-promise hook sees one storage.
 */
export function sharedAsyncLocalStorage(NodeStorage: typeof AsyncLocalStorage): typeof AsyncLocalStorage {
  const frames = new NodeStorage<Frame>();
  const framePlus = (key: object, value: unknown) => new Map(frames.getStore() ?? NO_VALUES).set(key, value);
  class SharedAsyncLocalStorage<T> extends NodeStorage<T> {
    private disabled = false;

    override run<R, A extends unknown[]>(store: T, callback: (...args: A) => R, ...args: A): R {
      this.disabled = false;
      const frame = frames.getStore();
      if (frame?.has(this) && Object.is(frame.get(this), store)) return callback(...args);
      return frames.run(framePlus(this, store), callback, ...args);
    }

    override exit<R, A extends unknown[]>(callback: (...args: A) => R, ...args: A): R {
      const frame = frames.getStore();
      if (!frame?.has(this)) return callback(...args);
      const without = new Map(frame);
      without.delete(this);
      return frames.run(without, callback, ...args);
    }

    override getStore(): T | undefined {
      return this.disabled ? undefined : (frames.getStore()?.get(this) as T | undefined);
    }

    override enterWith(store: T): void {
      this.disabled = false;
      frames.enterWith(framePlus(this, store));
    }

    /** As Node's: getStore() answers undefined until the next run() or enterWith(). */
    override disable(): void {
      this.disabled = true;
    }
  }
  return SharedAsyncLocalStorage as unknown as typeof AsyncLocalStorage;
}

if (sharesAsyncStorage(process.env, isMainThread)) {
  // Before the SDK's workflow thread code loads: its sandbox class reads this export when the
  // thread makes its V8 context (vm-shared.js, injectGlobals). Only this thread's copy changes.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hooks = require('node:async_hooks') as typeof import('node:async_hooks');
  hooks.AsyncLocalStorage = sharedAsyncLocalStorage(hooks.AsyncLocalStorage);
}
