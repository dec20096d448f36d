// Bodies, queries and views of the change endpoints. Shape only: who may decide, when, and what a
// decision must carry are the machine's rules (422 names what is missing).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import { CHANGE_COMMANDS, CHANGE_STAGES, CHANGE_TYPES, INCIDENT_NUMBER, PROBLEM_NUMBER, REVIEW_OUTCOMES } from '../../../machines/change.types';
import type { Role } from '../../../machines/actor';
import { DECISION_ROLES } from '../../auth/dto/role';
import type {
  ChangeAssessment,
  ChangeAuthority,
  ChangeCommandType,
  ChangeDecision,
  ChangeEventType,
  ChangeReview,
  ChangeStage,
  ChangeType,
  ChangeVote,
  ReviewOutcome,
} from '../../../machines/change.types';
import { PageQuery } from '../../http/page.query';

export class CreateChangeDto {
  @ApiProperty({ enum: CHANGE_TYPES }) @IsIn(CHANGE_TYPES) type!: ChangeType;
  @ApiPropertyOptional({ maxLength: 300, description: 'defaults to the template’s title for a standard change' }) @IsOptional() @IsString() @MaxLength(300) title?: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) description?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'standard changes: the pre-approved template' }) @IsOptional() @IsUUID() templateId?: string;
  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true, maxItems: 20, description: 'normal: the CAB; emergency: the one emergency approver (admin, process manager or incident manager)' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) approverIds?: string[];
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'normal: approvals needed (no rejection allowed); default all approvers' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) quorum?: number;
  @ApiPropertyOptional({ type: 'string', isArray: true, pattern: PROBLEM_NUMBER.source, example: ['PRB-000001'], description: 'a malformed number is 422' })
  @IsOptional() @IsArray() @IsString({ each: true }) problemNumbers?: string[];
  @ApiPropertyOptional({ type: 'string', isArray: true, pattern: INCIDENT_NUMBER.source, example: ['INC-000001'], description: 'a malformed number is 422' })
  @IsOptional() @IsArray() @IsString({ each: true }) incidentNumbers?: string[];
}

// Fields the machine requires are `required` here; a missing one is the machine's 422 (naming it), not a 400.
export class AssessChangeDto {
  @ApiProperty({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) risk!: string;
  @ApiProperty({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) impact!: string;
  @ApiProperty({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) implementationPlan!: string;
  @ApiProperty({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) backoutPlan!: string;
}

export class VoteDto {
  @ApiPropertyOptional({ maxLength: 20000, description: 'required to reject' }) @IsOptional() @IsString() @MaxLength(20000) rationale?: string;
}

export class ScheduleDto {
  @ApiProperty({ format: 'date-time', description: 'a malformed instant is 422' }) @IsOptional() @IsString() windowStart!: string;
  @ApiProperty({ format: 'date-time', description: 'after windowStart' }) @IsOptional() @IsString() windowEnd!: string;
}

export class ChangeNoteDto {
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) note?: string;
}

export class CompleteDto {
  @ApiPropertyOptional({ enum: REVIEW_OUTCOMES, description: 'standard changes: the outcome (they close without review)' })
  @IsOptional() @IsString() outcome?: string;
  @ApiProperty({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) note!: string;
  @ApiPropertyOptional({ maxLength: 20000, description: 'how a failed change was backed out' }) @IsOptional() @IsString() @MaxLength(20000) backout?: string;
}

export class ReviewDto {
  @ApiProperty({ enum: REVIEW_OUTCOMES }) @IsOptional() @IsString() outcome!: string;
  @ApiProperty({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) text!: string;
  @ApiPropertyOptional({ maxLength: 20000, description: 'required when failed: how it was backed out' }) @IsOptional() @IsString() @MaxLength(20000) backout?: string;
}

export class LinkProblemDto {
  @ApiProperty({ example: 'PRB-000001' }) @IsOptional() @IsString() problemNumber!: string;
}

export class LinkIncidentDto {
  @ApiProperty({ example: 'INC-000001' }) @IsOptional() @IsString() incidentNumber!: string;
}

export class ListChangesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CHANGE_STAGES }) @IsOptional() @IsIn(CHANGE_STAGES) stage?: ChangeStage;
  @ApiPropertyOptional({ enum: CHANGE_TYPES }) @IsOptional() @IsIn(CHANGE_TYPES) type?: ChangeType;
  @ApiPropertyOptional({ minLength: 1, description: 'words in the number, title or description, or a linked PRB/INC number' }) @IsOptional() @IsString() @MinLength(1) q?: string;
}

export class ChangeTemplateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() risk!: string;
  @ApiProperty() impact!: string;
  @ApiProperty() implementationPlan!: string;
  @ApiProperty() backoutPlan!: string;
}

export class ChangeTrailEntryDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) seq!: number;
  @ApiProperty({ description: 'a user id, or "system"' }) authorId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ChangeAssessmentDto implements ChangeAssessment {
  @ApiProperty() risk!: string;
  @ApiProperty() impact!: string;
  @ApiProperty() implementationPlan!: string;
  @ApiProperty() backoutPlan!: string;
  @ApiProperty({ description: 'who assessed it (a user id), or "template" for a standard change' }) by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** The CAB named on the change: at least `quorum` approvals and no rejection authorise it. */
export class ChangeAuthorityDto implements ChangeAuthority {
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true }) approverIds!: string[];
  @ApiProperty({ type: 'integer', minimum: 0, description: '0 for a standard change (pre-approved)' }) quorum!: number;
}

export class ChangeVoteDto implements ChangeVote {
  @ApiProperty({ format: 'uuid' }) approverId!: string;
  @ApiProperty({ type: 'string', nullable: true }) approverName!: string | null;
  @ApiProperty({ enum: ['approve', 'reject'] }) vote!: 'approve' | 'reject';
  @ApiProperty({ type: 'string', nullable: true }) rationale!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ChangeReviewDto implements ChangeReview {
  @ApiProperty({ enum: REVIEW_OUTCOMES }) outcome!: ReviewOutcome;
  @ApiProperty() text!: string;
  @ApiProperty({ type: 'string', nullable: true }) backout!: string | null;
  @ApiProperty({ description: 'who reviewed it (a user id)' }) by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** One decision of the trail: who moved the change, from where to where, and why. */
export class ChangeDecisionDto implements ChangeDecision {
  @ApiProperty({ type: 'string', example: 'approve', description: 'the command (or the workflow’s own event, e.g. windowStarted)' }) command!: ChangeEventType;
  @ApiProperty({ enum: CHANGE_STAGES }) from!: ChangeStage;
  @ApiProperty({ enum: CHANGE_STAGES }) to!: ChangeStage;
  @ApiProperty({ description: 'a user id, or "system"' }) actorId!: string;
  @ApiProperty({ type: 'string', nullable: true }) actorName!: string | null;
  @ApiProperty({ enum: DECISION_ROLES }) role!: Role;
  @ApiProperty({ type: 'string', nullable: true }) rationale!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ChangeListItemDto {
  @ApiProperty({ example: 'CHG-000001' }) number!: string;
  @ApiProperty({ enum: CHANGE_TYPES }) type!: ChangeType;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CHANGE_STAGES }) stage!: ChangeStage;
  @ApiProperty({ format: 'uuid' }) requesterId!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) windowStart!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) windowEnd!: string | null;
  @ApiProperty({ type: [String], example: ['PRB-000001'] }) problemNumbers!: string[];
  @ApiProperty({ type: [String], example: ['INC-000001'] }) incidentNumbers!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ChangeViewDto extends ChangeListItemDto {
  @ApiProperty() description!: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) templateId!: string | null;
  @ApiProperty({ format: 'date-time' }) stageSince!: string;
  @ApiProperty({ type: ChangeAssessmentDto, nullable: true }) assessment!: ChangeAssessmentDto | null;
  @ApiProperty({ type: ChangeAuthorityDto }) authority!: ChangeAuthorityDto;
  @ApiProperty({ type: [ChangeVoteDto] }) votes!: ChangeVoteDto[];
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'when the implementation overran its window' }) overrunAt!: string | null;
  @ApiProperty({ type: ChangeReviewDto, nullable: true }) review!: ChangeReviewDto | null;
  @ApiProperty({ type: [ChangeDecisionDto] }) decisions!: ChangeDecisionDto[];
  @ApiProperty({ type: [ChangeTrailEntryDto] }) trail!: ChangeTrailEntryDto[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'counts the commands applied (0 when just opened)' }) version!: number;
  @ApiProperty({ enum: CHANGE_COMMANDS, isArray: true, description: 'what the caller may do now (asked of the machine)' })
  allowedCommands!: ChangeCommandType[];
}

export class ChangePageDto {
  @ApiProperty({ type: [ChangeListItemDto] }) items!: ChangeListItemDto[];
  @ApiProperty({ type: 'integer', minimum: 0 }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 200 }) pageSize!: number;
}
