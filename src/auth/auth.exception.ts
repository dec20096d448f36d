import { UnauthorizedException } from '@nestjs/common';
import { CodeOf, domainException } from '../errors/domain.exception';

/** Sign-in and passwords: a password that breaks a rule is 422 naming the field and the rule. */
export const AuthErrorCode = {
  RuleBroken: 'ruleBroken',
} as const;
export type AuthErrorCode = CodeOf<typeof AuthErrorCode>;

export class AuthException extends domainException<AuthErrorCode>({ ruleBroken: 'unprocessable' }) {}

/**
 * One answer for an unknown username and a wrong password (and an account without a password):
 * a guesser must not learn which usernames exist.
 */
export class WrongPasswordException extends UnauthorizedException {
  constructor() {
    super('wrong username or password');
  }
}
