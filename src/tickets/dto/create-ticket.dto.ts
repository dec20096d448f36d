import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { GuideAnswerDto } from '../../catalog/dto/request-item.dto';
import { REQUEST_KINDS } from '../../../machines/sla/sla-policy';
import type { RequestKind } from '../../../machines/sla/sla-policy';
import { IMPACTS, LEVEL_CODE, URGENCIES } from '../../../machines/priority';
import { TICKET_TYPES } from '../../../machines/ticket.types';
import type { TicketType } from '../../../machines/ticket.types';

export const CHANNELS = ['portal', 'api', 'mail', 'phone', 'monitor'] as const;
export type Channel = (typeof CHANNELS)[number];

export class CreateTicketDto {
  @ApiProperty({ enum: TICKET_TYPES, description: 'incident or request; an agent may reclassify later' })
  @IsIn(TICKET_TYPES)
  type!: TicketType;

  @ApiProperty({ example: 'Cannot print', minLength: 3, maxLength: 200 })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: 'Nothing happens when I print from Word.', minLength: 1, maxLength: 20000 })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  description!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiProperty({
    example: 'department',
    pattern: LEVEL_CODE.source,
    description: `an impact level of the priority matrix the ticket's SLA policy follows (GET /sla/priority-matrices; 422 otherwise). Seed 003's: ${IMPACTS.join(', ')}`,
  })
  @Matches(LEVEL_CODE)
  impact!: string;

  @ApiProperty({
    example: 'today',
    pattern: LEVEL_CODE.source,
    description: `an urgency level of that matrix (422 otherwise). Seed 003's: ${URGENCIES.join(', ')}`,
  })
  @Matches(LEVEL_CODE)
  urgency!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'staff only: the user the ticket is for (phone, walk-in)' })
  @IsOptional()
  @IsUUID()
  requesterId?: string;

  @ApiPropertyOptional({ enum: REQUEST_KINDS, description: 'seed 004: fault report (response 4 h), user change (8 h), on-site work (7 working days)' })
  @IsOptional()
  @IsIn(REQUEST_KINDS)
  requestKind?: RequestKind;

  @ApiPropertyOptional({ format: 'date-time', description: 'staff only: when the user reported it (a phone call logged later), within the last 30 days; SLA clocks start here' })
  @IsOptional()
  @IsISO8601({ strict: true })
  reportedAt?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 10,
    example: ['INC-000042'],
    description: 'earlier tickets this one follows up (e.g. a Closed one); each must exist and be the caller’s to read (422, field references)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  references?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'the service catalog’s request item asked for (GET /catalog/items): its team, SLA, approval and form apply' })
  @IsOptional()
  @IsUUID()
  requestItemId?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    maxProperties: 50,
    example: { printer: 'P-3.14', onSite: true },
    description: 'the request item’s form, answered: field key -> answer (422 naming each missing or wrong field); they become the ticket’s Additional Questions',
  })
  @IsOptional()
  @IsObject()
  answers?: Record<string, unknown>;

  @ApiPropertyOptional({ type: [GuideAnswerDto], maxItems: 100, description: 'an item with a guide: the answers that led to "create" (POST /catalog/items/{id}/guide)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => GuideAnswerDto)
  guideAnswers?: GuideAnswerDto[];

  @ApiPropertyOptional({ enum: CHANNELS, default: 'api' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;
}
