import { CodeOf, domainException } from '../errors/domain.exception';

/** Out-of-office periods. */
export const AbsenceErrorCode = {
  AbsenceNotFound: 'absenceNotFound',
  TeamNotFound: 'teamNotFound',
  RuleBroken: 'ruleBroken',
} as const;
export type AbsenceErrorCode = CodeOf<typeof AbsenceErrorCode>;

export class AbsencesException extends domainException<AbsenceErrorCode>({ absenceNotFound: 'notFound', teamNotFound: 'notFound', ruleBroken: 'unprocessable' }) {}
