// An SLA policy as the API reads and writes it: the shape is checked here (400 naming the field);
// what the shape means (a known time zone, HH:MM hours in order, targets for every priority) is
// the machine's validateCalendar / validatePolicy (422), as before.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateBy, ValidateNested } from 'class-validator';
import type { BusinessCalendar, CalendarHolidays, OpeningHours, WeeklyHours } from '../../../machines/calendar/business-calendar';
import type { OnCallService, RequestKind, SlaPolicy, SlaTargets } from '../../../machines/sla/sla-policy';

/**
 * The longest target: a year of business time. Deadlines are found by walking business periods,
 * so a target has to end somewhere a walk reaches quickly.
 */
export const MAX_TARGET_MS = 365 * 24 * 3600_000;

const TARGET = { type: 'integer', minimum: 1, maximum: MAX_TARGET_MS } as const;

export class SlaTargetsDto implements SlaTargets {
  @ApiProperty({ ...TARGET, description: 'business time until work begins or the user gets a first answer' })
  @IsInt() @Min(1) @Max(MAX_TARGET_MS) firstResponseMs!: number;

  @ApiProperty({ ...TARGET, description: 'business time until the dispatcher and team lead are alerted if still open' })
  @IsInt() @Min(1) @Max(MAX_TARGET_MS) escalationMs!: number;

  @ApiProperty({ ...TARGET, description: 'business time until the ticket is Resolved' })
  @IsInt() @Min(1) @Max(MAX_TARGET_MS) resolutionMs!: number;
}

export class PartialSlaTargetsDto implements Partial<SlaTargets> {
  @ApiPropertyOptional(TARGET) @IsOptional() @IsInt() @Min(1) @Max(MAX_TARGET_MS) firstResponseMs?: number;
  @ApiPropertyOptional(TARGET) @IsOptional() @IsInt() @Min(1) @Max(MAX_TARGET_MS) escalationMs?: number;
  @ApiPropertyOptional(TARGET) @IsOptional() @IsInt() @Min(1) @Max(MAX_TARGET_MS) resolutionMs?: number;
}

/** Seed 004: a kind of work overrides some of a priority's targets. */
export class RequestKindTargetsDto implements Partial<Record<RequestKind, Partial<SlaTargets>>> {
  @ApiPropertyOptional({ type: PartialSlaTargetsDto, description: 'fault report (seed 004: response within 4 h)' })
  @IsOptional() @ValidateNested() @Type(() => PartialSlaTargetsDto) faultReport?: PartialSlaTargetsDto;

  @ApiPropertyOptional({ type: PartialSlaTargetsDto, description: 'user change (8 h)' })
  @IsOptional() @ValidateNested() @Type(() => PartialSlaTargetsDto) userChange?: PartialSlaTargetsDto;

  @ApiPropertyOptional({ type: PartialSlaTargetsDto, description: 'on-site work (7 working days)' })
  @IsOptional() @ValidateNested() @Type(() => PartialSlaTargetsDto) onSiteWork?: PartialSlaTargetsDto;
}

const TARGETS_KEY = /^[A-Za-z0-9_-]{1,20}$/;
const TARGETS_FIELDS = ['firstResponseMs', 'escalationMs', 'resolutionMs'];
const isTarget = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_TARGET_MS;

/** Targets by priority code: class-validator does not validate the values of a plain object map. */
export const IsTargetsMap = () =>
  ValidateBy({
    name: 'isTargetsMap',
    validator: {
      validate: (value: unknown) =>
        !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length <= 20 &&
        Object.entries(value).every(
          ([code, t]) =>
            TARGETS_KEY.test(code) && !!t && typeof t === 'object' && !Array.isArray(t) &&
            Object.keys(t).length === TARGETS_FIELDS.length && TARGETS_FIELDS.every((f) => isTarget((t as Record<string, unknown>)[f])),
        ),
      defaultMessage: () =>
        `targets must map at most 20 priority codes to { ${TARGETS_FIELDS.join(', ')} }, each a whole number of milliseconds from 1 to ${MAX_TARGET_MS}`,
    },
  });

const HH_MM = '^([01][0-9]|2[0-4]):[0-5][0-9]$';

/** A day's opening hours: pairs of strings; what they say (HH:MM, in order) is validateCalendar's. */
const IsOpeningHours = () =>
  ValidateBy({
    name: 'isOpeningHours',
    validator: {
      validate: (value: unknown) =>
        Array.isArray(value) && value.length <= 12 &&
        value.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((t) => typeof t === 'string' && t.length <= 5)),
      defaultMessage: () => 'opening hours must be a list of at most 12 ["HH:MM", "HH:MM"] pairs',
    },
  });

const DAY = {
  type: 'array',
  maxItems: 12,
  items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'string', pattern: HH_MM } },
  example: [['08:00', '16:00']],
  description: '[opens, closes] pairs, local time; [] for a closed day',
} as const;

export class WeeklyHoursDto implements WeeklyHours {
  @ApiProperty(DAY) @IsOpeningHours() mon!: readonly OpeningHours[];
  @ApiProperty(DAY) @IsOpeningHours() tue!: readonly OpeningHours[];
  @ApiProperty(DAY) @IsOpeningHours() wed!: readonly OpeningHours[];
  @ApiProperty(DAY) @IsOpeningHours() thu!: readonly OpeningHours[];
  @ApiProperty(DAY) @IsOpeningHours() fri!: readonly OpeningHours[];
  @ApiProperty(DAY) @IsOpeningHours() sat!: readonly OpeningHours[];
  @ApiProperty(DAY) @IsOpeningHours() sun!: readonly OpeningHours[];
}

export class CalendarHolidaysDto implements CalendarHolidays {
  @ApiPropertyOptional({ type: 'string', isArray: true, maxItems: 400, example: ['12-25'], description: 'MM-DD, closed every year' })
  @IsOptional() @IsArray() @ArrayMaxSize(400) @IsString({ each: true }) @MaxLength(10, { each: true }) yearly?: readonly string[];

  @ApiPropertyOptional({ type: 'string', isArray: true, maxItems: 400, example: ['2026-04-02'], description: 'YYYY-MM-DD, closed once' })
  @IsOptional() @IsArray() @ArrayMaxSize(400) @IsString({ each: true }) @MaxLength(10, { each: true }) dates?: readonly string[];
}

export class BusinessCalendarDto implements BusinessCalendar {
  @ApiProperty({ example: 'default', maxLength: 100 }) @IsString() @MaxLength(100) id!: string;
  @ApiProperty({ example: 'Office hours', maxLength: 200 }) @IsString() @MaxLength(200) name!: string;
  @ApiProperty({ example: 'Europe/Copenhagen', maxLength: 100, description: 'an IANA time zone' }) @IsString() @MaxLength(100) timeZone!: string;

  @ApiPropertyOptional({ type: WeeklyHoursDto, description: 'opening hours per weekday; absent on a 24x7 calendar' })
  @IsOptional() @ValidateNested() @Type(() => WeeklyHoursDto) week?: WeeklyHoursDto;

  @ApiPropertyOptional({ type: CalendarHolidaysDto })
  @IsOptional() @ValidateNested() @Type(() => CalendarHolidaysDto) holidays?: CalendarHolidaysDto;

  @ApiPropertyOptional({ description: '24x7: every instant is business time (then week and holidays must be absent)' })
  @IsOptional() @IsBoolean() alwaysOpen?: boolean;
}

export class OnCallServiceDto implements OnCallService {
  @ApiProperty({ type: [String], maxItems: 20, example: ['P1'], description: 'priorities whose clocks run 24x7 and alert the on-call contact at once' })
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(20, { each: true }) priorities!: string[];

  @ApiProperty({ example: 'oncall@example.edu', maxLength: 320, description: 'a mail address or a user id' })
  @IsString() @MaxLength(320) contact!: string;
}

export class SlaPolicyDto implements SlaPolicy {
  @ApiProperty({ example: 'standard' }) code!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ example: 'seed-003', description: 'the priority matrix the targets follow (absent: seed-003, a policy from before matrices)' }) priorityMatrix?: string;
  @ApiProperty({ type: BusinessCalendarDto }) calendar!: BusinessCalendarDto;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/SlaTargetsDto' }, description: 'targets per priority level, most urgent first' })
  targets!: Record<string, SlaTargetsDto>;
  @ApiProperty({ type: RequestKindTargetsDto, description: 'per request kind: overrides of the targets' }) requestKinds!: RequestKindTargetsDto;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'share of a target after which the team is warned' }) warningShare!: number;
  @ApiProperty({ description: 'on a resolution breach, raise the ticket’s priority one level' }) raisePriorityOnBreach!: boolean;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'how long a user’s message waits at most for an agent (the Update flag’s SLA)' })
  updateFlagTargetMs!: number;
  @ApiProperty({ type: OnCallServiceDto, nullable: true }) onCall!: OnCallServiceDto | null;
}

