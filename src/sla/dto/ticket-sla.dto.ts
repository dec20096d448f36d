// The SLA part of a ticket's view (SlaPoliciesService.ticketView), for agents.
import { ApiProperty } from '@nestjs/swagger';
import { CLOCK_NAMES, REQUEST_KINDS } from '../../../machines/sla/sla-policy';
import type { ClockName, RequestKind } from '../../../machines/sla/sla-policy';
import type { ClockSegment, ClockView } from '../../../machines/sla/sla-clock';
import { TICKET_STATUSES } from '../../../machines/ticket.types';
import type { TicketStatus } from '../../../machines/ticket.types';

const SEGMENT_STATES = ['running', 'paused'] as const satisfies readonly ClockSegment['state'][];
const CLOCK_STATES = ['running', 'paused', 'stopped'] as const satisfies readonly ClockView['state'][];

export class ClockSegmentDto implements ClockSegment {
  @ApiProperty({ enum: SEGMENT_STATES }) state!: ClockSegment['state'];
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'null while this is the current segment' }) to!: string | null;
  @ApiProperty({ example: 'pending: awaitingUser', description: 'why the clock entered this state' }) reason!: string;
  @ApiProperty({ enum: TICKET_STATUSES, description: 'the ticket status that caused it' }) status!: TicketStatus;
}

/** Every figure is computed from the segments and the policy's calendar at the moment of the answer. */
export class ClockViewDto implements ClockView {
  @ApiProperty({ enum: CLOCK_NAMES }) name!: ClockName;
  @ApiProperty({ enum: CLOCK_STATES }) state!: ClockView['state'];
  @ApiProperty({ type: 'integer', description: 'business milliseconds the target allows' }) targetMs!: number;
  @ApiProperty({ type: 'integer', description: 'business milliseconds run so far' }) elapsedMs!: number;
  @ApiProperty({ type: 'integer', description: 'targetMs - elapsedMs; negative once breached' }) remainingMs!: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'null unless running' }) deadline!: string | null;
  @ApiProperty() warned!: boolean;
  @ApiProperty() breached!: boolean;
  @ApiProperty({ type: 'boolean', nullable: true, description: 'stopped within its target; null while it runs' }) met!: boolean | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) stoppedAt!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) stopReason!: string | null;
  @ApiProperty({ type: [ClockSegmentDto] }) segments!: ClockSegmentDto[];
}

export class SlaPolicyRefDto {
  @ApiProperty({ example: 'standard' }) code!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty() name!: string;
}

export class TicketSlaDto {
  @ApiProperty({ type: SlaPolicyRefDto, description: 'the policy version the ticket runs under' }) policy!: SlaPolicyRefDto;
  @ApiProperty({ enum: REQUEST_KINDS, nullable: true }) requestKind!: RequestKind | null;
  @ApiProperty({ description: 'the clocks run 24x7 (an on-call priority)' }) onCall!: boolean;
  @ApiProperty() breached!: boolean;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) nextDeadline!: string | null;
  @ApiProperty({ type: [ClockViewDto] }) clocks!: ClockViewDto[];
}
