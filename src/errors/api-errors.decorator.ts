import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from './dto/error-body.dto';

/** The error statuses of the error model (DESIGN, Errors) an operation can answer with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;
export type ErrorDescriptions = Partial<Record<ErrorStatus, string>>;

/**
 * The errors an operation's own service answers with (an unknown id, a taken code, a broken rule),
 * each with the one error body. What every operation of a kind answers (401, 400 on input, 413 and
 * 415 on bodies, 422 on a reused Idempotency-Key, 429, 503) is added to the document centrally by
 * src/bootstrap/openapi.ts, from the same facts the guards, pipes and interceptors act on.
 */
export const ApiErrors = (errors: ErrorDescriptions): MethodDecorator =>
  applyDecorators(
    ...Object.entries(errors).map(([status, description]) => ApiResponse({ status: Number(status), description, type: ErrorBody })),
  );

/** A command to a process (ticket, major incident, problem, change, CSI proposal): what the machine and the service refuse. */
export const processCommandErrors = (thing: string): ErrorDescriptions => ({
  403: `the process's rules do not let the caller give this command (rule; allowedCommands: what they may do)`,
  404: `no such ${thing}${thing === 'ticket' ? ", or (end users) not theirs" : ''}`,
  409: `the ${thing}'s state does not take this command now, or its process has ended (allowedCommands)`,
  422: 'the command breaks a rule (field, rule, missing) or names something that does not exist (field)',
});
