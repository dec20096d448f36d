import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { TICKET_STATUSES, TICKET_TYPES } from '../../../machines/ticket.types';
import type { TicketStatus, TicketType } from '../../../machines/ticket.types';
import { PageQuery } from '../../http/page.query';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListTicketsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'the team that has it' }) @IsOptional() @IsUUID() team?: string;
  @ApiPropertyOptional({ enum: TICKET_STATUSES }) @IsOptional() @IsIn(TICKET_STATUSES) status?: TicketStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assignee?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() requester?: string;
  @ApiPropertyOptional({ example: 'P2', description: 'a priority code' }) @IsOptional() @IsString() priority?: string;
  @ApiPropertyOptional({ enum: TICKET_TYPES }) @IsOptional() @IsIn(TICKET_TYPES) type?: TicketType;
  @ApiPropertyOptional({ type: 'boolean' }) @IsOptional() @Transform(toBoolean) @IsBoolean() updateFlag?: boolean;
  @ApiPropertyOptional({ type: 'boolean' }) @IsOptional() @Transform(toBoolean) @IsBoolean() attentionFlag?: boolean;
  @ApiPropertyOptional({ description: 'words in the number, title or description' }) @IsOptional() @IsString() q?: string;
}
