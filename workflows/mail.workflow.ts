// Mail as durable workflows (REQUIREMENTS 9, 11; DESIGN "Channels"): small plain workflows, not
// processes with a machine. Delivery: a durable timer until the notification may go, then one send
// activity retried over hours with a deterministic Message-ID; undelivered after the retry window
// (or refused for good), the ticket is told. Deterministic code only.
import { ActivityFailure, proxyActivities, sleep } from '@temporalio/workflow';
import { workflowNow } from './clock';
import type { DeliveryInput, DeliveryOutcome, MailDeliveryActivities } from './mail.messages';

export async function mailDeliveryWorkflow(input: DeliveryInput): Promise<DeliveryOutcome> {
  const wait = input.deliverAfter ? Date.parse(input.deliverAfter) - workflowNow() : 0;
  // Team mails out of office hours wait here for the next opening (a durable timer).
  if (wait > 0) await sleep(wait);
  const send = proxyActivities<MailDeliveryActivities>({
    startToCloseTimeout: '2 minutes',
    scheduleToCloseTimeout: input.retryWindowMs,
    retry: { initialInterval: input.retryInitialMs, maximumInterval: input.retryMaxMs, backoffCoefficient: 2 },
  });
  const after = proxyActivities<MailDeliveryActivities>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '1 minute' } });
  let outcome: DeliveryOutcome;
  try {
    outcome = await send.deliverNotification(input.notificationId);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    // The retry window is over and the SMTP server never took it.
    outcome = { status: 'failed', detail: `not accepted within the retry window: ${error.cause?.message ?? error.message}` };
  }
  if (outcome.status === 'failed') await after.notificationUndelivered(input.notificationId, outcome.detail);
  return outcome;
}
