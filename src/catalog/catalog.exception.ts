import { CodeOf, domainException } from '../errors/domain.exception';

/** Categories and request items. */
export const CatalogErrorCode = {
  CategoryNotFound: 'categoryNotFound',
  ItemNotFound: 'requestItemNotFound',
  DuplicateName: 'duplicateName',
  RuleBroken: 'ruleBroken',
  UnknownReference: 'unknownReference',
} as const;
export type CatalogErrorCode = CodeOf<typeof CatalogErrorCode>;

export class CatalogException extends domainException<CatalogErrorCode>({ categoryNotFound: 'notFound', requestItemNotFound: 'notFound', duplicateName: 'conflict', ruleBroken: 'unprocessable', unknownReference: 'unprocessable' }) {}
