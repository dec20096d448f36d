// A webhook delivery as a durable workflow (issue 15, item 4), shaped like a mail delivery: one
// attempt activity retried with backoff over the retry window, then marked failed. The endpoint
// dedupes by the `webhook-id` header, the same on every attempt. Deterministic code only.
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { WebhookDeliveryActivities, WebhookDeliveryInput, WebhookOutcome } from './webhook.messages';

export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<WebhookOutcome> {
  const attempt = proxyActivities<WebhookDeliveryActivities>({
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: input.retryWindowMs,
    retry: { initialInterval: input.retryInitialMs, maximumInterval: input.retryMaxMs, backoffCoefficient: 2 },
  });
  const after = proxyActivities<WebhookDeliveryActivities>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '1 minute' } });
  try {
    return await attempt.deliverWebhook(input.deliveryId);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const detail = `not accepted within the retry window: ${error.cause?.message ?? error.message}`;
    await after.webhookUndelivered(input.deliveryId, detail);
    return { status: 'failed', detail };
  }
}
