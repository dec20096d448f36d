import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../webhook-events';

export class RegisterWebhookDto {
  @ApiProperty({ maxLength: 2000, example: 'https://hooks.example.edu/itsm', description: 'http or https; the events are POSTed to it' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, minItems: 1, description: 'the event types this endpoint receives' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes!: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: 500, description: 'what it is for (shown to admins)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true, minItems: 1 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes?: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: 'false pauses it; true enables it again (also after it was disabled for failing), with its failure count reset' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookDeliveryCountsDto {
  @ApiProperty({ type: 'integer' }) pending!: number;
  @ApiProperty({ type: 'integer' }) delivered!: number;
  @ApiProperty({ type: 'integer' }) failed!: number;
  @ApiProperty({ type: 'integer' }) cancelled!: number;
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) eventTypes!: WebhookEventType[];
  @ApiProperty({ description: 'false once an admin paused it or it was disabled for failing (disabledReason says which)' }) enabled!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'integer', description: 'failed attempts since the last delivered one' }) consecutiveFailures!: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) failingSince!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) lastSuccessAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) disabledAt!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) disabledReason!: string | null;
  @ApiProperty({ type: WebhookDeliveryCountsDto }) deliveries!: WebhookDeliveryCountsDto;
}

export class RegisteredWebhookDto extends WebhookDto {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'the signing secret (Standard Webhooks): shown in this answer only' }) secret!: string;
}

export class WebhookAttemptDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) attempt!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the endpoint’s HTTP status; null when it did not answer' }) statusCode!: number | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'why it did not count as delivered' }) error!: string | null;
  @ApiProperty({ type: 'integer' }) durationMs!: number;
}

export class WebhookDeliveryDto {
  @ApiProperty({ example: 'INC-000001#3:ticket.status_changed@6f1c…', description: 'also the webhook-id header (the same on every attempt: dedupe by it)' }) id!: string;
  @ApiProperty({ example: 'INC-000001#3:ticket.status_changed' }) eventId!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) eventType!: string;
  @ApiProperty({ example: 'INC-000001' }) number!: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed', 'cancelled'] }) status!: string;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty({ type: 'integer', nullable: true }) lastStatusCode!: number | null;
  @ApiProperty({ type: 'string', nullable: true }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the body posted: { id, type, occurredAt, data }' }) payload!: Record<string, unknown>;
  @ApiProperty({ type: [WebhookAttemptDto] }) log!: WebhookAttemptDto[];
}

export class WebhookIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class DeliveryLogQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500, type: 'integer' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit: number = 50;
}
