// Bodies, queries and views of the problem and knowledge endpoints. Shape only: who may act, when,
// and what a command must carry are the machine's rules (422 names the missing field).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PROBLEM_COMMANDS, PROBLEM_STAGES } from '../../../machines/problem.types';
import type { ProblemChangeRequest, ProblemCommandType, ProblemDecision, ProblemStage } from '../../../machines/problem.types';
import { PageQuery } from '../../http/page.query';

export class CreateProblemDto {
  @ApiProperty({ example: 'Printing fails on the 3rd floor' }) @IsOptional() @IsString() @MaxLength(300) title!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) description?: string;
  @ApiProperty({ type: [String], example: ['INC-000001', 'INC-000002'], description: 'one or more incidents the problem is made of' })
  @IsOptional() @IsArray() @IsString({ each: true }) incidents!: string[];
}

export class IncidentDto {
  @ApiProperty({ example: 'INC-000003' }) @IsOptional() @IsString() @MaxLength(40) incident!: string;
}

export class RootCauseDto {
  @ApiProperty() @IsOptional() @IsString() @MaxLength(20000) rootCause!: string;
}

export class WorkaroundDto {
  @ApiProperty() @IsOptional() @IsString() @MaxLength(20000) workaround!: string;
}

export class PublishKnownErrorDto {
  @ApiProperty({ description: 'the knowledge entry’s title' }) @IsOptional() @IsString() @MaxLength(300) title!: string;
  @ApiProperty({ description: 'what users and agents see when the known error strikes' }) @IsOptional() @IsString() @MaxLength(20000) symptoms!: string;
}

export class ChangeRequestDto {
  @ApiProperty({ description: 'what the change should do' }) @IsOptional() @IsString() @MaxLength(20000) summary!: string;
}

export class ResolveProblemDto {
  @ApiProperty() @IsOptional() @IsString() @MaxLength(20000) resolution!: string;
}

export class OptionalNoteDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) note?: string;
}

export class ListProblemsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROBLEM_STAGES }) @IsOptional() @IsIn(PROBLEM_STAGES) stage?: ProblemStage;
  @ApiPropertyOptional({ description: 'problems linked to this incident' }) @IsOptional() @IsString() incident?: string;
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
  @ApiProperty() createdAt!: string;
}

export class ProblemTrailEntryDto {
  @ApiProperty() seq!: number;
  @ApiProperty() authorId!: string;
  @ApiProperty() text!: string;
  @ApiProperty() at!: string;
}

export class ProblemListItemDto {
  @ApiProperty({ example: 'PRB-000001' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: PROBLEM_STAGES }) stage!: ProblemStage;
  @ApiProperty({ type: [String] }) incidents!: string[];
  @ApiProperty() knownError!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ProblemViewDto extends ProblemListItemDto {
  @ApiProperty() description!: string;
  @ApiProperty() stageSince!: string;
  @ApiProperty({ nullable: true }) rootCause!: string | null;
  @ApiProperty({ nullable: true }) workaround!: string | null;
  @ApiProperty({ type: KnowledgeEntryDto, nullable: true }) knowledgeEntry!: KnowledgeEntryDto | null;
  @ApiProperty({ type: [Object], description: 'change requests raised from the problem (change management takes them up)' })
  changeRequests!: ProblemChangeRequest[];
  @ApiProperty({ nullable: true }) resolution!: string | null;
  @ApiProperty({ type: [Object] }) decisions!: ProblemDecision[];
  @ApiProperty({ type: [ProblemTrailEntryDto] }) trail!: ProblemTrailEntryDto[];
  @ApiProperty() createdBy!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: PROBLEM_COMMANDS, isArray: true, description: 'what the caller may do now (asked of the machine)' })
  allowedCommands!: ProblemCommandType[];
  @ApiPropertyOptional({ type: [String], description: 'after resolve: the open incidents that got the resolution note' })
  notifiedIncidents?: string[];
}

export class ProblemPageDto {
  @ApiProperty({ type: [ProblemListItemDto] }) items!: ProblemListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
