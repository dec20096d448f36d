// Bodies, queries and views of the problem and knowledge endpoints. Shape only: who may act, when,
// and what a command must carry are the machine's rules (422 names the missing field).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PROBLEM_COMMANDS, PROBLEM_STAGES } from '../../../machines/problem.types';
import type { ProblemChangeRequest, ProblemCommandType, ProblemDecision, ProblemEventType, ProblemStage } from '../../../machines/problem.types';
import { DECISION_ROLES } from '../../auth/dto/role';
import type { Role } from '../../../machines/actor';
import { PageQuery } from '../../http/page.query';

// Fields the machine requires are `required` here; a missing one is the machine's 422 (naming it), not a 400.
export class CreateProblemDto {
  @ApiProperty({ example: 'Printing fails on the 3rd floor', maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) title!: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) description?: string;
  @ApiProperty({ type: [String], example: ['INC-000001', 'INC-000002'], description: 'one or more incidents the problem is made of' })
  @IsOptional() @IsArray() @IsString({ each: true }) incidents!: string[];
}

export class IncidentDto {
  @ApiProperty({ example: 'INC-000003', maxLength: 40 }) @IsOptional() @IsString() @MaxLength(40) incident!: string;
}

export class RootCauseDto {
  @ApiProperty({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) rootCause!: string;
}

export class WorkaroundDto {
  @ApiProperty({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) workaround!: string;
}

export class PublishKnownErrorDto {
  @ApiProperty({ maxLength: 300, description: 'the knowledge entry’s title' }) @IsOptional() @IsString() @MaxLength(300) title!: string;
  @ApiProperty({ maxLength: 20000, description: 'what users and agents see when the known error strikes' }) @IsOptional() @IsString() @MaxLength(20000) symptoms!: string;
}

export class ChangeRequestDto {
  @ApiProperty({ maxLength: 20000, description: 'what the change should do' }) @IsOptional() @IsString() @MaxLength(20000) summary!: string;
}

export class ResolveProblemDto {
  @ApiProperty({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) resolution!: string;
}

export class OptionalNoteDto {
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) note?: string;
}

export class ListProblemsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROBLEM_STAGES }) @IsOptional() @IsIn(PROBLEM_STAGES) stage?: ProblemStage;
  @ApiPropertyOptional({ example: 'INC-000001', description: 'problems linked to this incident' }) @IsOptional() @IsString() incident?: string;
  @ApiPropertyOptional({ description: 'words in the number, title, description, root cause or workaround' }) @IsOptional() @IsString() q?: string;
}

export class KnowledgeQuery {
  @ApiPropertyOptional({ description: 'words in the title, symptoms or workaround' }) @IsOptional() @IsString() q?: string;
}

export class KnowledgeEntryDto {
  @ApiProperty({ example: 'KE-000001' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() symptoms!: string;
  @ApiProperty() workaround!: string;
  @ApiProperty({ example: 'PRB-000001' }) problemNumber!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ProblemTrailEntryDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) seq!: number;
  @ApiProperty({ description: 'a user id, or "system"' }) authorId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ProblemChangeRequestDto implements ProblemChangeRequest {
  @ApiProperty({ type: 'integer', minimum: 1 }) seq!: number;
  @ApiProperty() summary!: string;
  @ApiProperty({ description: 'who raised it (a user id)' }) byId!: string;
  @ApiProperty({ type: 'string', nullable: true }) byName!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** One decision of the trail: who moved the problem, from where to where, and why. */
export class ProblemDecisionDto implements ProblemDecision {
  @ApiProperty({ type: 'string', example: 'startInvestigation', description: 'the command (or the workflow’s own event)' }) command!: ProblemEventType;
  @ApiProperty({ enum: PROBLEM_STAGES }) from!: ProblemStage;
  @ApiProperty({ enum: PROBLEM_STAGES }) to!: ProblemStage;
  @ApiProperty({ description: 'a user id, or "system"' }) actorId!: string;
  @ApiProperty({ type: 'string', nullable: true }) actorName!: string | null;
  @ApiProperty({ enum: DECISION_ROLES }) role!: Role;
  @ApiProperty({ type: 'string', nullable: true }) rationale!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ProblemListItemDto {
  @ApiProperty({ example: 'PRB-000001' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: PROBLEM_STAGES }) stage!: ProblemStage;
  @ApiProperty({ type: [String], example: ['INC-000001'] }) incidents!: string[];
  @ApiProperty() knownError!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ProblemViewDto extends ProblemListItemDto {
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date-time' }) stageSince!: string;
  @ApiProperty({ type: 'string', nullable: true }) rootCause!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) workaround!: string | null;
  @ApiProperty({ type: KnowledgeEntryDto, nullable: true }) knowledgeEntry!: KnowledgeEntryDto | null;
  @ApiProperty({ type: [ProblemChangeRequestDto], description: 'change requests raised from the problem (change management takes them up)' })
  changeRequests!: ProblemChangeRequestDto[];
  @ApiProperty({ type: 'string', nullable: true }) resolution!: string | null;
  @ApiProperty({ type: [ProblemDecisionDto] }) decisions!: ProblemDecisionDto[];
  @ApiProperty({ type: [ProblemTrailEntryDto] }) trail!: ProblemTrailEntryDto[];
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'counts the commands applied (0 when just opened)' }) version!: number;
  @ApiProperty({ enum: PROBLEM_COMMANDS, isArray: true, description: 'what the caller may do now (asked of the machine)' })
  allowedCommands!: ProblemCommandType[];
  @ApiPropertyOptional({ type: [String], description: 'on resolve only: the open incidents that got the resolution note' })
  notifiedIncidents?: string[];
}

export class ProblemPageDto {
  @ApiProperty({ type: [ProblemListItemDto] }) items!: ProblemListItemDto[];
  @ApiProperty({ type: 'integer', minimum: 0 }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 200 }) pageSize!: number;
}
