// One command on many tickets, durably (issue 15, item 3). Each ticket is an activity that sends
// the command to the ticket's workflow with an id made of the action and the ticket, so a retry
// after a crash (of the worker, the API, PostgreSQL) is answered from what was applied and never
// applies twice; the ticket's own machine may still refuse, and that is an outcome, not a failure.
// A major incident's cascade ends by telling the major incident what happened.
import { continueAsNew, getExternalWorkflowHandle, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BulkActionInput, BulkActivities, BulkItemOutcome, BulkProgress } from './bulk-action.messages';
import { bulkProgressQuery } from './bulk-action.messages';
import { cascadeFinishedSignal } from './major-incident.messages';

/** Tickets in flight at once: the cores are few and each command is a workflow task of its own. */
const AT_ONCE = 8;
/** Tickets per run before continuing as new (each is about six history events). */
const PER_RUN = 200;

// A ticket's command answers within the API's command timeout (20 s); an activity lost with its
// worker is retried (same Update id) after this long.
const acts = proxyActivities<BulkActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function bulkActionWorkflow(input: BulkActionInput): Promise<BulkProgress> {
  const progress: BulkProgress = input.carried ?? { next: 0, done: [], skipped: [], refused: [] };
  setHandler(bulkProgressQuery, () => ({ total: input.numbers.length, handled: progress.next }));
  if (!input.carried) await acts.openBulkAction(input);
  const end = Math.min(input.numbers.length, progress.next + PER_RUN);
  while (progress.next < end) {
    const batch = input.numbers.slice(progress.next, Math.min(end, progress.next + AT_ONCE));
    for (const outcome of await Promise.all(batch.map((number) => acts.applyBulkItem(input.id, number)))) record(progress, outcome);
    progress.next += batch.length;
  }
  if (progress.next < input.numbers.length) return continueAsNew<typeof bulkActionWorkflow>({ ...input, carried: progress });
  await acts.finishBulkAction(input.id);
  if (input.majorIncident) await report(input.majorIncident, progress);
  return progress;
}

function record(progress: BulkProgress, outcome: BulkItemOutcome): void {
  if (outcome.outcome === 'done') progress.done.push(outcome.number);
  else if (outcome.outcome === 'skipped') progress.skipped.push(outcome.number);
  else progress.refused.push({ number: outcome.number, reason: outcome.reason });
}

/** The major incident journals the report and tells its manager what stays open; a closed one is past telling. */
async function report(miNumber: string, progress: BulkProgress): Promise<void> {
  try {
    await getExternalWorkflowHandle(miNumber).signal(cascadeFinishedSignal, { resolved: progress.done, skipped: progress.skipped, leftOpen: progress.refused });
  } catch {
    // The major incident's workflow has ended (reviewed and closed before its cascade finished):
    // the outcomes stay in the cascade's own record (GET /bulk-actions/{id}).
  }
}
