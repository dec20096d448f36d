import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
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
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const user = await this.authenticate(request.headers.authorization);
    request.user = user;
    const permission = this.reflector.getAllAndOverride<PermissionName | undefined>(PERMISSION, targets);
    if (!permission) throw new AccessDeniedException('undeclared', 'this endpoint declares no permission');
    if (!mayCall(user.role, permission)) throw new AccessDeniedException(permission, PERMISSIONS[permission].says);
    return true;
  }

  private async authenticate(authorization: string | undefined): Promise<AuthUser> {
    const [scheme, token] = (authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException('a bearer token is required (Authorization: Bearer <token>)');
    }
    const user = await this.users.findOneBy({ tokenHash: hashToken(token) });
    if (!user) throw new UnauthorizedException('unknown or revoked token');
    return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, teamIds: await this.teams.teamIdsOf(user.id) };
  }
}
