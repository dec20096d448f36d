import { describeUser } from './dto/current-user.dto';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrors } from '../errors/api-errors.decorator';
import type { AuthUser } from './auth-user';
import { CurrentSession } from './current-session.decorator';
import { CurrentUser } from './current-user.decorator';
import { SessionView, SignInDto, SignInView } from './dto/sign-in.dto';
import { Permission } from './permission.decorator';
import { Public } from './public.decorator';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { BrowserSession, SessionsService } from './sessions.service';
import { SignInService } from './sign-in.service';

/** Sign-in from a browser: a password opens a session held in an HttpOnly cookie (docs/api.md). */
@ApiTags('auth')
@Controller('auth')
export class SessionsController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionsService,
  ) {}

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username and password: sets the itsm_session cookie, answers the user and the CSRF token' })
  @ApiOkResponse({ type: SignInView, headers: { 'Set-Cookie': { description: 'itsm_session=<secret>; HttpOnly; SameSite=Lax; Path=/; Max-Age=<SESSION_TTL_HOURS>; Secure over https', schema: { type: 'string' } } } })
  @ApiErrors({
    401: 'wrong username or password (one answer for both)',
    429: 'too many failed sign-ins from this address within a minute; wait a minute',
  })
  async create(@Body() dto: SignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SignInView> {
    const { user, session } = await this.signIn.signIn(dto.username, dto.password, request.ip ?? 'unknown');
    setSessionCookie(request, response, session.secret, this.sessions.ttlMs);
    return { user: describeUser(user), csrfToken: session.csrfToken };
  }

  @Get('session')
  @Permission('signedIn')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Who is signed in, and the session's CSRF token again (null for a bearer token)" })
  @ApiOkResponse({ type: SessionView })
  current(@CurrentUser() user: AuthUser, @CurrentSession() session: BrowserSession | null): SessionView {
    return { user: describeUser(user), csrfToken: session?.csrfToken ?? null };
  }

  @Post('sign-out')
  @Permission('signedIn')
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session and clears its cookie (a bearer token stays valid)' })
  @ApiNoContentResponse({ description: 'signed out' })
  async end(@CurrentSession() session: BrowserSession | null, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (session) await this.sessions.end(session.id);
    clearSessionCookie(request, response);
  }
}
