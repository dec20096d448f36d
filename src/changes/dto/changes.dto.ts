// Bodies, queries and views of the change endpoints. Shape only: who may decide, when, and what a
// decision must carry are the machine's rules (422 names what is missing).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import { CHANGE_COMMANDS, CHANGE_STAGES, CHANGE_TYPES, REVIEW_OUTCOMES } from '../../../machines/change.types';
import type {
  ChangeAssessment,
  ChangeAuthority,
  ChangeCommandType,
  ChangeDecision,
  ChangeReview,
  ChangeStage,
  ChangeType,
  ChangeVote,
} from '../../../machines/change.types';
import { PageQuery } from '../../http/page.query';

export class CreateChangeDto {
  @ApiProperty({ enum: CHANGE_TYPES }) @IsIn(CHANGE_TYPES) type!: ChangeType;
  @ApiPropertyOptional({ description: 'defaults to the template’s title for a standard change' }) @IsOptional() @IsString() @MaxLength(300) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) description?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'standard changes: the pre-approved template' }) @IsOptional() @IsUUID() templateId?: string;
  @ApiPropertyOptional({ type: [String], description: 'normal: the CAB; emergency: the one emergency approver (admin, process manager or incident manager)' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) approverIds?: string[];
  @ApiPropertyOptional({ description: 'normal: approvals needed (no rejection allowed); default all approvers' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) quorum?: number;
  @ApiPropertyOptional({ type: [String], example: ['PRB-000001'] }) @IsOptional() @IsArray() @IsString({ each: true }) problemNumbers?: string[];
  @ApiPropertyOptional({ type: [String], example: ['INC-000001'] }) @IsOptional() @IsArray() @IsString({ each: true }) incidentNumbers?: string[];
}

export class AssessChangeDto {
  @ApiProperty() @IsOptional() @IsString() @MaxLength(20000) risk!: string;
  @ApiProperty() @IsOptional() @IsString() @MaxLength(20000) impact!: string;
  @ApiProperty() @IsOptional() @IsString() @MaxLength(20000) implementationPlan!: string;
  @ApiProperty() @IsOptional() @IsString() @MaxLength(20000) backoutPlan!: string;
}

export class VoteDto {
  @ApiPropertyOptional({ description: 'required to reject' }) @IsOptional() @IsString() @MaxLength(20000) rationale?: string;
}

export class ScheduleDto {
  @ApiProperty({ format: 'date-time' }) @IsOptional() @IsString() windowStart!: string;
  @ApiProperty({ format: 'date-time' }) @IsOptional() @IsString() windowEnd!: string;
}

export class NoteDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) note?: string;
}

export class CompleteDto {
  @ApiPropertyOptional({ enum: REVIEW_OUTCOMES, description: 'standard changes: the outcome (they close without review)' })
  @IsOptional() @IsString() outcome?: string;
  @ApiProperty() @IsOptional() @IsString() @MaxLength(20000) note!: string;
  @ApiPropertyOptional({ description: 'how a failed change was backed out' }) @IsOptional() @IsString() @MaxLength(20000) backout?: string;
}

export class ReviewDto {
  @ApiProperty({ enum: REVIEW_OUTCOMES }) @IsOptional() @IsString() outcome!: string;
  @ApiProperty() @IsOptional() @IsString() @MaxLength(20000) text!: string;
  @ApiPropertyOptional({ description: 'required when failed: how it was backed out' }) @IsOptional() @IsString() @MaxLength(20000) backout?: string;
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
  @ApiPropertyOptional({ description: 'words in the number, title or description, or a linked PRB/INC number' }) @IsOptional() @IsString() @MinLength(1) q?: string;
}

export class ChangeTemplateDto {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() risk!: string;
  @ApiProperty() impact!: string;
  @ApiProperty() implementationPlan!: string;
  @ApiProperty() backoutPlan!: string;
}

export class ChangeTrailEntryDto {
  @ApiProperty() seq!: number;
  @ApiProperty() authorId!: string;
  @ApiProperty() text!: string;
  @ApiProperty() at!: string;
}

export class ChangeListItemDto {
  @ApiProperty({ example: 'CHG-000001' }) number!: string;
  @ApiProperty({ enum: CHANGE_TYPES }) type!: ChangeType;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CHANGE_STAGES }) stage!: ChangeStage;
  @ApiProperty() requesterId!: string;
  @ApiProperty({ nullable: true }) windowStart!: string | null;
  @ApiProperty({ nullable: true }) windowEnd!: string | null;
  @ApiProperty({ type: [String] }) problemNumbers!: string[];
  @ApiProperty({ type: [String] }) incidentNumbers!: string[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ChangeViewDto extends ChangeListItemDto {
  @ApiProperty() description!: string;
  @ApiProperty({ nullable: true }) templateId!: string | null;
  @ApiProperty() stageSince!: string;
  @ApiProperty({ nullable: true, type: Object }) assessment!: ChangeAssessment | null;
  @ApiProperty({ type: Object }) authority!: ChangeAuthority;
  @ApiProperty({ type: [Object] }) votes!: ChangeVote[];
  @ApiProperty({ nullable: true }) overrunAt!: string | null;
  @ApiProperty({ nullable: true, type: Object }) review!: ChangeReview | null;
  @ApiProperty({ type: [Object] }) decisions!: ChangeDecision[];
  @ApiProperty({ type: [ChangeTrailEntryDto] }) trail!: ChangeTrailEntryDto[];
  @ApiProperty() version!: number;
  @ApiProperty({ enum: CHANGE_COMMANDS, isArray: true, description: 'what the caller may do now (asked of the machine)' })
  allowedCommands!: ChangeCommandType[];
}

export class ChangePageDto {
  @ApiProperty({ type: [ChangeListItemDto] }) items!: ChangeListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
