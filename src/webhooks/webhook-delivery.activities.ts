import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import ms from 'ms';
import { Webhook } from 'standardwebhooks';
import { DataSource, EntityManager } from 'typeorm';
import type { WebhookDeliveryActivities, WebhookOutcome } from '../../workflows/webhook.messages';
import { appConfig } from '../config/app-config';
import { NotificationsService } from '../notifications/notifications.service';
import { Activity } from '../temporal/activity.decorator';

interface Target {
  status: string;
  payload: Record<string, unknown>;
  endpointId: string | null;
  url: string | null;
  secret: string | null;
  enabled: boolean | null;
}

interface Attempt {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** How much of an endpoint's answer is kept in the log when it refuses. */
const ANSWER_KEPT = 200;

/**
 * The webhook delivery workflow's activities: one signed POST per attempt, its outcome logged,
 * the endpoint's failure count kept. An endpoint failing every attempt for WEBHOOK_DISABLE_AFTER
 * (and at least WEBHOOK_DISABLE_AFTER_FAILURES times) is disabled, and whoever registered it is told.
 */
@Injectable()
export class WebhookDelivery implements WebhookDeliveryActivities {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  @Activity()
  async deliverWebhook(deliveryId: string): Promise<WebhookOutcome> {
    const target = await this.target(deliveryId);
    // A retried activity after the endpoint took it, or a delivery whose endpoint is gone or off.
    if (!target || !target.endpointId) return { status: 'cancelled', detail: 'the endpoint was removed' };
    if (target.status === 'delivered') return { status: 'delivered', statusCode: 200 };
    if (target.status !== 'pending') return { status: target.status as 'failed' | 'cancelled', detail: `already ${target.status}` };
    if (!target.enabled) {
      await this.db.query(`UPDATE webhook_deliveries SET status = 'cancelled', last_error = 'the endpoint is disabled' WHERE id = $1 AND status = 'pending'`, [deliveryId]);
      return { status: 'cancelled', detail: 'the endpoint is disabled' };
    }
    const attempt = await this.post(deliveryId, target);
    const disabled = await this.db.transaction((tx) => this.record(tx, deliveryId, target.endpointId!, attempt));
    if (attempt.error === null) return { status: 'delivered', statusCode: attempt.statusCode! };
    if (disabled) return { status: 'failed', detail: `the endpoint was disabled: ${disabled}` };
    throw ApplicationFailure.retryable(attempt.error, 'WebhookNotAccepted');
  }

  @Activity()
  async webhookUndelivered(deliveryId: string, detail: string): Promise<void> {
    await this.db.query(`UPDATE webhook_deliveries SET status = 'failed', last_error = $2 WHERE id = $1 AND status = 'pending'`, [deliveryId, detail]);
  }

  private async target(deliveryId: string): Promise<Target | undefined> {
    const [row] = await this.db.query(
      `SELECT d.status, d.payload, e.id AS "endpointId", e.url, e.secret, e.enabled
       FROM webhook_deliveries d LEFT JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = $1`,
      [deliveryId],
    );
    return row;
  }

  /**
   * One POST, signed now (a receiver refuses an old timestamp): the body is the same bytes on every
   * attempt, and so is webhook-id, by which the receiver drops a repeat (delivery is at least once).
   */
  private async post(deliveryId: string, target: Target): Promise<Attempt> {
    const body = JSON.stringify(target.payload);
    const now = new Date();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'itsm-webhooks/1',
      'webhook-id': deliveryId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(target.secret!).sign(deliveryId, now, body),
    };
    const started = Date.now();
    try {
      const response = await fetch(target.url!, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.config.webhooks.attemptTimeoutMs) });
      const answer = (await response.text().catch(() => '')).slice(0, ANSWER_KEPT);
      const error = response.ok ? null : `HTTP ${response.status}${answer ? `: ${answer}` : ''}`;
      return { statusCode: response.status, error, durationMs: Date.now() - started };
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return { statusCode: null, error: cause?.code ?? cause?.message ?? (error as Error).message, durationMs: Date.now() - started };
    }
  }

  /** The attempt in the log and on the delivery, and the endpoint's failure count; the reason when this attempt disabled it. */
  private async record(tx: EntityManager, deliveryId: string, endpointId: string, a: Attempt): Promise<string | null> {
    // An UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [[{ attempts }]] = await tx.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = now(), last_status_code = $2, last_error = $3,
         status = CASE WHEN $3::text IS NULL THEN 'delivered' ELSE status END,
         delivered_at = CASE WHEN $3::text IS NULL THEN now() ELSE delivered_at END
       WHERE id = $1 RETURNING attempts`,
      [deliveryId, a.statusCode, a.error],
    );
    await tx.query(`INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms) VALUES ($1, $2, now(), $3, $4, $5) ON CONFLICT DO NOTHING`, [
      deliveryId, attempts, a.statusCode, a.error, a.durationMs,
    ]);
    if (a.error === null) {
      await tx.query(`UPDATE webhook_endpoints SET consecutive_failures = 0, failing_since = NULL, last_success_at = now() WHERE id = $1`, [endpointId]);
      return null;
    }
    return this.failed(tx, deliveryId, endpointId, a.error);
  }

  private async failed(tx: EntityManager, deliveryId: string, endpointId: string, error: string): Promise<string | null> {
    const { disableAfterMs, disableAfterFailures } = this.config.webhooks;
    const reason = `every attempt failed for ${ms(disableAfterMs, { long: true })} or more, ${disableAfterFailures} or more in a row (last: ${error})`;
    const [[endpoint]] = await tx.query(
      `WITH judged AS (
         SELECT id, enabled AND consecutive_failures + 1 >= $2 AND now() - coalesce(failing_since, now()) >= $3 * interval '1 millisecond' AS disable
         FROM webhook_endpoints WHERE id = $1 FOR UPDATE)
       UPDATE webhook_endpoints w SET consecutive_failures = w.consecutive_failures + 1, failing_since = coalesce(w.failing_since, now()),
         enabled = w.enabled AND NOT judged.disable,
         disabled_at = CASE WHEN judged.disable THEN now() ELSE w.disabled_at END,
         disabled_reason = CASE WHEN judged.disable THEN $4 ELSE w.disabled_reason END
       FROM judged WHERE w.id = judged.id
       RETURNING w.url, w.created_by AS "createdBy", judged.disable AS "disabledNow"`,
      [endpointId, disableAfterFailures, disableAfterMs, reason],
    );
    if (!endpoint?.disabledNow) return null;
    // This delivery ends here; the endpoint's other ones end as cancelled at their next attempt.
    await tx.query(`UPDATE webhook_deliveries SET status = 'failed' WHERE id = $1`, [deliveryId]);
    await this.tellOwner(tx, endpointId, endpoint.url, endpoint.createdBy, reason);
    return reason;
  }

  /** The notice: a mail to the admin who registered the endpoint (in the outbox, delivered like every notification). */
  private async tellOwner(tx: EntityManager, endpointId: string, url: string, ownerId: string, reason: string): Promise<void> {
    const [owner] = await tx.query(`SELECT email, language FROM users WHERE id::text = $1`, [ownerId]);
    if (!owner?.email) return;
    await this.notifications.enqueueDirect(
      {
        id: `webhook-disabled:${endpointId}:${Date.now()}`,
        number: null,
        recipientId: ownerId,
        address: owner.email,
        template: 'webhookDisabled',
        vars: { number: '', title: url, text: reason },
        language: owner.language === 'da' ? 'da' : 'en',
      },
      tx,
    );
  }
}
