import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import type { BusinessCalendar } from '../../../machines/calendar/business-calendar';
import type { OnCallService, RequestKind, SlaTargets } from '../../../machines/sla/sla-policy';

export class PublishSlaPolicyDto {
  @ApiProperty({ example: 'standard', description: 'the policy; publishing adds its next version' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,40}$/)
  code!: string;

  @ApiProperty() @IsString() name!: string;

  @ApiProperty({ description: 'business calendar: timeZone, week (mon..sun: [["08:00","16:00"]]), holidays, or alwaysOpen' })
  @IsObject()
  calendar!: BusinessCalendar;

  @ApiProperty({ description: 'per priority code: firstResponseMs, escalationMs, resolutionMs (business time)' })
  @IsObject()
  targets!: Record<string, SlaTargets>;

  @ApiPropertyOptional({ description: 'per request kind: overrides of the targets' })
  @IsOptional()
  @IsObject()
  requestKinds?: Partial<Record<RequestKind, Partial<SlaTargets>>>;

  @ApiPropertyOptional({ default: 0.75 }) @IsOptional() @IsNumber() @Min(0.05) @Max(0.99) warningShare?: number;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() raisePriorityOnBreach?: boolean;
  @ApiPropertyOptional({ default: 28_800_000 }) @IsOptional() @IsInt() @Min(60_000) updateFlagTargetMs?: number;
  @ApiPropertyOptional({ description: '{ priorities: ["P1"], contact: "oncall@example.edu" }' }) @IsOptional() @IsObject() onCall?: OnCallService | null;
}

export class EscalationsQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() team?: string;
  @ApiPropertyOptional({ default: 120, description: 'deadlines within this many minutes (past ones always)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(60 * 24 * 30)
  withinMinutes: number = 120;
}

export class SlaReportQuery {
  @ApiProperty({ example: '2026-11-01T00:00:00Z' }) @IsISO8601() from!: string;
  @ApiProperty({ example: '2026-12-01T00:00:00Z' }) @IsISO8601() to!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() team?: string;
  @ApiPropertyOptional({ example: 'P2' }) @IsOptional() @IsString() priority?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() category?: string;
}
