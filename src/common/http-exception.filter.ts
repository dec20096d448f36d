import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { SlaErrorCode, SlaException } from '../sla/sla.exception';
import { TicketErrorCode, TicketException } from '../tickets/tickets.exception';
import { isUnavailable } from './unavailable';
import { CsiErrorCode, CsiException } from '../csi/csi.exception';
import { ChangeErrorCode, ChangeException } from '../changes/changes.exception';
import { ProblemErrorCode, ProblemException } from '../problems/problems.exception';
import { MiErrorCode, MiException } from '../major-incidents/major-incidents.exception';

const RETRY_AFTER_SECONDS = 5;

/** The one place errors become HTTP answers (DESIGN, Errors). */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(AppExceptionFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof TicketException) {
      const status = ticketStatus(error.code);
      if (status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      response.status(status).json({ statusCode: status, error: error.code, message: error.message, ...error.detail });
      return;
    }
    if (error instanceof ChangeException) {
      const status = changeStatus(error.code);
      if (status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      response.status(status).json({ statusCode: status, error: error.code, message: error.message, ...error.detail });
      return;
    }
    if (error instanceof CsiException) {
      const status = csiStatus(error.code);
      if (status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      response.status(status).json({ statusCode: status, error: error.code, message: error.message, ...error.detail });
      return;
    }
    if (error instanceof MiException) {
      const status = miStatus(error.code);
      if (status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      response.status(status).json({ statusCode: status, error: error.code, message: error.message, ...error.detail });
      return;
    }
    if (error instanceof ProblemException) {
      const status = problemStatus(error.code);
      if (status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      response.status(status).json({ statusCode: status, error: error.code, message: error.message, ...error.detail });
      return;
    }
    if (error instanceof SlaException) {
      const status = slaStatus(error.code);
      response.status(status).json({ statusCode: status, error: error.code, message: error.message, field: error.field });
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
        error: TicketErrorCode.Unavailable,
        message: 'a backing service (Temporal or PostgreSQL) is unreachable; retry later',
      });
      return;
    }
    this.logger.error(error instanceof Error ? error.stack : String(error));
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, message: 'internal error' });
  }
}

function ticketStatus(code: TicketErrorCode): HttpStatus {
  switch (code) {
    case TicketErrorCode.TicketNotFound:
      return HttpStatus.NOT_FOUND;
    case TicketErrorCode.CommandNotAllowed:
      return HttpStatus.CONFLICT;
    case TicketErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case TicketErrorCode.RuleBroken:
    case TicketErrorCode.UnknownReference:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case TicketErrorCode.Unavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for ${unhandled}`);
    }
  }
}

function slaStatus(code: SlaErrorCode): HttpStatus {
  switch (code) {
    case SlaErrorCode.PolicyNotFound:
      return HttpStatus.NOT_FOUND;
    case SlaErrorCode.InvalidPolicy:
    case SlaErrorCode.InvalidPeriod:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for ${unhandled}`);
    }
  }
}

function problemStatus(code: ProblemErrorCode): HttpStatus {
  switch (code) {
    case ProblemErrorCode.ProblemNotFound:
    case ProblemErrorCode.KnowledgeEntryNotFound:
      return HttpStatus.NOT_FOUND;
    case ProblemErrorCode.CommandNotAllowed:
      return HttpStatus.CONFLICT;
    case ProblemErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case ProblemErrorCode.RuleBroken:
    case ProblemErrorCode.UnknownReference:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ProblemErrorCode.Unavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for ${unhandled}`);
    }
  }
}

function changeStatus(code: ChangeErrorCode): HttpStatus {
  switch (code) {
    case ChangeErrorCode.ChangeNotFound:
      return HttpStatus.NOT_FOUND;
    case ChangeErrorCode.CommandNotAllowed:
      return HttpStatus.CONFLICT;
    case ChangeErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case ChangeErrorCode.RuleBroken:
    case ChangeErrorCode.UnknownReference:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ChangeErrorCode.Unavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for ${unhandled}`);
    }
  }
}

function csiStatus(code: CsiErrorCode): HttpStatus {
  switch (code) {
    case CsiErrorCode.ProposalNotFound:
      return HttpStatus.NOT_FOUND;
    case CsiErrorCode.CommandNotAllowed:
      return HttpStatus.CONFLICT;
    case CsiErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case CsiErrorCode.RuleBroken:
    case CsiErrorCode.UnknownReference:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case CsiErrorCode.Unavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for ${unhandled}`);
    }
  }
}

function miStatus(code: MiErrorCode): HttpStatus {
  switch (code) {
    case MiErrorCode.MajorIncidentNotFound:
      return HttpStatus.NOT_FOUND;
    case MiErrorCode.CommandNotAllowed:
      return HttpStatus.CONFLICT;
    case MiErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case MiErrorCode.RuleBroken:
    case MiErrorCode.UnknownReference:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case MiErrorCode.Unavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for ${unhandled}`);
    }
  }
}
