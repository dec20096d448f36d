import { WhatIfRunDto } from '../../what-if/dto/what-if.dto';
// Bodies, queries and views of the CSI endpoints. Shape only: who may decide, when, and what a
// decision must carry are the machine's rules (422 names the missing field).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CSI_COMMANDS, CSI_PRIORITIES, CSI_STAGES } from '../../../machines/csi-proposal.types';
import type { CsiAssessment, CsiCommandType, CsiDecision, CsiEventType, CsiPriority, CsiStage } from '../../../machines/csi-proposal.types';
import type { Role } from '../../../machines/actor';
import { DECISION_ROLES } from '../../auth/dto/role';
import { PageQuery } from '../../http/page.query';

const PRIORITY_VALUES = [1, 2, 3, 4, '1', '2', '3', '4', ...CSI_PRIORITIES];
const PRIORITY_DOC = {
  description: '1 (critical) … 4 (low), as a number or a string, or critical, high, medium, low',
  example: 'high',
  oneOf: [{ type: 'integer', minimum: 1, maximum: 4 }, { type: 'string', enum: ['1', '2', '3', '4', ...CSI_PRIORITIES] }],
};

export class CreateCsiProposalDto {
  @ApiProperty({ example: 'Show the pending reason in the ticket list', minLength: 1, maxLength: 300 }) @IsString() @MinLength(1) @MaxLength(300) title!: string;
  @ApiProperty({ minLength: 1, maxLength: 20000 }) @IsString() @MinLength(1) @MaxLength(20000) description!: string;
  @ApiProperty({ description: 'the process or tool part the proposal concerns', example: 'ITSM tool: ticket list', minLength: 1, maxLength: 300 })
  @IsString() @MinLength(1) @MaxLength(300) concerns!: string;
  @ApiProperty({ example: 'Dispatchers see at a glance why a ticket waits', minLength: 1, maxLength: 20000 }) @IsString() @MinLength(1) @MaxLength(20000) expectedBenefit!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the service catalog item "Administration / ITSM tool / Change proposal" (the only one allowed)' })
  @IsOptional() @IsUUID() categoryId?: string;
}

// Fields the machine requires are `required` here; a missing one is the machine's 422 (naming it), not a 400.
export class RationaleDto {
  @ApiProperty({ maxLength: 20000, description: 'why: every decision carries one' }) @IsOptional() @IsString() @MaxLength(20000) rationale!: string;
}

export class OptionalRationaleDto {
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) rationale?: string;
}

export class RequestInformationDto {
  @ApiProperty({ maxLength: 20000, description: 'what the proposer is asked' }) @IsOptional() @IsString() @MaxLength(20000) question!: string;
}

export class ProvideInformationDto {
  @ApiProperty({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) text!: string;
}

export class AssessDto {
  @ApiProperty({ example: 'Ticket list view and its API', maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) scope!: string;
  @ApiProperty({ example: '3 person-days', maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) effortEstimate!: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) note?: string;
}

export class PriorityDecisionDto {
  @ApiProperty(PRIORITY_DOC as never) @IsOptional() @IsIn(PRIORITY_VALUES) priority!: string | number;
  @ApiProperty({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) rationale!: string;
}

export class DeferDto {
  @ApiProperty({ format: 'date-time', description: 'the later forum meeting the proposal returns to (a malformed instant is 422)' }) @IsOptional() @IsString() forumDate!: string;
  @ApiProperty({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) rationale!: string;
}

export class ImplementationNoteDto {
  @ApiProperty({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) note!: string;
}

export class ListCsiProposalsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CSI_STAGES }) @IsOptional() @IsIn(CSI_STAGES) stage?: CsiStage;
  @ApiPropertyOptional({ enum: CSI_PRIORITIES, description: 'the final priority, or else the proposed one' })
  @IsOptional() @IsIn(CSI_PRIORITIES) priority?: CsiPriority;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() proposer?: string;
  @ApiPropertyOptional({ description: 'words in the number, title, description, concerns or benefit' }) @IsOptional() @IsString() q?: string;
}

export class CsiRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class CsiTrailEntryDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) seq!: number;
  @ApiProperty({ description: 'a user id, or "system"' }) authorId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class CsiAssessmentDto implements CsiAssessment {
  @ApiProperty() scope!: string;
  @ApiProperty() effortEstimate!: string;
  @ApiProperty({ type: 'string', nullable: true }) note!: string | null;
  @ApiProperty({ description: 'who assessed it (a user id)' }) by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** One decision of the trail: who moved the proposal, from where to where, and why. */
export class CsiDecisionDto implements CsiDecision {
  @ApiProperty({ type: 'string', example: 'accept', description: 'the command (or the workflow’s own event, e.g. forumDateReached)' }) command!: CsiEventType;
  @ApiProperty({ enum: CSI_STAGES }) from!: CsiStage;
  @ApiProperty({ enum: CSI_STAGES }) to!: CsiStage;
  @ApiProperty({ description: 'a user id, or "system"' }) actorId!: string;
  @ApiProperty({ type: 'string', nullable: true }) actorName!: string | null;
  @ApiProperty({ enum: DECISION_ROLES }) role!: Role;
  @ApiProperty({ type: 'string', nullable: true }) rationale!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class CsiProposalListItemDto {
  @ApiProperty({ example: 'CSI-000001' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty() concerns!: string;
  @ApiProperty({ enum: CSI_STAGES }) stage!: CsiStage;
  @ApiProperty({ type: CsiRefDto }) proposer!: CsiRefDto;
  @ApiProperty({ enum: CSI_PRIORITIES, nullable: true }) priorityProposed!: CsiPriority | null;
  @ApiProperty({ enum: CSI_PRIORITIES, nullable: true }) priorityFinal!: CsiPriority | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'while deferred: the forum meeting it returns to' }) forumDate!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CsiProposalViewDto extends CsiProposalListItemDto {
  @ApiProperty() description!: string;
  @ApiProperty() expectedBenefit!: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) categoryId!: string | null;
  @ApiProperty({ format: 'date-time' }) stageSince!: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'the open question to the proposer' }) informationRequest!: string | null;
  @ApiProperty({ type: CsiAssessmentDto, nullable: true }) assessment!: CsiAssessmentDto | null;
  @ApiProperty({ type: [CsiDecisionDto], description: 'every decision: command, from, to, who, role, rationale, when' }) decisions!: CsiDecisionDto[];
  @ApiProperty({ type: [CsiTrailEntryDto] }) trail!: CsiTrailEntryDto[];
  @ApiProperty({ type: [WhatIfRunDto], description: 'what-if replays run as evidence for it (POST /what-if with csiNumber), newest first' }) evidence!: WhatIfRunDto[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'counts the commands applied (0 when just opened)' }) version!: number;
  @ApiProperty({ enum: CSI_COMMANDS, isArray: true, description: 'what the caller may do now (asked of the machine)' })
  allowedCommands!: CsiCommandType[];
}

export class CsiProposalPageDto {
  @ApiProperty({ type: [CsiProposalListItemDto] }) items!: CsiProposalListItemDto[];
  @ApiProperty({ type: 'integer', minimum: 0 }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 200 }) pageSize!: number;
}

export class CsiAgendaItemDto extends CsiProposalListItemDto {
  @ApiProperty() description!: string;
  @ApiProperty() expectedBenefit!: string;
  @ApiProperty({ type: CsiAssessmentDto, nullable: true }) assessment!: CsiAssessmentDto | null;
  @ApiProperty({ type: [CsiDecisionDto] }) decisions!: CsiDecisionDto[];
  @ApiProperty({ type: [WhatIfRunDto], description: 'what-if replays run as evidence for it, newest first' }) evidence!: WhatIfRunDto[];
}
