import { ApiProperty } from '@nestjs/swagger';
import { CLOCK_NAMES, type ClockName } from '../../../machines/sla/sla-policy';
import { TICKET_STATUSES, type TicketStatus } from '../../../machines/ticket.types';
import { BulkActionViewDto } from '../../bulk-actions/dto/bulk-action.dto';

export class PolicyVersionDto {
  @ApiProperty({ example: 'standard' }) code!: string;
  @ApiProperty({ type: 'integer', example: 2 }) version!: number;
  @ApiProperty() name!: string;
}

export class ClockMoveDto {
  @ApiProperty({ enum: CLOCK_NAMES }) clock!: ClockName;
  @ApiProperty({ type: 'integer' }) targetMsBefore!: number;
  @ApiProperty({ type: 'integer' }) targetMsAfter!: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'null while the clock is paused (Pending)' }) deadlineBefore!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) deadlineAfter!: string | null;
  @ApiProperty() breachedBefore!: boolean;
  @ApiProperty({ description: 'as of now under the change: false where a breach would be annulled, true where one would be raised' }) breachedAfter!: boolean;
}

export class AffectedTicketDto {
  @ApiProperty({ example: 'INC-000042' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: TicketStatus;
  @ApiProperty({ example: 'P3' }) priority!: string;
  @ApiProperty({ type: 'integer', description: 'the policy version it is measured by now' }) policyVersion!: number;
  @ApiProperty({ type: [ClockMoveDto], description: 'each open clock the change moves' }) clocks!: ClockMoveDto[];
  @ApiProperty({ type: 'string', nullable: true, description: 'why the change cannot apply to it (its priority is not a level of the new version): re-assess it first' }) refusal!: string | null;
}

export class PolicyPreviewDto {
  @ApiProperty({ type: PolicyVersionDto, description: 'the version the draft would become (not stored)' }) policy!: PolicyVersionDto;
  @ApiProperty({ format: 'date-time', description: 'the instant the breaches are judged at' }) asOf!: string;
  @ApiProperty({ type: 'integer', description: 'open tickets measured by the policy (any version)' }) openTickets!: number;
  @ApiProperty({ type: [AffectedTicketDto], description: 'the open tickets whose targets, deadlines or breaches would move; the others stay as they are' }) affected!: AffectedTicketDto[];
}

export class PolicyChangeDto {
  @ApiProperty({ type: PolicyVersionDto, description: 'the version published' }) policy!: PolicyVersionDto;
  @ApiProperty({ type: BulkActionViewDto, description: 'the recalculation of every open ticket on an older version: follow it with GET /bulk-actions/{id}' }) recalculation!: BulkActionViewDto;
}
