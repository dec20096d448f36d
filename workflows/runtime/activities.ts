// How process workflows call their activities. Projections are short, idempotent PostgreSQL
// writes, retried with backoff until the read model takes them; dispatch lookups are reads.
// New workflows run them as local activities (the 'local-activities' patch): in the worker that
// runs the workflow, inside the same workflow task, with no round trip through the server's task
// queues — a command's answer waits for its projection, so this is most of a click's latency.
// Histories recorded before the patch keep scheduling ordinary activities on replay.
//
// Timeouts: a projection is one short PostgreSQL transaction (milliseconds), so 5 s to finish is
// ample; what the limit decides is how soon an attempt lost with its worker (kill -9: no
// heartbeat, no failure reported) is tried again elsewhere. With 30 s a command whose (remote)
// projection was in flight answered 503 after the 20 s command timeout and then completed; with
// 5 s + a 1 s retry it completes inside it. A local activity lost with its worker is run again
// with its workflow task (the task's 10 s timeout, then another worker). An attempt that was only
// slow and finishes after its timeout is harmless: the writes are idempotent and versioned.
// Retries back off to at most 10 s, so after a PostgreSQL outage the read model catches up within
// ~10 s of its return instead of up to a minute. Changing these options changes no command in
// history: recorded histories still replay.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';

export interface ActivityProxies<A> {
  remote: A;
  local: A;
}

export const processActivities = <A extends object>(): ActivityProxies<A> => ({
  remote: proxyActivities<A>({
    startToCloseTimeout: '5 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
  }) as A,
  local: proxyLocalActivities<A>({
    startToCloseTimeout: '5 seconds',
    retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
  }) as A,
});
