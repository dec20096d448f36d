import { CodeOf, domainException } from '../errors/domain.exception';

/** Bulk actions. */
export const BulkActionErrorCode = {
  BulkActionNotFound: 'bulkActionNotFound',
} as const;
export type BulkActionErrorCode = CodeOf<typeof BulkActionErrorCode>;

export class BulkActionException extends domainException<BulkActionErrorCode>({ bulkActionNotFound: 'notFound' }) {}
