import { CodeOf, domainException } from '../errors/domain.exception';

/** Statistics: a period that is no period or too long to count day by day; a review of no organisation or of a month not over. */
export const StatisticsErrorCode = {
  InvalidPeriod: 'invalidPeriod',
  PeriodTooLong: 'periodTooLong',
  OrganisationNotFound: 'organisationNotFound',
  MonthNotOver: 'monthNotOver',
} as const;
export type StatisticsErrorCode = CodeOf<typeof StatisticsErrorCode>;

export class StatisticsException extends domainException<StatisticsErrorCode>({
  invalidPeriod: 'unprocessable',
  periodTooLong: 'unprocessable',
  organisationNotFound: 'notFound',
  monthNotOver: 'unprocessable',
}) {}
