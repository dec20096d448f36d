import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC } from './public.decorator';
import { hashToken } from './token';
import { UserEntity } from './user.entity';

/** Every endpoint needs a bearer token unless marked @Public(). */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException('a bearer token is required (Authorization: Bearer <token>)');
    }
    const user = await this.users.findOneBy({ tokenHash: hashToken(token) });
    if (!user) throw new UnauthorizedException('unknown or revoked token');
    const memberships: Array<{ team_id: string }> = await this.users.query('SELECT team_id FROM team_members WHERE user_id = $1', [user.id]);
    request.user = {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      teamIds: memberships.map((m) => m.team_id),
    };
    return true;
  }
}
