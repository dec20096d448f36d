import type { CsiCommandType } from '../../machines/csi-proposal.types';

export enum CsiErrorCode {
  ProposalNotFound = 'proposalNotFound',
  /** The proposal's stage does not take this command now (409, with the allowed commands). */
  CommandNotAllowed = 'commandNotAllowed',
  /** The caller's role or relation to the proposal does not allow it (403). */
  Forbidden = 'forbidden',
  /** The command breaks a rule, e.g. a decision without a rationale (422). */
  RuleBroken = 'ruleBroken',
  /** The command names something that does not exist or does not fit (422), e.g. another category. */
  UnknownReference = 'unknownReference',
  /** Temporal or PostgreSQL did not answer in time; retry with the same Idempotency-Key (503). */
  Unavailable = 'unavailable',
}

export interface CsiErrorDetail {
  field?: string;
  rule?: string;
  allowedCommands?: CsiCommandType[];
}

export class CsiException extends Error {
  constructor(
    readonly code: CsiErrorCode,
    message: string,
    readonly detail: CsiErrorDetail = {},
  ) {
    super(message);
  }
}
