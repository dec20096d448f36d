import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'http';
import { DomainException, httpStatusOf } from './domain.exception';
import { isUnavailable } from './unavailable';

export const RETRY_AFTER_SECONDS = 5;

/** An answer given before, sent again as it was (a retried request with the same Idempotency-Key). */
export class ReplayedResponse extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super('replayed');
  }
}

const BODY_PARSER_ERRORS: Record<string, { status: number; error: string; message: string }> = {
  'entity.too.large': { status: 413, error: 'payloadTooLarge', message: 'the body is larger than the API accepts (100 kB)' },
  'entity.parse.failed': { status: 400, error: 'badRequest', message: 'the body is not valid JSON' },
  'encoding.unsupported': { status: 415, error: 'unsupportedMediaType', message: 'send the body as UTF-8 JSON' },
  'charset.unsupported': { status: 415, error: 'unsupportedMediaType', message: 'send the body as UTF-8 JSON' },
};

function bodyParserError(error: unknown): { status: number; error: string; message: string } | undefined {
  const type = (error as { type?: unknown } | null | undefined)?.type;
  return typeof type === 'string' ? BODY_PARSER_ERRORS[type] : undefined;
}

/** The error code of a status for an HttpException that names none ('Not Found' -> 'notFound'). */
function codeOf(status: number): string {
  const words = (STATUS_CODES[status] ?? 'error').replace(/[^A-Za-z ]/g, '').split(' ').filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
}

export interface ErrorResponse {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The error model (DESIGN, Errors): `{ statusCode, error, message, field?, rule?, missing?,
 * allowedCommands?, fields? }`. Undefined for what is not an error of the model (a bug: 500).
 */
export function errorResponse(error: unknown): ErrorResponse | undefined {
  if (error instanceof DomainException) {
    const status = httpStatusOf(error.kind);
    return { status, body: { statusCode: status, error: error.code, message: error.message, ...error.detail } };
  }
  // The body parser's own errors (express): too large, not JSON, an unknown charset. The Express
  // adapter hands them over wrapped in an HttpException (its cause), with the library's sentence.
  const parser = bodyParserError(error) ?? (error instanceof HttpException ? bodyParserError(error.cause) : undefined);
  if (parser) return { status: parser.status, body: { statusCode: parser.status, error: parser.error, message: parser.message } };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const body = typeof response === 'string' ? { statusCode: status, message: response } : (response as Record<string, unknown>);
    // Every error body carries a code (ErrorBody.error), also one built from a bare sentence (the
    // body parser's, Nest's). A body of another shape (GET /health's 503) stays as it was thrown.
    if (typeof body.message !== 'string' || typeof body.error === 'string') return { status, body };
    return { status, body: { ...body, statusCode: status, error: codeOf(status) } };
  }
  if (isUnavailable(error)) {
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      body: { statusCode: HttpStatus.SERVICE_UNAVAILABLE, error: 'unavailable', message: 'a backing service (Temporal or PostgreSQL) is unreachable; retry later' },
    };
  }
  return undefined;
}

/** The one place errors become HTTP answers. It knows the error model, no feature. */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(AppExceptionFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof ReplayedResponse) {
      response.status(error.status).json(error.body);
      return;
    }
    const answer = errorResponse(error);
    if (!answer) {
      this.logger.error(error instanceof Error ? error.stack : String(error));
      response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, error: 'internal', message: 'internal error' });
      return;
    }
    if (answer.status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    response.status(answer.status).json(answer.body);
  }
}
