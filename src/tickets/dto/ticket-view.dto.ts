// What the ticket endpoints answer. The mappers (ticket-view.mapper.ts, TicketsService) return
// these classes, so the compiler keeps them and the document in step with what is sent.
import { ApiProperty } from '@nestjs/swagger';
import { MI_STAGES } from '../../../machines/major-incident.types';
import type { MiStage } from '../../../machines/major-incident.types';
import { PENDING_REASONS, TICKET_COMMANDS, TICKET_STATUSES, TICKET_TYPES } from '../../../machines/ticket.types';
import type {
  EscalationStep,
  JournalKind,
  PendingReason,
  TaskLink,
  TicketCommandType,
  TicketStatus,
  TicketType,
  Visibility,
} from '../../../machines/ticket.types';
import { TicketSlaDto } from '../../sla/dto/ticket-sla.dto';
import { CHANNELS } from './create-ticket.dto';
import type { Channel } from './create-ticket.dto';

const JOURNAL_KINDS = ['event', 'note', 'comment'] as const satisfies readonly JournalKind[];
const VISIBILITIES = ['internal', 'public'] as const satisfies readonly Visibility[];

export class RefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class PriorityDto {
  @ApiProperty({ example: 'P3', description: 'a priority code of the ticket’s SLA policy' }) code!: string;
  @ApiProperty({ example: 'NORMAL' }) name!: string;
  @ApiProperty({ type: 'integer', example: 8, description: 'impact x urgency (seed 003)' }) score!: number;
}

export class JournalEntryDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) seq!: number;
  @ApiProperty({ enum: JOURNAL_KINDS }) kind!: JournalKind;
  @ApiProperty({ enum: VISIBILITIES }) visibility!: Visibility;
  @ApiProperty({ description: 'a user id, or "system" for the workflow’s own entries' }) authorId!: string;
  @ApiProperty() text!: string;
  @ApiProperty() pinned!: boolean;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class DeliveryDto {
  @ApiProperty({ enum: ['queued', 'sent', 'failed', 'suppressed', 'skipped'], description: 'queued: waiting for its time or being retried' })
  status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the address it goes to' }) to!: string | null;
  @ApiProperty({ type: String, nullable: true }) messageId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'not before (team alerts out of office hours wait for the next opening)' }) deliverAfter!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the SMTP server’s answer to the accepted message' }) smtpResponse!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the SMTP code (or bounce status) of a failure' }) failedCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why it failed, or the last attempt’s error while it is retried' }) failure!: string | null;
}

export class NotificationDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'a user id, or the on-call contact; null: a sender the directory does not know (intake answers)' }) recipientId!: string | null;
  @ApiProperty({ example: 'resolved', description: 'the template it was rendered from' }) template!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ enum: ['en', 'da'] }) language!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: DeliveryDto, description: 'REQUIREMENTS 9: a mail that could not be delivered is visible on its ticket' }) delivery!: DeliveryDto;
}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class PendingDto {
  @ApiProperty({ enum: PENDING_REASONS }) reason!: PendingReason;
  @ApiProperty({ description: 'the reason as the user reads it' }) text!: string;
}

export class TicketListItemDto {
  @ApiProperty({ example: 'INC-000001', description: 'INC-, REQ- or TSK- and six digits' }) number!: string;
  @ApiProperty({ enum: TICKET_TYPES }) type!: TicketType;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: TicketStatus;
  @ApiProperty({ type: PriorityDto }) priority!: PriorityDto;
  @ApiProperty({ type: RefDto, nullable: true, description: 'the team (queue) that has it' }) team!: RefDto | null;
  @ApiProperty({ type: RefDto, nullable: true }) assignee!: RefDto | null;
  @ApiProperty({ format: 'uuid' }) requesterId!: string;
  @ApiProperty({ description: 'the user (or vendor) added something no agent has answered yet' }) updateFlag!: boolean;
  @ApiProperty() attentionFlag!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class TaskLinkDto implements TaskLink {
  @ApiProperty({ example: 'TSK-000001' }) number!: string;
  @ApiProperty() teamName!: string;
  @ApiProperty({ enum: TICKET_STATUSES, description: 'its last known status' }) status!: TicketStatus;
}

export class EscalationStepDto implements EscalationStep {
  @ApiProperty({ format: 'uuid' }) fromTeamId!: string;
  @ApiProperty() fromTeamName!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 3 }) fromLine!: number;
  @ApiProperty({ format: 'uuid' }) toTeamId!: string;
  @ApiProperty() toTeamName!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 3 }) toLine!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'who escalated (a user id)' }) by!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'when it came back to the team it was escalated from' }) returnedAt!: string | null;
}

export class VendorRefDto {
  @ApiProperty({ example: 'HP Support' }) name!: string;
  @ApiProperty({ type: 'string', example: 'HP-778812', nullable: true }) ticketId!: string | null;
}

/** Another ticket, as a reference shows it. */
export class TicketRefDto {
  @ApiProperty({ example: 'INC-000042' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: TicketStatus;
}

/** Agents only: how the ticket is being handled. */
export class TicketHandlingDto {
  @ApiProperty({ type: 'string', nullable: true, description: 'on a task: the ticket it was split off' }) parentNumber!: string | null;
  @ApiProperty({ type: [TaskLinkDto], description: 'the tasks the ticket was split into' }) tasks!: TaskLinkDto[];
  @ApiProperty({ type: [EscalationStepDto], description: 'every escalation, oldest first; the last without returnedAt is open' })
  escalations!: EscalationStepDto[];
  @ApiProperty({ type: [String], description: 'the category’s Additional Questions (keys) to answer before escalation' })
  requiredQuestions!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'the answers, by question key' })
  answers!: Record<string, string>;
  @ApiProperty({ type: VendorRefDto, nullable: true }) vendor!: VendorRefDto | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'the agent who locked (owns) the ticket' }) lockedBy!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'since when the Update flag is set' }) updateFlagSince!: string | null;
}

export class MajorIncidentRefDto {
  @ApiProperty({ example: 'MI-000001' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: MI_STAGES }) stage!: MiStage;
}

export class TicketViewDto extends TicketListItemDto {
  @ApiProperty() description!: string;
  @ApiProperty({ type: RefDto, nullable: true }) category!: RefDto | null;
  @ApiProperty({ example: 'department', description: 'an impact level of the ticket’s priority matrix' }) impact!: string;
  @ApiProperty({ example: 'today', description: 'an urgency level of the ticket’s priority matrix' }) urgency!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: Channel;
  @ApiProperty({ type: PendingDto, nullable: true, description: 'while Pending: why' }) pending!: PendingDto | null;
  @ApiProperty({ type: 'string', nullable: true }) resolution!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'when a Resolved ticket closes itself' }) closesAt!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'counts the commands applied (0 when just opened)' }) version!: number;
  @ApiProperty({ type: [JournalEntryDto], description: 'end users see public entries only' }) journal!: JournalEntryDto[];
  @ApiProperty({ type: [NotificationDto], description: 'end users see the ones sent to them' }) notifications!: NotificationDto[];
  @ApiProperty({ type: [AttachmentDto], description: 'files that came with mail to the ticket' }) attachments!: AttachmentDto[];
  @ApiProperty({ type: TicketSlaDto, nullable: true, description: 'agents only (null for end users, and for tickets without SLA clocks)' })
  sla!: TicketSlaDto | null;
  @ApiProperty({ type: TicketHandlingDto, nullable: true, description: 'agents only (null for end users)' })
  handling!: TicketHandlingDto | null;
  @ApiProperty({ type: MajorIncidentRefDto, nullable: true, description: 'the major incident this incident is linked to' })
  majorIncident!: MajorIncidentRefDto | null;
  @ApiProperty({ type: [TicketRefDto], description: 'earlier tickets this one references (REQUIREMENTS 2); end users see their own' })
  references!: TicketRefDto[];
  @ApiProperty({ type: [TicketRefDto], description: 'later tickets that reference this one; end users see their own' })
  referencedBy!: TicketRefDto[];
  @ApiProperty({ enum: TICKET_COMMANDS, isArray: true, description: 'what the caller may do now, from the machine' })
  allowedCommands!: TicketCommandType[];
}

export class TicketPageDto {
  @ApiProperty({ type: [TicketListItemDto] }) items!: TicketListItemDto[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'matching tickets in all pages; a text search (q) counts up to 1,000 (SEARCH_COUNT_CAP): see totalExact' }) total!: number;
  @ApiProperty({ description: 'false when a text search matched more tickets than it counts (1,000): total is then that cap, shown as "1,000+", and pages go on beyond it' })
  totalExact!: boolean;
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 200 }) pageSize!: number;
}

export class StatechartView {
  @ApiProperty({ description: 'the state the process is in now (highlighted in the diagram)' }) state!: string;
  @ApiProperty({ description: 'the machine as a Mermaid stateDiagram-v2, generated from the machine itself' }) mermaid!: string;
}
