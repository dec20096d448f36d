// The baselines of the benchmarks (bench/), on the same server and task queue as the processes:
// a workflow start with no work (`npm run bench:intake`), and an entity that answers an Update
// and does nothing else (`npm run bench:commands`).
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

export async function noopWorkflow(): Promise<void> {
  return;
}

export const pingUpdate = defineUpdate<number, [number]>('ping');
export const stopSignal = defineSignal('stop');

export async function noopEntityWorkflow(): Promise<void> {
  let stopped = false;
  setHandler(pingUpdate, (n) => n);
  setHandler(stopSignal, () => void (stopped = true));
  await condition(() => stopped);
}
