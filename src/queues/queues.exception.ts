import { CodeOf, domainException } from '../errors/domain.exception';

/** Queues and overviews. */
export const QueueErrorCode = {
  TeamNotFound: 'teamNotFound',
  AgentNotFound: 'agentNotFound',
} as const;
export type QueueErrorCode = CodeOf<typeof QueueErrorCode>;

export class QueuesException extends domainException<QueueErrorCode>({ teamNotFound: 'notFound', agentNotFound: 'notFound' }) {}
