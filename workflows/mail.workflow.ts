// Mail as durable workflows (REQUIREMENTS 9, 11; DESIGN "Channels"): small plain workflows, not
// processes with a machine. Delivery: a durable timer until the notification may go, then one send
// activity retried over hours with a deterministic Message-ID; undelivered after the retry window
// (or refused for good), the ticket is told. Intake: apply the mail (idempotent commands keyed by
// its identity), then mark it in its mailbox. Polling: one workflow per mailbox, a timer loop.
// Deterministic code only.
import { ActivityFailure, continueAsNew, ParentClosePolicy, patched, TemporalFailure, proxyActivities, proxyLocalActivities, sleep, startChild } from '@temporalio/workflow';
import { workflowNow } from './clock';
import { deliveryWorkflowId } from './mail.messages';
import type {
  BatchDeliveryInput,
  DeliveryInput,
  DeliveryOutcome,
  IntakeInput,
  IntakeOutcome,
  MailboxActivities,
  MailDeliveryActivities,
  MailIntakeActivities,
  PollerInput,
} from './mail.messages';

export async function mailDeliveryWorkflow(input: DeliveryInput): Promise<DeliveryOutcome> {
  // Deliveries started since this patch make their first attempt in a local activity: when the
  // SMTP server takes the mail, the workflow completes in one workflow task instead of three and
  // an activity task (with mail on, each new ticket starts two deliveries, and their round trips
  // halved ticket intake). A failed first attempt goes on as before: retried over hours as an
  // ordinary activity. Older deliveries replay as they ran.
  const firstLocally = patched('delivery-first-attempt-local');
  const wait = input.deliverAfter ? Date.parse(input.deliverAfter) - workflowNow() : 0;
  // Team mails out of office hours wait here for the next opening (a durable timer).
  if (wait > 0) await sleep(wait);
  const send = proxyActivities<MailDeliveryActivities>({
    startToCloseTimeout: '2 minutes',
    scheduleToCloseTimeout: input.retryWindowMs,
    retry: { initialInterval: input.retryInitialMs, maximumInterval: input.retryMaxMs, backoffCoefficient: 2 },
  });
  const after = proxyActivities<MailDeliveryActivities>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '1 minute' } });
  let outcome: DeliveryOutcome | undefined;
  if (firstLocally) outcome = await firstAttempt(input.notificationId);
  try {
    outcome ??= await send.deliverNotification(input.notificationId);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    // The retry window is over and the SMTP server never took it.
    outcome = { status: 'failed', detail: `not accepted within the retry window: ${error.cause?.message ?? error.message}` };
  }
  if (outcome.status === 'failed') await after.notificationUndelivered(input.notificationId, outcome.detail);
  return outcome;
}

/**
 * The notifications due at once (a dispatcher's round), each tried once, side by side, in local
 * activities: when the SMTP server takes them, the batch is one workflow task, where a workflow per
 * notification cost the Temporal server a start, a task and a completion each (two per new ticket).
 * One that did not get through (the server away, or refusing it) goes on alone in its own delivery
 * workflow, retried over hours and reported undelivered at the end, as it would have from the start.
 */
export async function mailBatchDeliveryWorkflow(input: BatchDeliveryInput): Promise<DeliveryOutcome[]> {
  const { notificationIds, ...retries } = input;
  const outcomes = await Promise.all(notificationIds.map(firstAttempt));
  const goOnAlone = notificationIds.filter((_, i) => outcomes[i] === undefined || outcomes[i].status === 'failed');
  for (const notificationId of goOnAlone) {
    await startChild(mailDeliveryWorkflow, {
      workflowId: deliveryWorkflowId(notificationId),
      args: [{ notificationId, deliverAfter: null, ...retries }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  }
  return outcomes.map((outcome) => outcome ?? { status: 'skipped', detail: 'not taken at once: retried in its own delivery workflow' });
}

/** One local attempt; undefined when it failed (the retries are then ordinary activities). */
async function firstAttempt(notificationId: string): Promise<DeliveryOutcome | undefined> {
  const once = proxyLocalActivities<MailDeliveryActivities>({ startToCloseTimeout: '2 minutes', retry: { maximumAttempts: 1 } });
  try {
    return await once.deliverNotification(notificationId);
  } catch (error) {
    // A local activity's failure arrives as its cause (an ApplicationFailure or a timeout), not
    // wrapped in an ActivityFailure as a remote one's is.
    if (!(error instanceof TemporalFailure)) throw error;
    return undefined;
  }
}

export async function mailIntakeWorkflow(input: IntakeInput): Promise<IntakeOutcome> {
  const acts = proxyActivities<MailIntakeActivities>({ startToCloseTimeout: '2 minutes', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });
  const marks = proxyActivities<MailIntakeActivities>({ startToCloseTimeout: '15 seconds', retry: { initialInterval: '1 second', maximumInterval: '30 seconds' } });
  const outcome = await acts.applyInboundMail(input.inboundId);
  // Only now, once the mail is applied: a crash before this line leaves it unmarked, and the next
  // fetch attaches to this workflow (or, once it completed, only marks it).
  if (input.mailbox !== undefined && input.uid !== undefined) await marks.markInMailbox(input.mailbox, input.uid);
  return outcome;
}

/** Polls before continuing as new; a poll's history is a few events. */
const POLLS_PER_RUN = 200;

export async function mailboxPollerWorkflow(input: PollerInput): Promise<never> {
  const acts = proxyActivities<MailboxActivities>({ startToCloseTimeout: '2 minutes', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });
  for (let i = 0; i < POLLS_PER_RUN; i++) {
    await acts.pollMailbox(input.mailbox);
    await sleep(input.intervalMs);
  }
  return continueAsNew<typeof mailboxPollerWorkflow>(input);
}
