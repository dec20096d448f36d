import { CodeOf, domainException, REFUSAL_KINDS, RefusalCode } from '../errors/domain.exception';

/** Tickets: a refused command (409/403/422), an unknown ticket or reference, Temporal unreachable (503). */
export const TicketErrorCode = {
  ...RefusalCode,
  TicketNotFound: 'ticketNotFound',
} as const;
export type TicketErrorCode = CodeOf<typeof TicketErrorCode>;

export class TicketException extends domainException<TicketErrorCode>({ ...REFUSAL_KINDS, ticketNotFound: 'notFound' }) {}
