import type { MiCommandType } from '../../machines/major-incident.types';

export enum MiErrorCode {
  MajorIncidentNotFound = 'majorIncidentNotFound',
  /** The major incident's stage does not take this command now (409, with the allowed commands). */
  CommandNotAllowed = 'commandNotAllowed',
  /** The caller's role or relation to the major incident does not allow it (403). */
  Forbidden = 'forbidden',
  /** The command breaks a rule, e.g. a decision without a rationale (422). */
  RuleBroken = 'ruleBroken',
  /** The command names something that does not exist or does not fit (422), e.g. another category. */
  UnknownReference = 'unknownReference',
  /** Temporal or PostgreSQL did not answer in time; retry with the same Idempotency-Key (503). */
  Unavailable = 'unavailable',
}

export interface MiErrorDetail {
  field?: string;
  rule?: string;
  allowedCommands?: MiCommandType[];
}

export class MiException extends Error {
  constructor(
    readonly code: MiErrorCode,
    message: string,
    readonly detail: MiErrorDetail = {},
  ) {
    super(message);
  }
}
