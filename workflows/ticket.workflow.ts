// One workflow per ticket; its id is the ticket number. The machine decides, the process runtime
// carries out (workflows/runtime/process-runtime.ts); what is the ticket's own (SLA clocks,
// auto-close, routing, tasks) is in ticket.process.ts.
import { continueAsNew } from '@temporalio/workflow';
import { ticketProcess, TicketSummary, TicketWorkflowInput } from './ticket.messages';
import { TicketProcess } from './ticket.process';

export async function ticketWorkflow(input: TicketWorkflowInput): Promise<TicketSummary> {
  const ticket = new TicketProcess(input);
  ticket.registerHandlers(ticketProcess);
  ticket.registerTicketHandlers();
  return ticket.run((carried) => continueAsNew<typeof ticketWorkflow>({ ...input, record: ticket.record, carried }));
}
