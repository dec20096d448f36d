// The monthly service review as a durable timer loop (issue 15, item 5): one workflow, started
// once by whichever worker starts first; it sleeps until the 1st of the next month, mails the
// reviews of the month just over, and continues as new every year. Deterministic code only.
import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import { workflowNow } from './clock';
import { nextReviewRun, type ServiceReviewActivities } from './service-review.messages';

const RUNS_PER_HISTORY = 12;

export async function serviceReviewScheduleWorkflow(): Promise<never> {
  const acts = proxyActivities<ServiceReviewActivities>({ startToCloseTimeout: '10 minutes', retry: { initialInterval: '1 minute', maximumInterval: '1 hour' } });
  for (let i = 0; i < RUNS_PER_HISTORY; i++) {
    const next = nextReviewRun(workflowNow());
    await sleep(Math.max(next.at - workflowNow(), 1));
    await acts.mailMonthlyServiceReviews(next.month);
  }
  return continueAsNew<typeof serviceReviewScheduleWorkflow>();
}
