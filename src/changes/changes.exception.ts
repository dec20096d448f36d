import type { ChangeCommandType } from '../../machines/change.types';

export enum ChangeErrorCode {
  ChangeNotFound = 'changeNotFound',
  /** The change's stage does not take this command now (409, with the allowed commands). */
  CommandNotAllowed = 'commandNotAllowed',
  /** The caller's role or place on the change authority does not allow it (403). */
  Forbidden = 'forbidden',
  /** The command breaks a rule, e.g. an assessment without a backout plan (422, naming what is missing). */
  RuleBroken = 'ruleBroken',
  /** The command names something that does not exist or does not fit (422), e.g. an unknown template or approver. */
  UnknownReference = 'unknownReference',
  /** Temporal did not answer in time; retry with the same Idempotency-Key (503). */
  Unavailable = 'unavailable',
}

export interface ChangeErrorDetail {
  field?: string;
  missing?: string[];
  rule?: string;
  allowedCommands?: ChangeCommandType[];
}

export class ChangeException extends Error {
  constructor(
    readonly code: ChangeErrorCode,
    message: string,
    readonly detail: ChangeErrorDetail = {},
  ) {
    super(message);
  }
}
