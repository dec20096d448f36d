// What the mail workflows and their activities share (REQUIREMENTS 9, 11). Deterministic code
// only: the workflow bundle imports this file.

/** One delivery workflow per notification: `mail-out-<notification id>`. */
export const deliveryWorkflowId = (notificationId: string): string => `mail-out-${notificationId}`;
/** One delivery workflow per batch of notifications due at once: `mail-out-batch-<batch uuid>`. */
export const batchDeliveryWorkflowId = (batch: string): string => `mail-out-batch-${batch}`;
/** One intake workflow per received mail: `mail-in-<identity>` (a second fetch attaches to the first). */
export const intakeWorkflowId = (inboundId: string, released = false): string => `mail-in-${inboundId}${released ? '-released' : ''}`;
/** One poller per mailbox. */
export const pollerWorkflowId = (mailbox: string): string => `mailbox-${mailbox}`;

export interface DeliveryInput {
  notificationId: string;
  /** Not before this instant (ISO): a durable timer waits for it. */
  deliverAfter: string | null;
  /** Retries spread over this window (MAIL_RETRY_WINDOW), then the message counts as undelivered. */
  retryWindowMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
}

/** Retries of the notifications a batch did not get through at once (as DeliveryInput's). */
export type RetrySettings = Pick<DeliveryInput, 'retryWindowMs' | 'retryInitialMs' | 'retryMaxMs'>;

export interface BatchDeliveryInput extends RetrySettings {
  /** Notifications due now, claimed together by the dispatcher. */
  notificationIds: string[];
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

export interface IntakeInput {
  inboundId: string;
  /** Where the mail was fetched from (IMAP): flagged there once it is applied. */
  mailbox?: string;
  uid?: number;
}

export interface IntakeOutcome {
  /** What became of the mail (ticket, reply, answered, quarantined, bounce, ignored …). */
  outcome: string;
  ticketNumber: string | null;
}

export interface MailIntakeActivities {
  /** Applies the mail as idempotent commands (its identity is the key). */
  applyInboundMail(inboundId: string): Promise<IntakeOutcome>;
  /** Marks the mail as done in its mailbox (\Seen), only after it was applied. */
  markInMailbox(mailbox: string, uid: number): Promise<void>;
}

export interface PollerInput {
  mailbox: string;
  intervalMs: number;
}

export interface MailboxActivities {
  /** Stores the mailbox's new mail and starts one intake workflow per mail; returns how many it saw. */
  pollMailbox(mailbox: string): Promise<number>;
}
