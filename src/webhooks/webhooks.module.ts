import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookAttemptEntity, WebhookDeliveryEntity, WebhookEndpointEntity } from './webhook.entity';
import { WebhookBackground } from './webhook-background.service';
import { WebhookDelivery } from './webhook-delivery.activities';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Webhooks (issue 15, item 4): owns webhook_endpoints, webhook_deliveries and webhook_attempts.
 * Global, as every process's projection writes its events to the outbox (WebhooksService.record).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpointEntity, WebhookDeliveryEntity, WebhookAttemptEntity])],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookDelivery, WebhookBackground],
  exports: [WebhooksService],
})
export class WebhooksModule {}
