/** PostgreSQL's unique_violation: a duplicate code or name, found by the constraint, race-free. */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { driverError?: { code?: string } }).driverError?.code === '23505';
