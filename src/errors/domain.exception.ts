// The one error model (DESIGN, Errors). A feature's exception extends DomainException with its own
// codes, each mapped to a kind; the kind alone decides the HTTP status (one exhaustive switch, in
// httpStatusOf), so the filter knows no feature. The body a client reads is
// `{ statusCode, error: <code>, message, field?, rule?, missing?, allowedCommands? }`.

/** How an error reads over HTTP. */
export type ErrorKind = 'badRequest' | 'forbidden' | 'notFound' | 'conflict' | 'unprocessable' | 'unavailable';

export interface ErrorDetail {
  /** The input field that broke a rule or names something unknown. */
  field?: string;
  /** The rule that refused (a machine rule, or a permission). */
  rule?: string;
  /** Every missing or wrong field, where a rule lists them. */
  missing?: string[];
  /** What the caller may do instead (409, 403 on a process command). */
  allowedCommands?: readonly string[];
}

export class DomainException<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    readonly kind: ErrorKind,
    message: string,
    readonly detail: ErrorDetail = {},
  ) {
    super(message);
  }
}

export function httpStatusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'badRequest':
      return 400;
    case 'forbidden':
      return 403;
    case 'notFound':
      return 404;
    case 'conflict':
      return 409;
    case 'unprocessable':
      return 422;
    case 'unavailable':
      return 503;
    default: {
      const unhandled: never = kind;
      throw new Error(`no HTTP status for ${unhandled}`);
    }
  }
}

/**
 * A feature's exception class from its code -> kind table (exhaustive: a code without a kind does
 * not compile): `export class TicketException extends domainException(TICKET_ERRORS) {}`.
 */
export function domainException<C extends string>(kinds: Record<C, ErrorKind>) {
  return class extends DomainException<C> {
    constructor(code: C, message: string, detail: ErrorDetail = {}) {
      super(code, kinds[code], message, detail);
    }
  };
}

/** Temporal or PostgreSQL did not answer in time; retry (with the same Idempotency-Key) later. */
export class ServiceUnavailableException extends DomainException<'unavailable'> {
  constructor(message: string) {
    super('unavailable', 'unavailable', message);
  }
}

/** The codes a process's refused command answers with, the same for every process. */
export const REFUSAL_KINDS = {
  commandNotAllowed: 'conflict',
  forbidden: 'forbidden',
  ruleBroken: 'unprocessable',
  unknownReference: 'unprocessable',
  unavailable: 'unavailable',
} as const satisfies Record<string, ErrorKind>;

/** The refusal codes as feature code tables spread them: `{ ...RefusalCode, TicketNotFound: 'ticketNotFound' }`. */
export const RefusalCode = {
  CommandNotAllowed: 'commandNotAllowed',
  Forbidden: 'forbidden',
  RuleBroken: 'ruleBroken',
  UnknownReference: 'unknownReference',
  Unavailable: 'unavailable',
} as const;

/** A code table's codes as a type: `type TicketErrorCode = CodeOf<typeof TicketErrorCode>`. */
export type CodeOf<T extends Record<string, string>> = T[keyof T];
