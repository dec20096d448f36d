import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

export const ALERT_STATUSES = ['firing', 'resolved'] as const;
export const SEVERITIES = ['critical', 'major', 'warning', 'minor', 'info'] as const;

/** A monitor's alert (seed 004's Netmonitor, REQUIREMENTS 9). */
export class AlertDto {
  @ApiProperty({ example: 'netmonitor' }) @IsString() @MinLength(1) @MaxLength(100) source!: string;
  @ApiProperty({ example: 'switch-1530-2.3-down', description: 'the same fingerprint is the same alert' })
  @IsString() @MinLength(1) @MaxLength(300) fingerprint!: string;
  @ApiProperty({ enum: SEVERITIES }) @IsIn(SEVERITIES) severity!: (typeof SEVERITIES)[number];
  @ApiProperty({ example: 'Campus network' }) @IsString() @MinLength(1) @MaxLength(200) service!: string;
  @ApiProperty({ example: 'Switch 1530-2.3 does not answer' }) @IsString() @MinLength(1) @MaxLength(1000) summary!: string;
  @ApiProperty({ enum: ALERT_STATUSES }) @IsIn(ALERT_STATUSES) status!: (typeof ALERT_STATUSES)[number];
}

/** One alert of a Prometheus Alertmanager webhook, as Alertmanager sends it. */
export class AlertmanagerAlertDto {
  @ApiProperty({ enum: ALERT_STATUSES }) @IsIn(ALERT_STATUSES) status!: (typeof ALERT_STATUSES)[number];
  @ApiProperty() @IsObject() labels!: Record<string, string>;
  @ApiPropertyOptional() @IsOptional() @IsObject() annotations?: Record<string, string>;
  @ApiPropertyOptional() @IsOptional() @IsString() fingerprint?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() startsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() endsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() generatorURL?: string;
}

/** The Alertmanager webhook payload (version 4) as Alertmanager sends it, every documented field. */
export class AlertmanagerWebhookDto {
  @ApiPropertyOptional() @IsOptional() @IsString() version?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() groupKey?: string;
  @ApiPropertyOptional() @IsOptional() truncatedAlerts?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() receiver?: string;
  @ApiPropertyOptional() @IsOptional() @IsObject() groupLabels?: Record<string, string>;
  @ApiPropertyOptional() @IsOptional() @IsObject() commonLabels?: Record<string, string>;
  @ApiPropertyOptional() @IsOptional() @IsObject() commonAnnotations?: Record<string, string>;
  @ApiPropertyOptional() @IsOptional() @IsString() externalURL?: string;
  @ApiProperty({ type: [AlertmanagerAlertDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AlertmanagerAlertDto)
  alerts!: AlertmanagerAlertDto[];
}
