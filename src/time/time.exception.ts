import { CodeOf, domainException } from '../errors/domain.exception';

/** Time registration and statements. */
export const TimeErrorCode = {
  OrganisationNotFound: 'organisationNotFound',
  MonthClosed: 'monthClosed',
  MonthNotOver: 'monthNotOver',
} as const;
export type TimeErrorCode = CodeOf<typeof TimeErrorCode>;

export class TimeException extends domainException<TimeErrorCode>({
  organisationNotFound: 'notFound',
  monthClosed: 'unprocessable',
  monthNotOver: 'unprocessable',
}) {}
