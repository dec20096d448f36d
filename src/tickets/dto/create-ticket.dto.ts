import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { REQUEST_KINDS } from '../../../machines/sla/sla-policy';
import type { RequestKind } from '../../../machines/sla/sla-policy';
import { IMPACTS, URGENCIES } from '../../../machines/priority';
import type { Impact, Urgency } from '../../../machines/priority';
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

  @ApiProperty({ enum: IMPACTS, description: 'seed 003: one or two workplaces .. several sites' })
  @IsIn(IMPACTS)
  impact!: Impact;

  @ApiProperty({ enum: URGENCIES, description: 'seed 003: how long can the user wait' })
  @IsIn(URGENCIES)
  urgency!: Urgency;

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

  @ApiPropertyOptional({ enum: CHANNELS, default: 'api' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;
}
