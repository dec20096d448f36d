// Bodies, queries and views of the CSI endpoints. Shape only: who may decide, when, and what a
// decision must carry are the machine's rules (422 names the missing field).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CSI_COMMANDS, CSI_PRIORITIES, CSI_STAGES } from '../../../machines/csi-proposal.types';
import type { CsiAssessment, CsiCommandType, CsiDecision, CsiPriority, CsiStage } from '../../../machines/csi-proposal.types';
import { PageQuery } from '../../http/page.query';

const PRIORITY_VALUES = [1, 2, 3, 4, '1', '2', '3', '4', ...CSI_PRIORITIES];
const PRIORITY_DOC = { description: '1 (critical) … 4 (low), or low, medium, high, critical', example: 'high', oneOf: [{ type: 'integer', minimum: 1, maximum: 4 }, { type: 'string', enum: [...CSI_PRIORITIES] }] };

export class CreateCsiProposalDto {
  @ApiProperty({ example: 'Show the pending reason in the ticket list' }) @IsString() @MinLength(1) @MaxLength(300) title!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20000) description!: string;
  @ApiProperty({ description: 'the process or tool part the proposal concerns', example: 'ITSM tool: ticket list' })
  @IsString() @MinLength(1) @MaxLength(300) concerns!: string;
  @ApiProperty({ example: 'Dispatchers see at a glance why a ticket waits' }) @IsString() @MinLength(1) @MaxLength(20000) expectedBenefit!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the service catalog item "Administration / ITSM tool / Change proposal" (the only one allowed)' })
  @IsOptional() @IsUUID() categoryId?: string;
}

export class RationaleDto {
  @ApiProperty({ description: 'why: every decision carries one' }) @IsOptional() @IsString() @MaxLength(20000) rationale!: string;
}

export class OptionalRationaleDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) rationale?: string;
}

export class RequestInformationDto {
  @ApiProperty({ description: 'what the proposer is asked' }) @IsOptional() @IsString() @MaxLength(20000) question!: string;
}

export class ProvideInformationDto {
  @ApiProperty() @IsOptional() @IsString() @MaxLength(20000) text!: string;
}

export class AssessDto {
  @ApiProperty({ example: 'Ticket list view and its API' }) @IsOptional() @IsString() @MaxLength(20000) scope!: string;
  @ApiProperty({ example: '3 person-days' }) @IsOptional() @IsString() @MaxLength(2000) effortEstimate!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) note?: string;
}

export class PriorityDecisionDto {
  @ApiProperty(PRIORITY_DOC as never) @IsOptional() @IsIn(PRIORITY_VALUES) priority!: string | number;
  @ApiProperty() @IsOptional() @IsString() @MaxLength(20000) rationale!: string;
}

export class DeferDto {
  @ApiProperty({ format: 'date-time', description: 'the later forum meeting the proposal returns to' }) @IsOptional() @IsString() forumDate!: string;
  @ApiProperty() @IsOptional() @IsString() @MaxLength(20000) rationale!: string;
}

export class ImplementationNoteDto {
  @ApiProperty() @IsOptional() @IsString() @MaxLength(20000) note!: string;
}

export class ListCsiProposalsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CSI_STAGES }) @IsOptional() @IsIn(CSI_STAGES) stage?: CsiStage;
  @ApiPropertyOptional({ enum: CSI_PRIORITIES, description: 'the final priority, or else the proposed one' })
  @IsOptional() @IsIn(CSI_PRIORITIES) priority?: CsiPriority;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() proposer?: string;
  @ApiPropertyOptional({ description: 'words in the number, title, description, concerns or benefit' }) @IsOptional() @IsString() q?: string;
}

export class CsiRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class CsiTrailEntryDto {
  @ApiProperty() seq!: number;
  @ApiProperty() authorId!: string;
  @ApiProperty() text!: string;
  @ApiProperty() at!: string;
}

export class CsiProposalListItemDto {
  @ApiProperty({ example: 'CSI-000001' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty() concerns!: string;
  @ApiProperty({ enum: CSI_STAGES }) stage!: CsiStage;
  @ApiProperty({ type: CsiRefDto }) proposer!: CsiRefDto;
  @ApiProperty({ enum: CSI_PRIORITIES, nullable: true }) priorityProposed!: CsiPriority | null;
  @ApiProperty({ enum: CSI_PRIORITIES, nullable: true }) priorityFinal!: CsiPriority | null;
  @ApiProperty({ nullable: true }) forumDate!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class CsiProposalViewDto extends CsiProposalListItemDto {
  @ApiProperty() description!: string;
  @ApiProperty() expectedBenefit!: string;
  @ApiProperty({ nullable: true }) categoryId!: string | null;
  @ApiProperty() stageSince!: string;
  @ApiProperty({ nullable: true }) informationRequest!: string | null;
  @ApiProperty({ nullable: true, type: Object }) assessment!: CsiAssessment | null;
  @ApiProperty({ type: [Object], description: 'every decision: command, from, to, who, role, rationale, when' }) decisions!: CsiDecision[];
  @ApiProperty({ type: [CsiTrailEntryDto] }) trail!: CsiTrailEntryDto[];
  @ApiProperty() version!: number;
  @ApiProperty({ enum: CSI_COMMANDS, isArray: true, description: 'what the caller may do now (asked of the machine)' })
  allowedCommands!: CsiCommandType[];
}

export class CsiProposalPageDto {
  @ApiProperty({ type: [CsiProposalListItemDto] }) items!: CsiProposalListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CsiAgendaItemDto extends CsiProposalListItemDto {
  @ApiProperty() description!: string;
  @ApiProperty() expectedBenefit!: string;
  @ApiProperty({ nullable: true, type: Object }) assessment!: CsiAssessment | null;
  @ApiProperty({ type: [Object] }) decisions!: CsiDecision[];
}
