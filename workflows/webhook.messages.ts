// The webhook delivery workflow's input and activities (issue 15, item 4). Deterministic code only.

export interface WebhookDeliveryInput {
  deliveryId: string;
  retryWindowMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
}

export type WebhookOutcome = { status: 'delivered'; statusCode: number } | { status: 'cancelled' | 'failed'; detail: string };

export interface WebhookDeliveryActivities {
  /** One attempt: posts the signed event; throws (to be retried) when the endpoint does not take it. */
  deliverWebhook(deliveryId: string): Promise<WebhookOutcome>;
  /** The retry window is over: the delivery failed for good. */
  webhookUndelivered(deliveryId: string, detail: string): Promise<void>;
}

/** One workflow per delivery; a second start attaches to it (the dispatcher may start it twice). */
export const webhookWorkflowId = (deliveryId: string): string => `webhook:${deliveryId}`;
