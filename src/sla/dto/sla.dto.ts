import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { CLOCK_NAMES, STANDARD_SLA, type SlaPolicy } from '../../../machines/sla/sla-policy';
import type { ClockName } from '../../../machines/sla/sla-policy';
import { TICKET_STATUSES } from '../../../machines/ticket.types';
import type { TicketStatus } from '../../../machines/ticket.types';
import { BusinessCalendarDto, IsTargetsMap, MAX_TARGET_MS, OnCallServiceDto, RequestKindTargetsDto, SlaTargetsDto } from './sla-policy.dto';

export const POLICY_CODE = /^[a-z0-9][a-z0-9-]{1,40}$/;

/** The next version of a policy; what is left out is the standard policy's (warningShare 0.75, no raise, 8 h, no on-call). */
export class PublishSlaPolicyDto {
  @ApiProperty({ example: 'standard', pattern: POLICY_CODE.source, description: 'the policy; publishing adds its next version' })
  @Matches(POLICY_CODE)
  code!: string;

  @ApiProperty({ maxLength: 200 }) @IsString() @MaxLength(200) name!: string;

  @ApiPropertyOptional({ example: 'dansupport', pattern: POLICY_CODE.source, default: 'seed-003', description: 'the priority matrix (GET /sla/priority-matrices) whose levels the targets are for' })
  @IsOptional()
  @Matches(POLICY_CODE)
  priorityMatrix?: string;

  @ApiProperty({ type: BusinessCalendarDto, description: 'business calendar: timeZone, week (mon..sun: [["08:00","16:00"]]), holidays, or alwaysOpen' })
  @ValidateNested()
  @Type(() => BusinessCalendarDto)
  calendar!: BusinessCalendarDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/SlaTargetsDto' },
    maxProperties: 20,
    description: 'per priority level of the matrix (a level left out gets the matrix’s own times; a code the matrix lacks is 422): firstResponseMs, escalationMs, resolutionMs (business time)',
  })
  @IsTargetsMap()
  targets!: Record<string, SlaTargetsDto>;

  @ApiPropertyOptional({ type: RequestKindTargetsDto, description: 'per request kind: overrides of the targets (default none)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RequestKindTargetsDto)
  requestKinds?: RequestKindTargetsDto;

  @ApiPropertyOptional({ default: 0.75, minimum: 0.05, maximum: 0.99 }) @IsOptional() @IsNumber() @Min(0.05) @Max(0.99) warningShare?: number;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() raisePriorityOnBreach?: boolean;
  @ApiPropertyOptional({ default: 28_800_000, type: 'integer', minimum: 60_000, maximum: MAX_TARGET_MS })
  @IsOptional() @IsInt() @Min(60_000) @Max(MAX_TARGET_MS) updateFlagTargetMs?: number;

  @ApiPropertyOptional({ type: OnCallServiceDto, nullable: true, description: 'default null: no on-call service' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @ValidateNested()
  @Type(() => OnCallServiceDto)
  onCall?: OnCallServiceDto | null;
}

export class EscalationsQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() team?: string;
  @ApiPropertyOptional({ default: 120, type: 'integer', minimum: 0, maximum: 60 * 24 * 30, description: 'deadlines within this many minutes (past ones always)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(60 * 24 * 30)
  withinMinutes: number = 120;
}

export class SlaReportQuery {
  @ApiProperty({ format: 'date-time', example: '2026-11-01T00:00:00Z', description: 'tickets opened from (inclusive)' }) @IsISO8601() from!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T00:00:00Z', description: 'up to (exclusive); after from (422 otherwise)' }) @IsISO8601() to!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() team?: string;
  @ApiPropertyOptional({ example: 'P2' }) @IsOptional() @IsString() priority?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() category?: string;
}

export class EscalationTeamDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

/** A running clock past or near its deadline (SlaReportsService.escalations). */
export class EscalationRowDto {
  @ApiProperty({ example: 'INC-000001' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'P2' }) priority!: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: TicketStatus;
  @ApiProperty({ type: EscalationTeamDto, nullable: true }) team!: EscalationTeamDto | null;
  @ApiProperty({ type: 'string', nullable: true }) assigneeName!: string | null;
  @ApiProperty({ enum: CLOCK_NAMES }) clock!: ClockName;
  @ApiProperty({ format: 'date-time' }) deadline!: string;
  @ApiProperty({ type: 'integer', description: 'negative once past the deadline' }) minutesLeft!: number;
  @ApiProperty() warned!: boolean;
  @ApiProperty() breached!: boolean;
}

/** SLA compliance for one team, priority and category (SlaReportsService.report); null where nothing counts yet. */
export class SlaReportRowDto {
  @ApiProperty({ description: 'the team name, or "(no team)"' }) team!: string;
  @ApiProperty({ example: 'P2' }) priority!: string;
  @ApiProperty({ description: 'the category name, or "(no category)"' }) category!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) tickets!: number;
  @ApiProperty({ type: 'number', nullable: true, minimum: 0, maximum: 100 }) firstResponseMetPct!: number | null;
  @ApiProperty({ type: 'number', nullable: true, minimum: 0, maximum: 100 }) resolutionMetPct!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) medianResponseBusinessMinutes!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) p90ResponseBusinessMinutes!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) medianResolutionBusinessMinutes!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) p90ResolutionBusinessMinutes!: number | null;
  @ApiProperty({ type: 'number', nullable: true, minimum: 0, maximum: 100, description: 'resolved with no handover to another team and no reopen' })
  firstContactResolutionPct!: number | null;
}

/**
 * The policy a publish (or a policy-change preview) body describes: what it leaves out is the
 * standard policy's, named one by one, as an absent optional field of the DTO is an own property
 * holding undefined and would hide the default in a spread.
 */
export function draftOf(dto: PublishSlaPolicyDto): Omit<SlaPolicy, 'version'> {
  return {
    code: dto.code,
    name: dto.name,
    ...(dto.priorityMatrix ? { priorityMatrix: dto.priorityMatrix } : {}),
    calendar: dto.calendar,
    targets: dto.targets,
    requestKinds: dto.requestKinds ?? {},
    warningShare: dto.warningShare ?? STANDARD_SLA.warningShare,
    raisePriorityOnBreach: dto.raisePriorityOnBreach ?? STANDARD_SLA.raisePriorityOnBreach,
    updateFlagTargetMs: dto.updateFlagTargetMs ?? STANDARD_SLA.updateFlagTargetMs,
    onCall: dto.onCall ?? null,
  };
}
