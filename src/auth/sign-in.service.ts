import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TeamsService } from '../teams/teams.service';
import { AuthErrorCode, AuthException, WrongPasswordException } from './auth.exception';
import type { AuthUser } from './auth-user';
import { FailedSignIns } from './failed-sign-ins';
import { decoyHash, hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from './password';
import { BrowserSession, OpenedSession, SessionsService } from './sessions.service';
import { UserEntity } from './user.entity';

export interface SignedIn {
  user: AuthUser;
  session: OpenedSession;
}

export interface PasswordChange {
  currentPassword?: string;
  newPassword: string;
}

/** Signing in with a password, and changing it; the sessions themselves are SessionsService's. */
@Injectable()
export class SignInService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly sessions: SessionsService,
    private readonly teams: TeamsService,
    private readonly failures: FailedSignIns,
  ) {}

  /** The caller as every route sees them (GET /me's shape), whichever way they signed in. */
  async authUserOf(user: UserEntity): Promise<AuthUser> {
    return toAuthUser(user, await this.teams.teamIdsOf(user.id));
  }

  /** authUserOf for a known id (a session's user): the user and their teams read side by side. */
  async authUserById(id: string): Promise<AuthUser> {
    const [user, teamIds] = await Promise.all([this.users.findOneByOrFail({ id }), this.teams.teamIdsOf(id)]);
    return toAuthUser(user, teamIds);
  }

  /** A session for the right username and password; 401 otherwise, counted against the address (429 past the limit). */
  async signIn(username: string, password: string, address: string): Promise<SignedIn> {
    this.failures.assertAllowed(address);
    const user = await this.users.findOne({
      where: { username },
      select: { id: true, username: true, displayName: true, role: true, passwordHash: true },
    });
    // Verified even when there is nothing to verify against, so an unknown username answers as slowly as a wrong password.
    const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user?.passwordHash || !matches) return this.failures.failed(address, new WrongPasswordException());
    return { user: await this.authUserOf(user), session: await this.sessions.open(user.id) };
  }

  /**
   * Sets the caller's password. The current one is asked for when there is one (a borrowed
   * session or token alone must not take the account over) and a wrong one counts like a failed
   * sign-in. Afterwards every other session of the user ends: whoever knew the old password is out.
   */
  async changePassword(user: AuthUser, session: BrowserSession | null, change: PasswordChange, address: string): Promise<void> {
    if (change.newPassword.length < PASSWORD_MIN_LENGTH) {
      throw new AuthException(AuthErrorCode.RuleBroken, `a password needs at least ${PASSWORD_MIN_LENGTH} characters`, { field: 'newPassword', rule: 'passwordLength' });
    }
    const stored = await this.users.findOne({ where: { id: user.id }, select: { id: true, passwordHash: true } });
    if (stored?.passwordHash) await this.checkCurrent(stored.passwordHash, change.currentPassword, address);
    await this.users.update({ id: user.id }, { passwordHash: await hashPassword(change.newPassword) });
    await this.sessions.endOthers(user.id, session?.id);
  }

  private async checkCurrent(stored: string, current: string | undefined, address: string): Promise<void> {
    if (current === undefined) {
      throw new AuthException(AuthErrorCode.RuleBroken, 'give the current password (currentPassword) to change it', { field: 'currentPassword', rule: 'wrongPassword' });
    }
    this.failures.assertAllowed(address);
    if (await verifyPassword(current, stored)) return;
    await this.failures.failed(address, new AuthException(AuthErrorCode.RuleBroken, 'the current password is wrong', { field: 'currentPassword', rule: 'wrongPassword' }));
  }
}

const toAuthUser = (user: UserEntity, teamIds: string[]): AuthUser => ({ id: user.id, username: user.username, displayName: user.displayName, role: user.role, teamIds });
