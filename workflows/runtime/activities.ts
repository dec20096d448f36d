// How process workflows call their activities: projections are idempotent writes, retried with
// backoff until the read model takes them.
import { proxyActivities } from '@temporalio/workflow';

export const projectionActivities = <A extends object>() =>
  proxyActivities<A>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });
