import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  Max,
  Min,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { REQUEST_KINDS } from '../../../machines/sla/sla-policy';
import type { RequestKind } from '../../../machines/sla/sla-policy';

export class CategoryIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

const QUESTION_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const POLICY_CODE = /^[a-z0-9][a-z0-9-]{1,40}$/;

/** Seed 000, principle 1: a question the 1st line must have answered before escalating. */
export class AdditionalQuestionDto {
  @ApiProperty({ example: 'printer', pattern: QUESTION_KEY.source, description: 'the stable key answers are stored under' })
  @Matches(QUESTION_KEY, { message: 'key must be a letter then letters, digits or _ (at most 40)' })
  key!: string;

  @ApiProperty({ example: 'Which printer (name or location)?', maxLength: 500, pattern: '\\S', description: 'not blank' })
  @IsString()
  @Matches(/\S/, { message: 'question must not be blank' })
  @MaxLength(500)
  question!: string;
}

export class PendingPolicyDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 60, example: 3, description: 'business days Pending on the user before the reminder' })
  @IsInt()
  @Min(1)
  @Max(60)
  remindAfterDays!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 365, example: 7, description: 'business days Pending on the user before the ticket closes; after the reminder (422 otherwise)' })
  @IsInt()
  @Min(1)
  @Max(365)
  closeAfterDays!: number;
}

class CategoryFields {
  @ApiPropertyOptional({ example: 'Printers, drivers and print queues', maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) description?: string;

  @ApiPropertyOptional({ default: false, description: 'seed 004: the customer approves the solution, which closes the ticket' })
  @IsOptional()
  @IsBoolean()
  requiresApproval?: boolean;

  @ApiPropertyOptional({ default: 'standard', pattern: POLICY_CODE.source, description: 'an SLA policy code from GET /sla/policies (422 when there is none)' })
  @IsOptional()
  @Matches(POLICY_CODE, { message: 'slaPolicyCode must be a policy code such as standard or 24x7' })
  slaPolicyCode?: string;

  @ApiPropertyOptional({ enum: REQUEST_KINDS, nullable: true, description: 'seed 004: the kind of work the category implies (null: none)' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsIn(REQUEST_KINDS)
  requestKind?: RequestKind | null;

  @ApiPropertyOptional({ type: [AdditionalQuestionDto], maxItems: 20, description: 'answered before escalation; keys unique (422 otherwise)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AdditionalQuestionDto)
  additionalQuestions?: AdditionalQuestionDto[];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 365, nullable: true, description: 'days a Resolved ticket waits for the user before it closes (REQUIREMENTS 2); null: the installation’s default' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(365)
  autoCloseAfterDays?: number | null;

  @ApiPropertyOptional({ type: PendingPolicyDto, nullable: true, description: 'the service’s pending policy (REQUIREMENTS 2); null: the installation’s default' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @ValidateNested()
  @Type(() => PendingPolicyDto)
  pendingPolicy?: PendingPolicyDto | null;
}

export class CreateCategoryDto extends CategoryFields {
  @ApiProperty({ example: 'Printing', minLength: 2, maxLength: 100 }) @IsString() @MinLength(2) @MaxLength(100) name!: string;
}

export class UpdateCategoryDto extends CategoryFields {
  @ApiPropertyOptional({ minLength: 2, maxLength: 100 }) @IsOptional() @IsString() @MinLength(2) @MaxLength(100) name?: string;
}

export class CategoryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'the customer approves the solution, which closes the ticket' }) requiresApproval!: boolean;
  @ApiProperty({ example: 'standard' }) slaPolicyCode!: string;
  @ApiProperty({ enum: REQUEST_KINDS, nullable: true }) requestKind!: RequestKind | null;
  @ApiProperty({ type: [AdditionalQuestionDto] }) additionalQuestions!: AdditionalQuestionDto[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: the installation’s default' }) autoCloseAfterDays!: number | null;
  @ApiProperty({ type: PendingPolicyDto, nullable: true, description: 'null: the installation’s default' }) pendingPolicy!: PendingPolicyDto | null;
}
