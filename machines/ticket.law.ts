// The ticket's law: the questions the workflow and the API ask the ticket machine (what happens on
// this command, is it allowed for this actor now, and if not, why), answered by the one process
// law (machines/process/law.ts) from the machine's own transitions and rule guards.
import { defineLaw, Persisted, Verdict as ProcessVerdict } from './process/law';
import { ticketMachine } from './ticket.machine';
import { RuleName, TICKET_RULES } from './ticket.rules';
import {
  JournalEffect,
  NotifyEffect,
  PinEffect,
  TimeEntryEffect,
  TICKET_COMMANDS,
  TicketCommandType,
  TicketContext,
  TicketEvent,
  TicketStatus,
} from './ticket.types';

export type TicketSnapshot = ReturnType<typeof ticketMachine.resolveState>;
export type PersistedTicketState = Persisted<'status', TicketStatus, TicketContext>;

export type TicketEffect =
  | { type: 'record'; params: JournalEffect }
  | { type: 'notifyRequester'; params: NotifyEffect }
  | { type: 'notifyTeam'; params: NotifyEffect }
  | { type: 'pin'; params: PinEffect }
  | { type: 'logTime'; params: TimeEntryEffect };

export type Verdict = ProcessVerdict<RuleName, TicketCommandType>;

export const ticketLaw = defineLaw<TicketEffect, TicketStatus>()({
  machine: ticketMachine,
  rules: TICKET_RULES,
  commands: TICKET_COMMANDS,
  effects: ['record', 'notifyRequester', 'notifyTeam', 'pin', 'logTime'],
  stateKey: 'status',
  noun: 'ticket',
  // REQUIREMENTS 2: a Closed ticket is immutable; the user opens a new one, which may reference it.
  finalHint: 'a Closed ticket cannot change; open a new ticket and mention this one',
  // `assignToAgent` asks whether the actor may take the ticket themselves.
  probe: (type, actor) => ({ type, actor, at: '', agentId: actor.id }) as unknown as TicketEvent,
});

export const {
  open: openTicket,
  apply: applyTicketEvent,
  restore: restoreTicket,
  persist: persistTicket,
  stateOf: statusOf,
  allowedCommands,
  judge,
} = ticketLaw;
