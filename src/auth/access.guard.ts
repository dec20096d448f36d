import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { Repository } from 'typeorm';
import { DomainException } from '../errors/domain.exception';
import type { AuthUser } from './auth-user';
import { FailedSignIns } from './failed-sign-ins';
import { PERMISSION } from './permission.decorator';
import { mayCall, PermissionName, PERMISSIONS } from './permissions';
import { IS_PUBLIC } from './public.decorator';
import { clearSessionCookie, CSRF_HEADER, sessionSecretOf } from './session-cookie';
import { BrowserSession, SessionsService } from './sessions.service';
import { SignInService } from './sign-in.service';
import { hashToken, sameSecret } from './token';
import { UserEntity } from './user.entity';

/** The methods that change something: a cookie-authenticated one must carry the CSRF token. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A token was given, and it is nobody's: what guessing looks like. */
class WrongTokenException extends UnauthorizedException {
  constructor() {
    super('unknown or revoked token');
  }
}

/** 403 naming the permission the caller's role lacks (or the route's missing declaration, or the CSRF check). */
export class AccessDeniedException extends DomainException<'forbidden'> {
  constructor(rule: string, message: string) {
    super('forbidden', 'forbidden', message, { rule });
  }
}

type GuardedRequest = Request & { user?: AuthUser; browserSession?: BrowserSession };

interface Identity {
  user: AuthUser;
  /** Set when the caller signed in with the session cookie rather than a bearer token. */
  session?: BrowserSession;
}

/**
 * Every request: who is it (a bearer token, or a browser's session cookie; 401 without either),
 * and may their role call this route (the permission table, 403). Only routes marked @Public() are open.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly sessions: SessionsService,
    private readonly signIn: SignInService,
    private readonly failures: FailedSignIns,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const { user, session } = await this.identify(request, context.switchToHttp().getResponse<Response>());
    request.user = user;
    request.browserSession = session;
    if (session) assertCsrfToken(request, session);
    const permission = this.reflector.getAllAndOverride<PermissionName | undefined>(PERMISSION, targets);
    if (!permission) throw new AccessDeniedException('undeclared', 'this endpoint declares no permission');
    if (!mayCall(user.role, permission)) throw new AccessDeniedException(permission, PERMISSIONS[permission].says);
    return true;
  }

  /** A bearer token wins (API clients and monitors, which may also hold a cookie); else the session cookie. */
  private async identify(request: GuardedRequest, response: Response): Promise<Identity> {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() === 'bearer' && token) {
      const user = await this.bearer(token).catch((error) => this.counted(request.ip ?? 'unknown', error));
      return { user };
    }
    const secret = sessionSecretOf(request);
    if (secret) return this.cookie(secret, request, response);
    throw new UnauthorizedException('sign in: a bearer token (Authorization: Bearer <token>) or the session cookie of POST /auth/sign-in is required');
  }

  /** A wrong token counts against the address: past the limit, 429 instead of 401. */
  private async counted(address: string, error: unknown): Promise<never> {
    if (!(error instanceof WrongTokenException)) throw error;
    return this.failures.failed(address, error);
  }

  private async bearer(token: string): Promise<AuthUser> {
    const user = await this.users.findOneBy({ tokenHash: hashToken(token) });
    if (!user) throw new WrongTokenException();
    return this.signIn.authUserOf(user);
  }

  /**
   * The session the cookie names. An unknown or expired one is not counted as a failed sign-in:
   * a browser keeps sending its old cookie after a restart or a day away, and many users behind
   * one address would otherwise lock each other out. Its cookie is cleared, so it stops coming.
   */
  private async cookie(secret: string, request: Request, response: Response): Promise<Identity> {
    const found = await this.sessions.find(secret);
    if (found.kind !== 'valid') {
      clearSessionCookie(request, response);
      throw new UnauthorizedException(found.kind === 'expired' ? 'the session has expired; sign in again' : 'unknown or ended session; sign in again');
    }
    return { user: await this.signIn.authUserById(found.session.userId), session: found.session };
  }
}

/**
 * The synchronizer-token pattern: a write signed in with the cookie must send back the session's
 * CSRF token, which only the app's own pages can read (from sign-in or GET /auth/session). The
 * browser attaches the cookie to any site's request; SameSite=Lax stops most of those, but not
 * old browsers nor same-site subdomains (another faculty's site under the university's domain).
 */
function assertCsrfToken(request: Request, session: BrowserSession): void {
  if (!WRITES.has(request.method)) return;
  const sent = request.headers[CSRF_HEADER.toLowerCase()];
  if (sameSecret(typeof sent === 'string' ? sent : undefined, session.csrfToken)) return;
  throw new AccessDeniedException('csrf', `a write signed in with the session cookie needs the ${CSRF_HEADER} header: the csrfToken of POST /auth/sign-in or GET /auth/session`);
}
