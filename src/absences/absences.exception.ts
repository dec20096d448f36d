import { HttpException, HttpStatus } from '@nestjs/common';

export enum AbsenceErrorCode {
  AbsenceNotFound = 'absenceNotFound',
  TeamNotFound = 'teamNotFound',
  /** A broken rule, e.g. a period that ends before it starts (422, with `field` and `rule`). */
  RuleBroken = 'ruleBroken',
}

export interface AbsenceErrorDetail {
  field?: string;
  rule?: string;
}

function statusOf(code: AbsenceErrorCode): HttpStatus {
  switch (code) {
    case AbsenceErrorCode.AbsenceNotFound:
    case AbsenceErrorCode.TeamNotFound:
      return HttpStatus.NOT_FOUND;
    case AbsenceErrorCode.RuleBroken:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for ${unhandled}`);
    }
  }
}

/** Absences' refusals, with the error model's body so the one filter passes them through. */
export class AbsencesException extends HttpException {
  constructor(
    readonly code: AbsenceErrorCode,
    message: string,
    readonly detail: AbsenceErrorDetail = {},
  ) {
    const status = statusOf(code);
    super({ statusCode: status, error: code, message, ...detail }, status);
  }
}
