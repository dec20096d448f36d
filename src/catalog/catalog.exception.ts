import { HttpException, HttpStatus } from '@nestjs/common';

export enum CatalogErrorCode {
  CategoryNotFound = 'categoryNotFound',
  /** A category name that is taken (409). */
  DuplicateName = 'duplicateName',
  /** A broken rule, e.g. two Additional Questions with one key (422, with `field` and `rule`). */
  RuleBroken = 'ruleBroken',
  /** The body names an SLA policy that does not exist (422). */
  UnknownReference = 'unknownReference',
}

export interface CatalogErrorDetail {
  field?: string;
  rule?: string;
}

function statusOf(code: CatalogErrorCode): HttpStatus {
  switch (code) {
    case CatalogErrorCode.CategoryNotFound:
      return HttpStatus.NOT_FOUND;
    case CatalogErrorCode.DuplicateName:
      return HttpStatus.CONFLICT;
    case CatalogErrorCode.RuleBroken:
    case CatalogErrorCode.UnknownReference:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for ${unhandled}`);
    }
  }
}

/** The service catalog's refusals, with the error model's body so the one filter passes them through. */
export class CatalogException extends HttpException {
  constructor(
    readonly code: CatalogErrorCode,
    message: string,
    readonly detail: CatalogErrorDetail = {},
  ) {
    const status = statusOf(code);
    super({ statusCode: status, error: code, message, ...detail }, status);
  }
}
