import type { ProblemCommandType } from '../../machines/problem.types';

export enum ProblemErrorCode {
  ProblemNotFound = 'problemNotFound',
  KnowledgeEntryNotFound = 'knowledgeEntryNotFound',
  /** The problem's stage does not take this command now (409, with the allowed commands). */
  CommandNotAllowed = 'commandNotAllowed',
  /** The caller's role does not allow it (403). */
  Forbidden = 'forbidden',
  /** The command breaks a rule, e.g. a resolution without text (422). */
  RuleBroken = 'ruleBroken',
  /** The command names something that does not exist or does not fit (422), e.g. an unknown incident. */
  UnknownReference = 'unknownReference',
  /** Temporal or PostgreSQL did not answer in time; retry with the same Idempotency-Key (503). */
  Unavailable = 'unavailable',
}

export interface ProblemErrorDetail {
  field?: string;
  rule?: string;
  allowedCommands?: ProblemCommandType[];
}

export class ProblemException extends Error {
  constructor(
    readonly code: ProblemErrorCode,
    message: string,
    readonly detail: ProblemErrorDetail = {},
  ) {
    super(message);
  }
}
