import { CodeOf, domainException, REFUSAL_KINDS, RefusalCode } from '../errors/domain.exception';

/** CSI change proposals. */
export const CsiErrorCode = {
  ...RefusalCode,
  ProposalNotFound: 'proposalNotFound',
} as const;
export type CsiErrorCode = CodeOf<typeof CsiErrorCode>;

export class CsiException extends domainException<CsiErrorCode>({ ...REFUSAL_KINDS, proposalNotFound: 'notFound' }) {}
