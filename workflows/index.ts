// The workflow bundle's entry: every workflow the worker runs.
export { ticketWorkflow } from './ticket.workflow';
export { noopWorkflow } from './noop.workflow';
export { csiProposalWorkflow } from './csi-proposal.workflow';
