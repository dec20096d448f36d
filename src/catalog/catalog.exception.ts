import { CodeOf, domainException } from '../errors/domain.exception';

/** Categories. */
export const CatalogErrorCode = {
  CategoryNotFound: 'categoryNotFound',
  DuplicateName: 'duplicateName',
  RuleBroken: 'ruleBroken',
  UnknownReference: 'unknownReference',
} as const;
export type CatalogErrorCode = CodeOf<typeof CatalogErrorCode>;

export class CatalogException extends domainException<CatalogErrorCode>({ categoryNotFound: 'notFound', duplicateName: 'conflict', ruleBroken: 'unprocessable', unknownReference: 'unprocessable' }) {}
