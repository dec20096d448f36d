import { CanActivate, ExecutionContext, HttpException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainException } from '../errors/domain.exception';
import { TeamsService } from '../teams/teams.service';
import type { AuthUser } from './auth-user';
import { PERMISSION } from './permission.decorator';
import { mayCall, PermissionName, PERMISSIONS } from './permissions';
import { IS_PUBLIC } from './public.decorator';
import { hashToken } from './token';
import { UserEntity } from './user.entity';

/** Wrong tokens one address may send in a minute before it is told to wait (guessing tokens is slow). */
const FAILED_SIGN_INS_PER_MINUTE = 30;

/** A token was given, and it is nobody's: what guessing looks like. */
class WrongTokenException extends UnauthorizedException {
  constructor() {
    super('unknown or revoked token');
  }
}

/** 403 naming the permission the caller's role lacks (or the route's missing declaration). */
export class AccessDeniedException extends DomainException<'forbidden'> {
  constructor(rule: string, message: string) {
    super('forbidden', 'forbidden', message, { rule });
  }
}

/**
 * Every request: who is it (a bearer token, 401 without one), and may their role call this route
 * (the permission table, 403). Only routes marked @Public() are open.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly teams: TeamsService,
    @Inject(ThrottlerStorage) private readonly attempts: ThrottlerStorage,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; ip?: string; user?: AuthUser }>();
    const user = await this.authenticate(request.headers.authorization).catch((error) => this.counted(request.ip ?? 'unknown', error));
    request.user = user;
    const permission = this.reflector.getAllAndOverride<PermissionName | undefined>(PERMISSION, targets);
    if (!permission) throw new AccessDeniedException('undeclared', 'this endpoint declares no permission');
    if (!mayCall(user.role, permission)) throw new AccessDeniedException(permission, PERMISSIONS[permission].says);
    return true;
  }

  /** A wrong token counts against the address: past FAILED_SIGN_INS_PER_MINUTE, 429 instead of 401. */
  private async counted(address: string, error: unknown): Promise<never> {
    if (!(error instanceof WrongTokenException)) throw error;
    const record = await this.attempts.increment(`sign-in:${address}`, 60_000, FAILED_SIGN_INS_PER_MINUTE, 60_000, 'sign-in');
    if (record.isBlocked) {
      throw new HttpException({ statusCode: 429, error: 'tooManyRequests', message: 'too many failed sign-ins from this address; wait a minute' }, 429);
    }
    throw error;
  }

  private async authenticate(authorization: string | undefined): Promise<AuthUser> {
    const [scheme, token] = (authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException('a bearer token is required (Authorization: Bearer <token>)');
    }
    const user = await this.users.findOneBy({ tokenHash: hashToken(token) });
    if (!user) throw new WrongTokenException();
    return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, teamIds: await this.teams.teamIdsOf(user.id) };
  }
}
