// Bodies, queries and views of the major-incident endpoints. Shape only: who may decide, when and
// what a command must carry are the machine's rules (422 names the missing field).
import { BulkActionViewDto } from '../../bulk-actions/dto/bulk-action.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { MI_COMMANDS, MI_STAGES } from '../../../machines/major-incident.types';
import type { MiCommandType, MiReview, MiStage, MiUpdate } from '../../../machines/major-incident.types';

export class ProposeMajorIncidentDto {
  @ApiProperty({ example: 'Printers down in building 1', minLength: 1, maxLength: 300 }) @IsString() @MinLength(1) @MaxLength(300) title!: string;
  @ApiProperty({ description: 'why this is a major incident', minLength: 1, maxLength: 20000 }) @IsString() @MinLength(1) @MaxLength(20000) reason!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() categoryId?: string;
  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true, description: 'user ids told of every stakeholder update' })
  @IsOptional() @IsArray() @IsUUID('all', { each: true }) stakeholderIds?: string[];
}

export class MiRationaleDto {
  @ApiPropertyOptional({ maxLength: 20000, description: 'why (required to reject)' }) @IsOptional() @IsString() @MaxLength(20000) rationale?: string;
}

export class MiAssignDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'an incident manager' }) @IsOptional() @IsUUID() managerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the resolving team' }) @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true }) @IsOptional() @IsArray() @IsUUID('all', { each: true }) stakeholderIds?: string[];
}

// Fields the machine requires are `required` here; a missing one is the machine's 422 (naming it), not a 400.
export class MiUpdateDto {
  @ApiProperty({ maxLength: 20000, description: 'the stakeholder update' }) @IsOptional() @IsString() @MaxLength(20000) text!: string;
}

export class MiLinkDto {
  @ApiProperty({ example: 'INC-000001', maxLength: 40 }) @IsOptional() @IsString() @MaxLength(40) number!: string;
}

export class MiResolveDto {
  @ApiProperty({ maxLength: 20000, description: 'sent to every linked incident’s user' }) @IsOptional() @IsString() @MaxLength(20000) resolution!: string;
}

export class MiReviewDto {
  @ApiProperty({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) cause!: string;
  @ApiProperty({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) actions!: string;
  @ApiPropertyOptional({ description: 'request a problem record (the request is recorded)' })
  @IsOptional() @IsBoolean() requestProblemRecord?: boolean;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) problemRecordNote?: string;
}

export class ListMajorIncidentsQuery {
  @ApiPropertyOptional({ enum: ['active', 'recent'], description: 'active (default): proposed, accepted or active; recent: all, newest first (at most 100)' })
  @IsOptional() @IsIn(['active', 'recent']) scope?: 'active' | 'recent';
}

export class MajorIncidentListItemDto {
  @ApiProperty({ example: 'MI-000001' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: MI_STAGES }) stage!: MiStage;
  @ApiProperty({ type: 'string', nullable: true, example: 'P1' }) priority!: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) categoryId!: string | null;
  @ApiProperty({ description: 'a user id, or "detector" when the detector proposed it' }) proposedBy!: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) incidentManagerId!: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) teamId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) teamName!: string | null;
  @ApiProperty({ type: [String], description: 'the incidents the detector clustered' }) candidates!: string[];
  @ApiProperty({ type: [String], description: 'linked child incidents' }) children!: string[];
  @ApiProperty({ type: [String], description: 'open incidents on the same category, not linked yet' }) suggestedLinks!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class MiTimelineEntryDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) seq!: number;
  @ApiProperty({ description: 'a user id, or "system"/"detector"' }) authorId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class MiUpdateViewDto implements MiUpdate {
  @ApiProperty({ type: 'integer', minimum: 1 }) seq!: number;
  @ApiProperty() text!: string;
  @ApiProperty({ description: 'who posted it (a user id)' }) by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class MiReviewViewDto implements MiReview {
  @ApiProperty() cause!: string;
  @ApiProperty() actions!: string;
  @ApiProperty({ type: [String], description: 'the journal up to the review, as "<time> <text>" lines' }) timeline!: string[];
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'how many journal entries preceded the review' }) timelineUpTo?: number | null;
  @ApiProperty() problemRecordRequested!: boolean;
  @ApiProperty({ type: 'string', nullable: true }) problemRecordNote!: string | null;
  @ApiProperty({ description: 'who recorded it (a user id)' }) by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class MajorIncidentViewDto extends MajorIncidentListItemDto {
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true }) stakeholderIds!: string[];
  @ApiProperty({ type: [MiUpdateViewDto] }) updates!: MiUpdateViewDto[];
  @ApiProperty({ type: 'string', nullable: true }) resolution!: string | null;
  @ApiProperty({ type: MiReviewViewDto, nullable: true }) review!: MiReviewViewDto | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'while active: when the next stakeholder update is due' }) updateDueAt!: string | null;
  @ApiProperty({ type: [MiTimelineEntryDto] }) timeline!: MiTimelineEntryDto[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'counts the commands applied (0 when just opened)' }) version!: number;
  @ApiProperty({ enum: MI_COMMANDS, isArray: true, description: 'what the caller may do now (asked of the machine)' }) allowedCommands!: MiCommandType[];
  @ApiProperty({ type: BulkActionViewDto, nullable: true, description: 'once resolved: the cascade that resolves the linked incidents, each one’s outcome so far (GET /bulk-actions/{id})' })
  cascade!: BulkActionViewDto | null;
}
