import { HttpException, HttpStatus } from '@nestjs/common';

export enum TeamErrorCode {
  TeamNotFound = 'teamNotFound',
  UserNotFound = 'userNotFound',
  MemberNotFound = 'memberNotFound',
  OrganisationNotFound = 'organisationNotFound',
  /** A team or organisation code that is taken (409). */
  DuplicateCode = 'duplicateCode',
  /** The team already has a lead; unset that first (409). */
  LeadTaken = 'leadTaken',
  /** A broken rule, e.g. an end user as a team member (422, with `field` and `rule`). */
  RuleBroken = 'ruleBroken',
  /** The body names a team that does not exist (422). */
  UnknownReference = 'unknownReference',
}

export interface TeamErrorDetail {
  field?: string;
  rule?: string;
}

function statusOf(code: TeamErrorCode): HttpStatus {
  switch (code) {
    case TeamErrorCode.TeamNotFound:
    case TeamErrorCode.UserNotFound:
    case TeamErrorCode.MemberNotFound:
    case TeamErrorCode.OrganisationNotFound:
      return HttpStatus.NOT_FOUND;
    case TeamErrorCode.DuplicateCode:
    case TeamErrorCode.LeadTaken:
      return HttpStatus.CONFLICT;
    case TeamErrorCode.RuleBroken:
    case TeamErrorCode.UnknownReference:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for ${unhandled}`);
    }
  }
}

/**
 * Teams, members and organisations. An HttpException with the error model's body
 * (`statusCode, error, message, field?, rule?`), so the one filter passes it through unchanged.
 */
export class TeamsException extends HttpException {
  constructor(
    readonly code: TeamErrorCode,
    message: string,
    readonly detail: TeamErrorDetail = {},
  ) {
    const status = statusOf(code);
    super({ statusCode: status, error: code, message, ...detail }, status);
  }
}
