import type { NextFunction, Request, Response } from 'express';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** The API speaks JSON: a write whose body is anything else (a form, text) is 415 and changes nothing. */
export function jsonOnly(request: Request, response: Response, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (!WITH_BODY.has(request.method) || !hasBody || request.is('application/json')) return next();
  response.status(415).json({ statusCode: 415, error: 'unsupportedMediaType', message: 'send the body as application/json' });
}
