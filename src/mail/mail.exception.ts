import { CodeOf, domainException } from '../errors/domain.exception';

/** Mail: something that is not there (404), or not in the state the request needs (409). */
export const MailErrorCode = {
  NotFound: 'mailNotFound',
  AttachmentNotFound: 'attachmentNotFound',
  NotQuarantined: 'notQuarantined',
} as const;
export type MailErrorCode = CodeOf<typeof MailErrorCode>;

export class MailException extends domainException<MailErrorCode>({ mailNotFound: 'notFound', attachmentNotFound: 'notFound', notQuarantined: 'conflict' }) {}
