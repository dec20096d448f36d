import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { TICKET_STATUSES } from '../../../machines/ticket.types';
import type { TicketStatus } from '../../../machines/ticket.types';
import { TicketListItemDto } from '../../tickets/dto/ticket-view.dto';
import { PageQuery } from '../../http/page.query';

export class TeamQueueParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() teamId!: string;
}

export class StatusQueueParams {
  @ApiProperty({ enum: TICKET_STATUSES }) @IsIn(TICKET_STATUSES) status!: TicketStatus;
}

export class AgentQueueParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() agentId!: string;
}


export class UpdateFlagQuery extends PageQuery {
  @ApiPropertyOptional({ default: 60, type: 'integer', minimum: 0, maximum: 60 * 24 * 365, description: 'flags raised longer ago than this many minutes' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60 * 24 * 365)
  olderThanMinutes: number = 60;

  @ApiPropertyOptional({ format: 'uuid', description: 'only this team’s tickets' }) @IsOptional() @IsUUID() team?: string;
}

export class QueueItemDto extends TicketListItemDto {
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'the earliest deadline of a running SLA clock' }) slaNextDeadline!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'since when the Update flag is set' }) updateFlagSince!: string | null;
}

export class QueuePageDto {
  @ApiProperty({ type: [QueueItemDto] }) items!: QueueItemDto[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'tickets in the whole queue, counted up to 10,000 (QUEUE_COUNT_CAP): see totalExact' }) total!: number;
  @ApiProperty({ description: 'false when the queue holds more tickets than it counts (10,000): total is then that cap, shown as "10000+", and pages go on beyond it' })
  totalExact!: boolean;
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 200 }) pageSize!: number;
}
