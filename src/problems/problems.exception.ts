import { CodeOf, domainException, REFUSAL_KINDS, RefusalCode } from '../errors/domain.exception';

/** Problems and the knowledge base they publish to. */
export const ProblemErrorCode = {
  ...RefusalCode,
  ProblemNotFound: 'problemNotFound',
  KnowledgeEntryNotFound: 'knowledgeEntryNotFound',
} as const;
export type ProblemErrorCode = CodeOf<typeof ProblemErrorCode>;

export class ProblemException extends domainException<ProblemErrorCode>({ ...REFUSAL_KINDS, problemNotFound: 'notFound', knowledgeEntryNotFound: 'notFound' }) {}
