import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

/** An admin's endpoint: where the events it subscribes to are posted, signed with its secret. */
@Entity('webhook_endpoints')
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ name: 'event_types', type: 'text', array: true }) eventTypes!: string[];
  /** `whsec_<base64>` (Standard Webhooks): shown once, when the endpoint is registered. */
  @Column({ type: 'text', select: false }) secret!: string;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** Failed attempts since the last delivered one, and since when they fail. */
  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 }) consecutiveFailures!: number;
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true }) failingSince!: Date | null;
  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true }) lastSuccessAt!: Date | null;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  @Column({ name: 'disabled_reason', type: 'text', nullable: true }) disabledReason!: string | null;
}

/** One event for one endpoint: written with the change that raised it (the outbox), then delivered by a workflow. */
@Entity('webhook_deliveries')
export class WebhookDeliveryEntity {
  /** `<event id>@<endpoint id>`; also the `webhook-id` header, the same on every attempt. */
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'endpoint_id', type: 'uuid' }) endpointId!: string;
  @Column({ name: 'event_id', type: 'text' }) eventId!: string;
  @Column({ name: 'event_type', type: 'text' }) eventType!: string;
  @Column({ name: 'process_number', type: 'text' }) processNumber!: string;
  /** The body posted: `{ id, type, occurredAt, data }`. */
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'text', default: 'pending' }) status!: WebhookDeliveryStatus;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true }) lastAttemptAt!: Date | null;
  @Column({ name: 'last_status_code', type: 'integer', nullable: true }) lastStatusCode!: number | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true }) dispatchedAt!: Date | null;
}

/** Each attempt of a delivery: the endpoint's delivery log. */
@Entity('webhook_attempts')
export class WebhookAttemptEntity {
  @PrimaryColumn({ name: 'delivery_id', type: 'text' }) deliveryId!: string;
  @PrimaryColumn({ type: 'integer' }) attempt!: number;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ name: 'status_code', type: 'integer', nullable: true }) statusCode!: number | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ name: 'duration_ms', type: 'integer' }) durationMs!: number;
}
