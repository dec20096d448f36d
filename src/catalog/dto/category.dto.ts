import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
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

/** Seed 000, principle 1: a question the 1st line must have answered before escalating. */
export class AdditionalQuestionDto {
  @ApiProperty({ example: 'printer', description: 'the stable key answers are stored under' })
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, { message: 'key must be a letter then letters, digits or _ (at most 40)' })
  key!: string;

  @ApiProperty({ example: 'Which printer (name or location)?' })
  @IsString()
  @Matches(/\S/, { message: 'question must not be blank' })
  @MaxLength(500)
  question!: string;
}

class CategoryFields {
  @ApiPropertyOptional({ example: 'Printers, drivers and print queues' }) @IsOptional() @IsString() @MaxLength(2000) description?: string;

  @ApiPropertyOptional({ default: false, description: 'seed 004: the customer approves the solution, which closes the ticket' })
  @IsOptional()
  @IsBoolean()
  requiresApproval?: boolean;

  @ApiPropertyOptional({ default: 'standard', description: 'an SLA policy code from GET /sla/policies' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,40}$/, { message: 'slaPolicyCode must be a policy code such as standard or 24x7' })
  slaPolicyCode?: string;

  @ApiPropertyOptional({ enum: REQUEST_KINDS, nullable: true, description: 'seed 004: the kind of work the category implies (null: none)' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsIn(REQUEST_KINDS)
  requestKind?: RequestKind | null;

  @ApiPropertyOptional({ type: [AdditionalQuestionDto], description: 'answered before escalation; keys unique (422 otherwise)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AdditionalQuestionDto)
  additionalQuestions?: AdditionalQuestionDto[];
}

export class CreateCategoryDto extends CategoryFields {
  @ApiProperty({ example: 'Printing' }) @IsString() @MinLength(2) @MaxLength(100) name!: string;
}

export class UpdateCategoryDto extends CategoryFields {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(100) name?: string;
}

export class CategoryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() requiresApproval!: boolean;
  @ApiProperty() slaPolicyCode!: string;
  @ApiPropertyOptional({ enum: REQUEST_KINDS, nullable: true }) requestKind!: string | null;
  @ApiProperty({ type: [AdditionalQuestionDto] }) additionalQuestions!: AdditionalQuestionDto[];
}
