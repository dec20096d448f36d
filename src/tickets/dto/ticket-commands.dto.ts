// Bodies of the ticket command endpoints. Shape only: the rules (who, when, what a text must
// say) are the machine's.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PENDING_REASONS, TICKET_TYPES } from '../../../machines/ticket.types';
import type { PendingReason, TicketType } from '../../../machines/ticket.types';

export class AssignToTeamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  teamId!: string;
}

export class AssignToAgentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  agentId!: string;
}

export class TextDto {
  @ApiProperty()
  @IsString()
  @MaxLength(20000)
  text!: string;
}

export class OptionalTextDto {
  @ApiPropertyOptional({ description: 'why, in a sentence' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  text?: string;
}

export class SetPendingDto extends TextDto {
  @ApiProperty({ enum: PENDING_REASONS })
  @IsIn(PENDING_REASONS)
  reason!: PendingReason;
}

export class ReclassifyDto extends OptionalTextDto {
  @ApiProperty({ enum: TICKET_TYPES })
  @IsIn(TICKET_TYPES)
  ticketType!: TicketType;
}

export class OverridePriorityDto {
  @ApiProperty({ example: 'P2', description: 'a priority code of the ticket’s SLA policy' })
  @IsString()
  @MaxLength(20)
  priority!: string;

  @ApiProperty({ description: 'why the computed priority is overridden (journaled)' })
  @IsString()
  @MaxLength(2000)
  text!: string;
}

export class ResolveDto {
  @ApiProperty({ description: 'resolution details; sent to the user in the "Dear user" mail' })
  @IsString()
  @MaxLength(20000)
  resolution!: string;
}
