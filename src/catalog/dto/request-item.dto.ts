// Request items as the API reads and writes them. The shape is checked here (400 naming the
// field); what a form or a guide means (keys unique, conditions on earlier fields, no unreachable
// step or dead end) is the machines' validateForm / validateGuide (422 naming every problem).
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { FIELD_TYPES, type FieldType, type FormCondition, type FormField } from '../../../machines/catalog/form';
import { GUIDE_OUTCOMES, type GuideOutcomeKind } from '../../../machines/catalog/guide';
import { REQUEST_KINDS, type RequestKind } from '../../../machines/sla/sla-policy';
import { POLICY_CODE } from '../../sla/dto/sla.dto';

export class RequestItemIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

const IsConditionValue = () =>
  ValidateBy({
    name: 'isConditionValue',
    validator: {
      validate: (v: unknown) => (typeof v === 'string' && v.length <= 200) || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)),
      defaultMessage: () => 'equals must be a string (at most 200), a number or a boolean',
    },
  });

export class FormConditionDto implements FormCondition {
  @ApiProperty({ example: 'onSite', description: 'an earlier field' }) @IsString() @MaxLength(60) field!: string;
  @ApiProperty({ oneOf: [{ type: 'string', maxLength: 200 }, { type: 'number' }, { type: 'boolean' }], example: true }) @IsConditionValue() equals!: string | number | boolean;
}

export class FormFieldDto implements FormField {
  @ApiProperty({ example: 'printer', maxLength: 60, description: 'the key the answer is stored under (a letter, then letters, digits or _)' }) @IsString() @MaxLength(60) key!: string;
  @ApiProperty({ example: 'Which printer?', maxLength: 200 }) @IsString() @MaxLength(200) label!: string;
  @ApiProperty({ enum: FIELD_TYPES }) @IsIn(FIELD_TYPES) type!: FieldType;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() required?: boolean;
  @ApiPropertyOptional({ type: [String], maxItems: 50, description: 'choice only' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(200, { each: true }) options?: string[];
  @ApiPropertyOptional({ type: FormConditionDto, description: 'show the field only when an earlier field has this answer' })
  @IsOptional() @ValidateNested() @Type(() => FormConditionDto) showWhen?: FormConditionDto;
  @ApiPropertyOptional({ description: 'number only' }) @IsOptional() @IsNumber() min?: number;
  @ApiPropertyOptional({ description: 'number only' }) @IsOptional() @IsNumber() max?: number;
}

export class GuideAnswerOptionDto {
  @ApiProperty({ example: 'yes', maxLength: 60 }) @IsString() @MaxLength(60) value!: string;
  @ApiProperty({ example: 'Yes', maxLength: 200 }) @IsString() @MaxLength(200) label!: string;
  @ApiProperty({ example: 'cable', maxLength: 60, description: 'the step this answer leads to' }) @IsString() @MaxLength(60) next!: string;
}

/** A question (text and options) or an outcome (outcome, text, redirect for notCovered). */
export class GuideStepDto {
  @ApiProperty({ example: 'power', maxLength: 60 }) @IsString() @MaxLength(60) id!: string;
  @ApiProperty({ enum: ['question', 'outcome'] }) @IsIn(['question', 'outcome']) kind!: 'question' | 'outcome';
  @ApiProperty({ example: 'Is the printer switched on?', maxLength: 2000 }) @IsString() @MaxLength(2000) text!: string;
  @ApiPropertyOptional({ type: [GuideAnswerOptionDto], maxItems: 20, description: 'question only' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => GuideAnswerOptionDto) options?: GuideAnswerOptionDto[];
  @ApiPropertyOptional({ enum: GUIDE_OUTCOMES, description: 'outcome only' }) @IsOptional() @IsIn(GUIDE_OUTCOMES) outcome?: GuideOutcomeKind;
  @ApiPropertyOptional({ maxLength: 500, description: 'notCovered only: where the user goes instead' }) @IsOptional() @IsString() @MaxLength(500) redirect?: string;
}

export class GuideDefinitionDto {
  @ApiProperty({ example: 'power', maxLength: 60 }) @IsString() @MaxLength(60) start!: string;
  @ApiProperty({ type: [GuideStepDto], maxItems: 100 }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => GuideStepDto) steps!: GuideStepDto[];
}

export class UpdateRequestItemDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 200 }) @IsOptional() @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'the service (category) its tickets belong to' })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsUUID() categoryId?: string | null;
  @ApiPropertyOptional({ enum: REQUEST_KINDS, nullable: true }) @IsOptional() @ValidateIf((_o, v) => v !== null) @IsIn(REQUEST_KINDS) requestKind?: RequestKind | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'the team its tickets go to (else the requester’s primary team)' })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsUUID() defaultTeamId?: string | null;
  @ApiPropertyOptional({ pattern: POLICY_CODE.source, nullable: true, description: 'its SLA policy, over the category’s (a customer organisation’s own still wins)' })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @Matches(POLICY_CODE) slaPolicyCode?: string | null;
  @ApiPropertyOptional({ description: 'approval policy: the requester approves the solution before the ticket closes' }) @IsOptional() @IsBoolean() requiresApproval?: boolean;
  @ApiPropertyOptional({ type: [FormFieldDto], maxItems: 50 })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => FormFieldDto) form?: FormFieldDto[];
  @ApiPropertyOptional({ type: GuideDefinitionDto, nullable: true, description: 'guided creation; null: none' })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @ValidateNested() @Type(() => GuideDefinitionDto) guide?: GuideDefinitionDto | null;
}

/** The update's fields with the name required (OmitType keeps their validation; a `declare` field would lose it). */
export class CreateRequestItemDto extends OmitType(UpdateRequestItemDto, ['name'] as const) {
  @ApiProperty({ example: 'Printer problem', minLength: 2, maxLength: 200 }) @IsString() @MinLength(2) @MaxLength(200) name!: string;
}

export class RequestItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) categoryId!: string | null;
  @ApiProperty({ enum: REQUEST_KINDS, nullable: true }) requestKind!: RequestKind | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) defaultTeamId!: string | null;
  @ApiProperty({ nullable: true, type: String }) slaPolicyCode!: string | null;
  @ApiProperty() requiresApproval!: boolean;
  @ApiProperty({ type: [FormFieldDto] }) form!: FormFieldDto[];
  @ApiProperty({ type: GuideDefinitionDto, nullable: true }) guide!: GuideDefinitionDto | null;
}

export class GuideAnswerDto {
  @ApiProperty({ example: 'power', maxLength: 60 }) @IsString() @MaxLength(60) step!: string;
  @ApiProperty({ example: 'yes', maxLength: 60 }) @IsString() @MaxLength(60) value!: string;
}

export class RunGuideDto {
  @ApiProperty({ type: [GuideAnswerDto], maxItems: 100, description: 'the answers so far, in order; [] to start' })
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => GuideAnswerDto) answers!: GuideAnswerDto[];
}

class GuideOptionView {
  @ApiProperty() value!: string;
  @ApiProperty() label!: string;
}

class GuideQuestionView {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [GuideOptionView] }) options!: GuideOptionView[];
}

class GuideOutcomeView {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
  @ApiPropertyOptional({ description: 'notCovered: where to go instead' }) redirect?: string;
}

class GuidePathEntryView {
  @ApiProperty() step!: string;
  @ApiProperty() question!: string;
  @ApiProperty() value!: string;
  @ApiProperty() label!: string;
}

export class GuideRunView {
  @ApiProperty({ enum: ['question', ...GUIDE_OUTCOMES], description: 'question: answer `step` next; solved / notCovered: no ticket; create: POST /tickets with requestItemId and these guideAnswers' })
  status!: 'question' | GuideOutcomeKind;
  @ApiPropertyOptional({ type: GuideQuestionView, description: 'the next question' }) step?: GuideQuestionView;
  @ApiPropertyOptional({ type: GuideOutcomeView, description: 'where the guide ended' }) outcome?: GuideOutcomeView;
  @ApiProperty({ type: [GuidePathEntryView] }) path!: GuidePathEntryView[];
}

export class GuideDiagramView {
  @ApiProperty({ description: 'the guide as a Mermaid state diagram' }) mermaid!: string;
}

export class GuideStatisticsRow {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty() itemName!: string;
  @ApiProperty({ type: 'integer' }) solved!: number;
  @ApiProperty({ type: 'integer' }) notCovered!: number;
  @ApiProperty({ type: 'integer', description: 'guides that ended in "create" (a ticket may or may not have followed)' }) create!: number;
}
