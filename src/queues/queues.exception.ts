import { HttpException, HttpStatus } from '@nestjs/common';

export enum QueueErrorCode {
  TeamNotFound = 'teamNotFound',
  AgentNotFound = 'agentNotFound',
}

function statusOf(code: QueueErrorCode): HttpStatus {
  switch (code) {
    case QueueErrorCode.TeamNotFound:
    case QueueErrorCode.AgentNotFound:
      return HttpStatus.NOT_FOUND;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for ${unhandled}`);
    }
  }
}

/** The overviews' refusals, with the error model's body so the one filter passes them through. */
export class QueuesException extends HttpException {
  constructor(
    readonly code: QueueErrorCode,
    message: string,
  ) {
    const status = statusOf(code);
    super({ statusCode: status, error: code, message }, status);
  }
}
