import { CodeOf, domainException } from '../errors/domain.exception';

/** Teams, members and organisations: a duplicate code or a taken lead is 409; an end user as a member is a broken rule (422). */
export const TeamErrorCode = {
  TeamNotFound: 'teamNotFound',
  UserNotFound: 'userNotFound',
  MemberNotFound: 'memberNotFound',
  OrganisationNotFound: 'organisationNotFound',
  DuplicateCode: 'duplicateCode',
  LeadTaken: 'leadTaken',
  RuleBroken: 'ruleBroken',
  UnknownReference: 'unknownReference',
} as const;
export type TeamErrorCode = CodeOf<typeof TeamErrorCode>;

export class TeamsException extends domainException<TeamErrorCode>({ teamNotFound: 'notFound', userNotFound: 'notFound', memberNotFound: 'notFound', organisationNotFound: 'notFound', duplicateCode: 'conflict', leadTaken: 'conflict', ruleBroken: 'unprocessable', unknownReference: 'unprocessable' }) {}
