// Bodies, queries and views of the major-incident endpoints. Shape only: who may decide, when and
// what a command must carry are the machine's rules (422 names the missing field).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { MI_COMMANDS, MI_STAGES } from '../../../machines/major-incident.types';
import type { MiCommandType, MiReview, MiStage, MiUpdate } from '../../../machines/major-incident.types';

export class ProposeMajorIncidentDto {
  @ApiProperty({ example: 'Printers down in building 1' }) @IsString() @MinLength(1) @MaxLength(300) title!: string;
  @ApiProperty({ description: 'why this is a major incident' }) @IsString() @MinLength(1) @MaxLength(20000) reason!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() categoryId?: string;
  @ApiPropertyOptional({ type: [String], description: 'user ids told of every stakeholder update' }) @IsOptional() @IsArray() @IsUUID('all', { each: true }) stakeholderIds?: string[];
}

export class MiRationaleDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) rationale?: string;
}

export class MiAssignDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'an incident manager' }) @IsOptional() @IsUUID() managerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the resolving team' }) @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsUUID('all', { each: true }) stakeholderIds?: string[];
}

export class MiUpdateDto {
  @ApiProperty({ description: 'the stakeholder update' }) @IsOptional() @IsString() @MaxLength(20000) text!: string;
}

export class MiLinkDto {
  @ApiProperty({ example: 'INC-000001' }) @IsOptional() @IsString() @MaxLength(40) number!: string;
}

export class MiResolveDto {
  @ApiProperty({ description: 'sent to every linked incident’s user' }) @IsOptional() @IsString() @MaxLength(20000) resolution!: string;
}

export class MiReviewDto {
  @ApiProperty() @IsOptional() @IsString() @MaxLength(20000) cause!: string;
  @ApiProperty() @IsOptional() @IsString() @MaxLength(20000) actions!: string;
  @ApiPropertyOptional({ description: 'request a problem record (problem management does not exist yet: the request is recorded)' })
  @IsOptional() @IsBoolean() requestProblemRecord?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) problemRecordNote?: string;
}

export class ListMajorIncidentsQuery {
  @ApiPropertyOptional({ enum: ['active', 'recent'], description: 'active: proposed, accepted or active; recent: all, newest first' })
  @IsOptional() @IsIn(['active', 'recent']) scope?: 'active' | 'recent';
}

export class MajorIncidentListItemDto {
  @ApiProperty({ example: 'MI-000001' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: MI_STAGES }) stage!: MiStage;
  @ApiProperty({ nullable: true }) priority!: string | null;
  @ApiProperty({ nullable: true }) categoryId!: string | null;
  @ApiProperty() proposedBy!: string;
  @ApiProperty({ nullable: true }) incidentManagerId!: string | null;
  @ApiProperty({ nullable: true }) teamId!: string | null;
  @ApiProperty({ nullable: true }) teamName!: string | null;
  @ApiProperty({ type: [String], description: 'the incidents the detector clustered' }) candidates!: string[];
  @ApiProperty({ type: [String], description: 'linked child incidents' }) children!: string[];
  @ApiProperty({ type: [String], description: 'open incidents on the same category, not linked yet' }) suggestedLinks!: string[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class MiTimelineEntryDto {
  @ApiProperty() seq!: number;
  @ApiProperty() authorId!: string;
  @ApiProperty() text!: string;
  @ApiProperty() at!: string;
}

export class MajorIncidentViewDto extends MajorIncidentListItemDto {
  @ApiProperty({ type: [String] }) stakeholderIds!: string[];
  @ApiProperty({ type: [Object] }) updates!: MiUpdate[];
  @ApiProperty({ nullable: true }) resolution!: string | null;
  @ApiProperty({ nullable: true, type: Object }) review!: MiReview | null;
  @ApiProperty({ nullable: true }) updateDueAt!: string | null;
  @ApiProperty({ type: [MiTimelineEntryDto] }) timeline!: MiTimelineEntryDto[];
  @ApiProperty() version!: number;
  @ApiProperty({ enum: MI_COMMANDS, isArray: true }) allowedCommands!: MiCommandType[];
  @ApiPropertyOptional({ type: [Object], description: 'on resolve: what happened to each linked incident' })
  cascade?: Array<{ number: string; outcome: string }>;
}
