import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { webhookWorkflowId, type WebhookDeliveryInput } from '../../workflows/webhook.messages';
import { appConfig } from '../config/app-config';
import { APP_ROLES, type AppRoles } from '../config/app-roles';
import { DispatchLoop } from '../temporal/dispatch-loop';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';

const BATCH = 200;

/**
 * The worker's webhook dispatcher: every delivery the projections committed gets its delivery
 * workflow, started idempotently (id from the delivery id), then marked dispatched. Several
 * workers may dispatch at once: nothing is posted twice by this.
 */
@Injectable()
export class WebhookBackground implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookBackground.name);
  private loop?: DispatchLoop;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly temporal: TemporalClientProvider,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
    @Inject(APP_ROLES) private readonly roles: AppRoles,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.roles.worker) return;
    this.loop = new DispatchLoop('webhook dispatch', this.logger, () => this.dispatch(), BATCH, this.config.webhooks.dispatchIntervalMs);
    this.loop.start();
  }

  // Before the database pool closes (onApplicationShutdown): the round in flight finishes.
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }

  /** Starts the workflows of the deliveries not dispatched yet, oldest first; returns how many. */
  async dispatch(): Promise<number> {
    const due: Array<{ id: string }> = await this.db.query(
      'SELECT id FROM webhook_deliveries WHERE dispatched_at IS NULL ORDER BY created_at LIMIT $1',
      [BATCH],
    );
    if (!due.length) return 0;
    const { retryWindowMs, retryInitialMs, retryMaxMs } = this.config.webhooks;
    for (let i = 0; i < due.length; i += 20) {
      await Promise.all(
        due.slice(i, i + 20).map((d) => {
          const input: WebhookDeliveryInput = { deliveryId: d.id, retryWindowMs, retryInitialMs, retryMaxMs };
          return this.temporal.startOnce('webhookDeliveryWorkflow', webhookWorkflowId(d.id), [input]);
        }),
      );
    }
    await this.db.query('UPDATE webhook_deliveries SET dispatched_at = now() WHERE id = ANY($1::text[]) AND dispatched_at IS NULL', [due.map((d) => d.id)]);
    return due.length;
  }
}
