import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TICKET_COMMANDS, TICKET_STATUSES } from '../../../machines/ticket.types';
import type { JournalKind, PendingReason, TicketCommandType, TicketStatus, TicketType, Visibility } from '../../../machines/ticket.types';

export class RefDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class PriorityDto {
  @ApiProperty({ example: 'P3' }) code!: string;
  @ApiProperty({ example: 'NORMAL' }) name!: string;
  @ApiProperty({ example: 8 }) score!: number;
}

export class JournalEntryDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ enum: ['event', 'note', 'comment'] }) kind!: JournalKind;
  @ApiProperty({ enum: ['internal', 'public'] }) visibility!: Visibility;
  @ApiProperty() authorId!: string;
  @ApiProperty() text!: string;
  @ApiProperty() pinned!: boolean;
  @ApiProperty() at!: string;
}

export class NotificationDto {
  @ApiProperty() id!: string;
  @ApiProperty() recipientId!: string;
  @ApiProperty() template!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty() at!: string;
}

export class PendingDto {
  @ApiProperty({ enum: ['awaitingUser', 'awaitingVendor'] }) reason!: PendingReason;
  @ApiProperty() text!: string;
}

export class TicketListItemDto {
  @ApiProperty({ example: 'INC-000001' }) number!: string;
  @ApiProperty({ enum: ['incident', 'request'] }) type!: TicketType;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: TicketStatus;
  @ApiProperty() priority!: PriorityDto;
  @ApiPropertyOptional({ type: RefDto, nullable: true }) team!: RefDto | null;
  @ApiPropertyOptional({ type: RefDto, nullable: true }) assignee!: RefDto | null;
  @ApiProperty() requesterId!: string;
  @ApiProperty() updateFlag!: boolean;
  @ApiProperty() attentionFlag!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class TicketViewDto extends TicketListItemDto {
  @ApiProperty() description!: string;
  @ApiPropertyOptional({ type: RefDto, nullable: true }) category!: RefDto | null;
  @ApiProperty() impact!: string;
  @ApiProperty() urgency!: string;
  @ApiProperty() channel!: string;
  @ApiPropertyOptional({ type: PendingDto, nullable: true }) pending!: PendingDto | null;
  @ApiPropertyOptional({ nullable: true }) resolution!: string | null;
  @ApiPropertyOptional({ nullable: true }) resolvedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) closedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'when a Resolved ticket closes itself' }) closesAt!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [JournalEntryDto], description: 'end users see public entries only' }) journal!: JournalEntryDto[];
  @ApiProperty({ type: [NotificationDto] }) notifications!: NotificationDto[];
  @ApiPropertyOptional({ description: 'agents only: the SLA policy and each clock (target, elapsed, remaining, deadline, segments)', nullable: true })
  sla?: unknown;
  @ApiPropertyOptional({ description: 'agents only: escalation chain, Additional Questions and answers, vendor ticket, lock', nullable: true })
  handling?: unknown;
  @ApiPropertyOptional({ description: 'the major incident this incident is linked to (number, title, stage)', nullable: true })
  majorIncident?: { number: string; title: string; stage: string } | null;
  @ApiProperty({ enum: TICKET_COMMANDS, isArray: true, description: 'what the caller may do now, from the machine' })
  allowedCommands!: TicketCommandType[];
}

export class TicketPageDto {
  @ApiProperty({ type: [TicketListItemDto] }) items!: TicketListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
