// The workflow bundle's entry: every workflow the worker runs.
//
// The SDK evaluates this module anew for every workflow it creates or replays (each workflow has
// its own copy of module state), so each workflow's module is required on the workflow's first
// call, not here: a ticket evaluates the ticket's machine and rules, not the other processes',
// mail's and the rest. Evaluating them all was a fifth of the workflow thread's time at intake
// (the profile in docs/operations.md, "2026-12-01, late"), and their objects were in the memory
// of every cached workflow. Module code runs no I/O and draws no clock or random number, so when
// a module is evaluated changes no workflow's history.
//
// The processes' messages are imported here: defining a process registers its search attributes,
// which workflows/search-attributes.ts reads after loading this module.
import './ticket.messages';
import './csi-proposal.messages';
import './change.messages';
import './problem.messages';
import './major-incident.messages';
import type * as Ticket from './ticket.workflow';
import type * as Noop from './noop.workflow';
import type * as Csi from './csi-proposal.workflow';
import type * as Change from './change.workflow';
import type * as Problem from './problem.workflow';
import type * as Mi from './major-incident.workflow';
import type * as Mail from './mail.workflow';
import type * as Bulk from './bulk-action.workflow';
import type * as Webhook from './webhook.workflow';
import type * as WhatIf from './what-if.workflow';
import type * as ServiceReview from './service-review.workflow';

/* eslint-disable @typescript-eslint/no-require-imports -- the point: required when first called (webpack bundles each module all the same) */
export const ticketWorkflow: typeof Ticket.ticketWorkflow = (...a) => (require('./ticket.workflow') as typeof Ticket).ticketWorkflow(...a);
export const noopWorkflow: typeof Noop.noopWorkflow = (...a) => (require('./noop.workflow') as typeof Noop).noopWorkflow(...a);
export const noopEntityWorkflow: typeof Noop.noopEntityWorkflow = (...a) => (require('./noop.workflow') as typeof Noop).noopEntityWorkflow(...a);
export const csiProposalWorkflow: typeof Csi.csiProposalWorkflow = (...a) => (require('./csi-proposal.workflow') as typeof Csi).csiProposalWorkflow(...a);
export const changeWorkflow: typeof Change.changeWorkflow = (...a) => (require('./change.workflow') as typeof Change).changeWorkflow(...a);
export const problemWorkflow: typeof Problem.problemWorkflow = (...a) => (require('./problem.workflow') as typeof Problem).problemWorkflow(...a);
export const majorIncidentWorkflow: typeof Mi.majorIncidentWorkflow = (...a) => (require('./major-incident.workflow') as typeof Mi).majorIncidentWorkflow(...a);
export const mailBatchDeliveryWorkflow: typeof Mail.mailBatchDeliveryWorkflow = (...a) => (require('./mail.workflow') as typeof Mail).mailBatchDeliveryWorkflow(...a);
export const mailDeliveryWorkflow: typeof Mail.mailDeliveryWorkflow = (...a) => (require('./mail.workflow') as typeof Mail).mailDeliveryWorkflow(...a);
export const mailIntakeWorkflow: typeof Mail.mailIntakeWorkflow = (...a) => (require('./mail.workflow') as typeof Mail).mailIntakeWorkflow(...a);
export const mailboxPollerWorkflow: typeof Mail.mailboxPollerWorkflow = (...a) => (require('./mail.workflow') as typeof Mail).mailboxPollerWorkflow(...a);
export const bulkActionWorkflow: typeof Bulk.bulkActionWorkflow = (...a) => (require('./bulk-action.workflow') as typeof Bulk).bulkActionWorkflow(...a);
export const webhookDeliveryWorkflow: typeof Webhook.webhookDeliveryWorkflow = (...a) => (require('./webhook.workflow') as typeof Webhook).webhookDeliveryWorkflow(...a);
export const whatIfWorkflow: typeof WhatIf.whatIfWorkflow = (...a) => (require('./what-if.workflow') as typeof WhatIf).whatIfWorkflow(...a);
export const serviceReviewScheduleWorkflow: typeof ServiceReview.serviceReviewScheduleWorkflow = (...a) =>
  (require('./service-review.workflow') as typeof ServiceReview).serviceReviewScheduleWorkflow(...a);
