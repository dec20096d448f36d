import { CodeOf, domainException } from '../errors/domain.exception';

/** Knowledge articles. */
export const KnowledgeErrorCode = {
  ArticleNotFound: 'articleNotFound',
  VersionNotFound: 'versionNotFound',
  DocumentNotMarked: 'documentNotMarked',
  RuleBroken: 'ruleBroken',
  UnknownReference: 'unknownReference',
} as const;
export type KnowledgeErrorCode = CodeOf<typeof KnowledgeErrorCode>;

export class KnowledgeException extends domainException<KnowledgeErrorCode>({
  articleNotFound: 'notFound',
  versionNotFound: 'notFound',
  documentNotMarked: 'notFound',
  ruleBroken: 'unprocessable',
  unknownReference: 'unprocessable',
}) {}
