import { CodeOf, domainException, REFUSAL_KINDS, RefusalCode } from '../errors/domain.exception';

/** Changes. */
export const ChangeErrorCode = {
  ...RefusalCode,
  ChangeNotFound: 'changeNotFound',
} as const;
export type ChangeErrorCode = CodeOf<typeof ChangeErrorCode>;

export class ChangeException extends domainException<ChangeErrorCode>({ ...REFUSAL_KINDS, changeNotFound: 'notFound' }) {}
