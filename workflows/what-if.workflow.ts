// A what-if replay as a workflow (issue 15, item 1): long (every ticket of a period), resumable
// (a batch is an activity; a worker restart retries the batch, whose writes are idempotent) and
// with progress (the run's row counts what was replayed). Deterministic code only.
import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { WhatIfActivities, WhatIfInput } from './what-if.messages';

/** Batches before continuing as new; a batch is two events in history. */
const BATCHES_PER_RUN = 100;

export async function whatIfWorkflow(input: WhatIfInput): Promise<void> {
  const acts = proxyActivities<WhatIfActivities>({ startToCloseTimeout: '2 minutes', retry: { initialInterval: '1 second', maximumInterval: '30 seconds' } });
  if (input.after === undefined) await acts.planWhatIf(input.id);
  let after = input.after ?? null;
  for (let i = 0; i < BATCHES_PER_RUN; i++) {
    const batch = await acts.replayWhatIfBatch(input.id, after);
    if (batch.last === null) {
      await acts.finishWhatIf(input.id);
      return;
    }
    after = batch.last;
  }
  await continueAsNew<typeof whatIfWorkflow>({ id: input.id, after });
}
