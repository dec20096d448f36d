import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainException, httpStatusOf } from './domain.exception';
import { isUnavailable } from './unavailable';

const RETRY_AFTER_SECONDS = 5;

/** The one place errors become HTTP answers (DESIGN, Errors). It knows the error model, no feature. */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(AppExceptionFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof DomainException) {
      const status = httpStatusOf(error.kind);
      if (status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      response.status(status).json({ statusCode: status, error: error.code, message: error.message, ...error.detail });
      return;
    }
    if (error instanceof HttpException) {
      const body = error.getResponse();
      response.status(error.getStatus()).json(typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : body);
      return;
    }
    if (isUnavailable(error)) {
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'unavailable',
        message: 'a backing service (Temporal or PostgreSQL) is unreachable; retry later',
      });
      return;
    }
    this.logger.error(error instanceof Error ? error.stack : String(error));
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, message: 'internal error' });
  }
}
