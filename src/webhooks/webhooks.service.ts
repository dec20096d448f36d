import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { appConfig } from '../config/app-config';
import type { RegisterWebhookDto, UpdateWebhookDto, WebhookDeliveryDto, WebhookDto } from './dto/webhook.dto';
import { WebhookAttemptEntity, WebhookDeliveryEntity, WebhookEndpointEntity } from './webhook.entity';
import type { WebhookEvent } from './webhook-events';
import { WebhookErrorCode, WebhookException } from './webhooks.exception';

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64 (the HMAC key is the bytes). */
const newSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

/**
 * Owns webhook_endpoints, webhook_deliveries and webhook_attempts (issue 15, item 4): the endpoints
 * admins register, and the outbox every projection writes its events to in its own transaction,
 * so a delivery exists exactly when the change that raised it does (like a notification).
 */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectRepository(WebhookEndpointEntity) private readonly endpoints: Repository<WebhookEndpointEntity>,
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
    @InjectRepository(WebhookAttemptEntity) private readonly attempts: Repository<WebhookAttemptEntity>,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  /**
   * One delivery per event and enabled endpoint subscribed to its type, in one statement (none
   * when no endpoint listens); ids are deterministic, so a retried projection writes nothing new.
   */
  async record(tx: EntityManager, events: WebhookEvent[]): Promise<void> {
    if (!events.length) return;
    await tx.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, process_number, payload, created_at)
       SELECT ev.id || '@' || e.id, e.id, ev.id, ev.type, ev.number, ev.payload, ev.at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[]) AS ev(id, type, number, at, payload)
       JOIN webhook_endpoints e ON e.enabled AND ev.type = ANY(e.event_types)
       ON CONFLICT (id) DO NOTHING`,
      [
        events.map((e) => e.id),
        events.map((e) => e.type),
        events.map((e) => e.number),
        events.map((e) => e.occurredAt),
        events.map((e) => JSON.stringify({ id: e.id, type: e.type, occurredAt: e.occurredAt, data: e.data })),
      ],
    );
  }

  /** The secret is in this answer only: the endpoint verifies signatures with it. */
  async register(user: AuthUser, dto: RegisterWebhookDto): Promise<WebhookDto & { secret: string }> {
    const secret = newSecret();
    const saved = await this.endpoints.save(
      this.endpoints.create({ url: checkedUrl(dto.url, this.config.webhooks.allowedHosts), description: dto.description ?? '', eventTypes: [...new Set(dto.eventTypes)], secret, createdBy: user.id, createdAt: new Date() }),
    );
    return { ...(await this.get(saved.id)), secret };
  }

  async list(): Promise<WebhookDto[]> {
    const all = await this.endpoints.find({ order: { createdAt: 'ASC' } });
    return Promise.all(all.map((e) => this.viewOf(e)));
  }

  async get(id: string): Promise<WebhookDto> {
    return this.viewOf(await this.endpoint(id));
  }

  /** Enabling again (after it was disabled) starts its failure count afresh; events missed while disabled are not sent. */
  async update(id: string, dto: UpdateWebhookDto): Promise<WebhookDto> {
    const endpoint = await this.endpoint(id);
    if (dto.url !== undefined) endpoint.url = checkedUrl(dto.url, this.config.webhooks.allowedHosts);
    if (dto.description !== undefined) endpoint.description = dto.description;
    if (dto.eventTypes !== undefined) endpoint.eventTypes = [...new Set(dto.eventTypes)];
    if (dto.enabled === true && !endpoint.enabled) Object.assign(endpoint, { enabled: true, disabledAt: null, disabledReason: null, consecutiveFailures: 0, failingSince: null });
    if (dto.enabled === false && endpoint.enabled) Object.assign(endpoint, { enabled: false, disabledAt: new Date(), disabledReason: 'disabled by an admin' });
    await this.endpoints.save(endpoint);
    return this.get(id);
  }

  /** Its delivery log goes with it; deliveries still retried end as cancelled. */
  async remove(id: string): Promise<void> {
    await this.endpoint(id);
    await this.endpoints.delete({ id });
  }

  /** The endpoint's delivery log: newest first, each delivery with its attempts. */
  async deliveriesOf(id: string, limit = 50): Promise<WebhookDeliveryDto[]> {
    await this.endpoint(id);
    const rows = await this.deliveries.find({ where: { endpointId: id }, order: { createdAt: 'DESC', id: 'DESC' }, take: Math.min(limit, 500) });
    const attempts = rows.length ? await this.attempts.createQueryBuilder('a').where('a.delivery_id IN (:...ids)', { ids: rows.map((r) => r.id) }).orderBy('a.attempt').getMany() : [];
    return rows.map((d) => ({
      id: d.id,
      eventId: d.eventId,
      eventType: d.eventType,
      number: d.processNumber,
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      payload: d.payload,
      log: attempts.filter((a) => a.deliveryId === d.id).map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), statusCode: a.statusCode, error: a.error, durationMs: a.durationMs })),
    }));
  }

  private async endpoint(id: string): Promise<WebhookEndpointEntity> {
    const found = /^[0-9a-f-]{36}$/i.test(id) ? await this.endpoints.findOneBy({ id }) : null;
    if (!found) throw new WebhookException(WebhookErrorCode.WebhookNotFound, `webhook ${id} not found`);
    return found;
  }

  private async viewOf(e: WebhookEndpointEntity): Promise<WebhookDto> {
    const counts: Array<{ status: string; n: number }> = await this.deliveries.query(
      'SELECT status, count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 GROUP BY status',
      [e.id],
    );
    const count = (status: string) => counts.find((c) => c.status === status)?.n ?? 0;
    return {
      id: e.id,
      url: e.url,
      description: e.description,
      eventTypes: e.eventTypes as WebhookDto['eventTypes'],
      enabled: e.enabled,
      createdAt: e.createdAt.toISOString(),
      consecutiveFailures: e.consecutiveFailures,
      failingSince: e.failingSince?.toISOString() ?? null,
      lastSuccessAt: e.lastSuccessAt?.toISOString() ?? null,
      disabledAt: e.disabledAt?.toISOString() ?? null,
      disabledReason: e.disabledReason,
      deliveries: { pending: count('pending'), delivered: count('delivered'), failed: count('failed'), cancelled: count('cancelled') },
    };
  }
}

/** http(s) with a host (one of WEBHOOK_ALLOWED_HOSTS when set), no credentials in it (they would show in every list). */
function checkedUrl(url: string, allowedHosts: string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WebhookException(WebhookErrorCode.InvalidWebhookUrl, `url "${url}" is not a URL`, { field: 'url' });
  }
  if (!['http:', 'https:'].includes(parsed.protocol) || !parsed.hostname) {
    throw new WebhookException(WebhookErrorCode.InvalidWebhookUrl, 'url must be an http or https URL with a host', { field: 'url' });
  }
  if (parsed.username || parsed.password) {
    throw new WebhookException(WebhookErrorCode.InvalidWebhookUrl, 'url must not carry credentials: the signature authenticates the sender', { field: 'url' });
  }
  if (allowedHosts.length && !allowedHosts.includes(parsed.hostname.toLowerCase())) {
    throw new WebhookException(WebhookErrorCode.InvalidWebhookUrl, `url must name one of the hosts this system may call: ${allowedHosts.join(', ')}`, { field: 'url', rule: 'allowedHosts' });
  }
  return parsed.toString();
}
