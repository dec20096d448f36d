import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { BrowserSession } from './sessions.service';

/** The session the caller signed in with (the AccessGuard found it by the cookie); null for a bearer token. */
export const CurrentSession = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): BrowserSession | null => ctx.switchToHttp().getRequest<{ browserSession?: BrowserSession }>().browserSession ?? null,
);
