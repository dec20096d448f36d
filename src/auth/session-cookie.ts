import type { CookieOptions, Request, Response } from 'express';

export const SESSION_COOKIE = 'itsm_session';
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * HttpOnly: page scripts (an injected one too) cannot read the secret. SameSite=Lax: other sites'
 * pages cannot make the browser send it with their writes (the X-CSRF-Token check covers the
 * browsers and same-site subdomains Lax does not). Secure whenever the request came over https, so
 * the cookie never travels in clear text there; plain http stays usable on a laptop.
 */
function options(request: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: request.secure };
}

export function setSessionCookie(request: Request, response: Response, secret: string, maxAgeMs: number): void {
  response.cookie(SESSION_COOKIE, secret, { ...options(request), maxAge: maxAgeMs });
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.clearCookie(SESSION_COOKIE, options(request));
}

/** The session secret the browser sent, if any (cookie-parser has read the Cookie header). */
export function sessionSecretOf(request: Request): string | undefined {
  const secret = (request.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof secret === 'string' && secret.length > 0 ? secret : undefined;
}
