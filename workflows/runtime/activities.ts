// How process workflows call their activities. Projections are short, idempotent PostgreSQL
// writes, retried with backoff until the read model takes them; dispatch lookups are reads.
// New workflows run them as local activities (the 'local-activities' patch): in the worker that
// runs the workflow, inside the same workflow task, with no round trip through the server's task
// queues — a command's answer waits for its projection, so this is most of a click's latency.
// Histories recorded before the patch keep scheduling ordinary activities on replay.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';

export interface ActivityProxies<A> {
  remote: A;
  local: A;
}

export const processActivities = <A extends object>(): ActivityProxies<A> => ({
  remote: proxyActivities<A>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  }) as A,
  local: proxyLocalActivities<A>({
    // One transaction: seconds at most. A worker that dies mid-way has its workflow task retried
    // by another worker, which runs the (idempotent) projection again.
    startToCloseTimeout: '5 seconds',
    retry: { initialInterval: '200 milliseconds', maximumInterval: '30 seconds' },
  }) as A,
});
