import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

export const ALERT_STATUSES = ['firing', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const SEVERITIES = ['critical', 'major', 'warning', 'minor', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A monitor's alert (seed 004's Netmonitor, REQUIREMENTS 9). */
export class AlertDto {
  @ApiProperty({ example: 'netmonitor', minLength: 1, maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) source!: string;
  @ApiProperty({ example: 'switch-1530-2.3-down', minLength: 1, maxLength: 300, description: 'the same fingerprint is the same alert' })
  @IsString() @MinLength(1) @MaxLength(300) fingerprint!: string;
  @ApiProperty({ enum: SEVERITIES }) @IsIn(SEVERITIES) severity!: Severity;
  @ApiProperty({ example: 'Campus network', minLength: 1, maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) service!: string;
  @ApiProperty({ example: 'Switch 1530-2.3 does not answer', minLength: 1, maxLength: 1000 }) @IsString() @MinLength(1) @MaxLength(1000) summary!: string;
  @ApiProperty({ enum: ALERT_STATUSES }) @IsIn(ALERT_STATUSES) status!: AlertStatus;
}

const LABELS = { type: 'object', additionalProperties: { type: 'string' } } as const;

/** One alert of a Prometheus Alertmanager webhook, as Alertmanager sends it. */
export class AlertmanagerAlertDto {
  @ApiProperty({ enum: ALERT_STATUSES }) @IsIn(ALERT_STATUSES) status!: AlertStatus;
  @ApiProperty({ ...LABELS, description: 'severity, service (or job, instance) and alertname are read' }) @IsObject() labels!: Record<string, string>;
  @ApiPropertyOptional({ ...LABELS, description: 'summary (or description) is read' }) @IsOptional() @IsObject() annotations?: Record<string, string>;
  @ApiPropertyOptional({ description: 'default: a hash of the labels' }) @IsOptional() @IsString() fingerprint?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsString() startsAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsString() endsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() generatorURL?: string;
}

/** The Alertmanager webhook payload (version 4) as Alertmanager sends it, every documented field. */
export class AlertmanagerWebhookDto {
  @ApiPropertyOptional({ example: '4' }) @IsOptional() @IsString() version?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() groupKey?: string;
  // Not type-checked: an alert is never refused for a counter the intake does not read.
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) @IsOptional() truncatedAlerts?: number;
  @ApiPropertyOptional({ enum: ALERT_STATUSES }) @IsOptional() @IsString() status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() receiver?: string;
  @ApiPropertyOptional(LABELS) @IsOptional() @IsObject() groupLabels?: Record<string, string>;
  @ApiPropertyOptional(LABELS) @IsOptional() @IsObject() commonLabels?: Record<string, string>;
  @ApiPropertyOptional(LABELS) @IsOptional() @IsObject() commonAnnotations?: Record<string, string>;
  @ApiPropertyOptional() @IsOptional() @IsString() externalURL?: string;
  @ApiProperty({ type: [AlertmanagerAlertDto], description: 'each becomes an alert of ours, in order' })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AlertmanagerAlertDto)
  alerts!: AlertmanagerAlertDto[];
}

/** What one posted alert did. */
export class AlertReceiptDto {
  @ApiProperty() fingerprint!: string;
  @ApiProperty({ enum: ALERT_STATUSES }) status!: AlertStatus;
  @ApiProperty({ type: 'string', nullable: true, example: 'INC-000001', description: 'the incident, once it exists (a concurrent first post may still be opening it)' })
  ticketNumber!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'posts of this alert while open' }) occurrences!: number;
  @ApiProperty({ description: 'this post opened the incident' }) createdIncident!: boolean;
  @ApiProperty({ description: 'more state changes than the flap threshold within the window: the incident is held open' }) flapping!: boolean;
  @ApiPropertyOptional({ description: 'true: a resolved alert for a fingerprint with no open incident changed nothing' }) ignored?: boolean;
}

/** An alert behind an incident. */
export class MonitorAlertDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fingerprint!: string;
  @ApiProperty() source!: string;
  @ApiProperty() service!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: Severity;
  @ApiProperty() summary!: string;
  @ApiProperty({ enum: ALERT_STATUSES, description: 'as last posted' }) status!: AlertStatus;
  @ApiProperty({ type: 'integer', minimum: 1 }) occurrences!: number;
  @ApiProperty({ format: 'date-time' }) firstSeen!: string;
  @ApiProperty({ format: 'date-time' }) lastSeen!: string;
  @ApiProperty() flapping!: boolean;
  @ApiProperty({ description: 'false once its incident closed: the next firing opens a new one' }) open!: boolean;
}
