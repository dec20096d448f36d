import { CodeOf, domainException, REFUSAL_KINDS, RefusalCode } from '../errors/domain.exception';

/** Major incidents. */
export const MiErrorCode = {
  ...RefusalCode,
  MajorIncidentNotFound: 'majorIncidentNotFound',
} as const;
export type MiErrorCode = CodeOf<typeof MiErrorCode>;

export class MiException extends domainException<MiErrorCode>({ ...REFUSAL_KINDS, majorIncidentNotFound: 'notFound' }) {}
