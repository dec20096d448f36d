import type { TicketCommandType } from '../../machines/ticket.types';

export enum TicketErrorCode {
  TicketNotFound = 'ticketNotFound',
  /** The ticket's status does not take this command now (409, with the allowed commands). */
  CommandNotAllowed = 'commandNotAllowed',
  /** The caller's role or relation to the ticket does not allow it (403). */
  Forbidden = 'forbidden',
  /** The command breaks a business rule, e.g. a resolve without resolution text (422). */
  RuleBroken = 'ruleBroken',
  /** The command names a team, agent, category or journal entry that does not exist (422). */
  UnknownReference = 'unknownReference',
  /** Temporal or PostgreSQL did not answer in time; retry with the same Idempotency-Key (503). */
  Unavailable = 'unavailable',
}

export interface TicketErrorDetail {
  field?: string;
  rule?: string;
  allowedCommands?: TicketCommandType[];
}

export class TicketException extends Error {
  constructor(
    readonly code: TicketErrorCode,
    message: string,
    readonly detail: TicketErrorDetail = {},
  ) {
    super(message);
  }
}
