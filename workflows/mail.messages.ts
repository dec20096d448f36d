// What the mail workflows and their activities share (REQUIREMENTS 9, 11). Deterministic code
// only: the workflow bundle imports this file.

/** One delivery workflow per notification: `mail-out-<notification id>`. */
export const deliveryWorkflowId = (notificationId: string): string => `mail-out-${notificationId}`;

export interface DeliveryInput {
  notificationId: string;
  /** Not before this instant (ISO): a durable timer waits for it. */
  deliverAfter: string | null;
  /** Retries spread over this window (MAIL_RETRY_WINDOW), then the message counts as undelivered. */
  retryWindowMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
}

export type DeliveryStatus = 'sent' | 'failed' | 'suppressed' | 'skipped';

export interface DeliveryOutcome {
  status: DeliveryStatus;
  /** The SMTP server's answer (sent) or the SMTP code and answer (failed). */
  detail: string;
}

export interface MailDeliveryActivities {
  /** Sends the notification unless it was sent (or failed) before: a retry never sends twice. */
  deliverNotification(notificationId: string): Promise<DeliveryOutcome>;
  /** Failed for good: recorded, and the ticket told (internal note, Attention flag). */
  notificationUndelivered(notificationId: string, reason: string): Promise<void>;
}
