// The workflow bundle's entry: every workflow the worker runs.
export { ticketWorkflow } from './ticket.workflow';
export { noopEntityWorkflow, noopWorkflow } from './noop.workflow';
export { csiProposalWorkflow } from './csi-proposal.workflow';
export { changeWorkflow } from './change.workflow';
export { problemWorkflow } from './problem.workflow';
export { majorIncidentWorkflow } from './major-incident.workflow';
export { mailBatchDeliveryWorkflow, mailDeliveryWorkflow, mailIntakeWorkflow, mailboxPollerWorkflow } from './mail.workflow';
export { bulkActionWorkflow } from './bulk-action.workflow';
export { webhookDeliveryWorkflow } from './webhook.workflow';
export { whatIfWorkflow } from './what-if.workflow';
export { serviceReviewScheduleWorkflow } from './service-review.workflow';
