import { CodeOf, domainException } from '../errors/domain.exception';

/** Webhooks. */
export const WebhookErrorCode = {
  WebhookNotFound: 'webhookNotFound',
  InvalidWebhookUrl: 'invalidWebhookUrl',
} as const;
export type WebhookErrorCode = CodeOf<typeof WebhookErrorCode>;

export class WebhookException extends domainException<WebhookErrorCode>({ webhookNotFound: 'notFound', invalidWebhookUrl: 'unprocessable' }) {}
