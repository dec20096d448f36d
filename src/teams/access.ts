// Who may do what outside the ticket machine (reference data, absences, overviews). One call at
// the top of each service method, as the ticket commands ask the machine: the rule is named in
// the 403 so a client can tell "wrong role" from "wrong state".
import { ForbiddenException } from '@nestjs/common';
import { DISPATCH_ROLES, Role, STAFF_ROLES } from '../../machines/actor';
import type { AuthUser } from '../auth/auth-user';

export const ACCESS = {
  /** Teams, members, categories and organisations are configuration: the admin's (REQUIREMENTS 4). */
  admin: ['admin'],
  /** Out-of-office periods are set by the people who work tickets. */
  staff: STAFF_ROLES,
  /** Dispatchers watch absences (REQUIREMENTS 4: "dispatchers ... watch absences and deadlines"). */
  dispatch: DISPATCH_ROLES,
  /** Queues and overviews: the people who work tickets and the process manager who follows the process. */
  overview: [...STAFF_ROLES, 'processManager'],
} as const satisfies Record<string, readonly Role[]>;

export type AccessRule = keyof typeof ACCESS;

export function requireAccess(user: AuthUser, rule: AccessRule): void {
  const roles: readonly Role[] = ACCESS[rule];
  if (!roles.includes(user.role)) {
    throw new ForbiddenException({
      statusCode: 403,
      error: 'forbidden',
      rule,
      message: `this needs one of the roles ${roles.join(', ')}`,
    });
  }
}

/** PostgreSQL's unique_violation: a duplicate code or name, found by the constraint, race-free. */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { driverError?: { code?: string } }).driverError?.code === '23505';
