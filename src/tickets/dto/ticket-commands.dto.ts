// Bodies of the ticket command endpoints. Shape only: the rules (who, when, what a text must
// say) are the machine's.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateBy, ValidateNested } from 'class-validator';
import { PENDING_REASONS, TICKET_TYPES } from '../../../machines/ticket.types';
import type { PendingReason, TicketType } from '../../../machines/ticket.types';

export class AssignToTeamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  teamId!: string;

  @ApiPropertyOptional({ maxLength: 20000, description: 'handover note: required when the ticket already has a team (seed 000, principle 1)' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  note?: string;
}

export class AssignToAgentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  agentId!: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'for an agent outside the ticket’s team: with whom it was agreed (seed 000, principle 3)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  agreedWith?: string;
}

export class SetCategoryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  categoryId!: string;
}

/** Additional Questions are a category's handful of keys: at most 50 answers of at most 2,000 characters. */
const IsAnswerMap = () =>
  ValidateBy({
    name: 'isAnswerMap',
    validator: {
      validate: (value: unknown) =>
        !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length <= 50 &&
        Object.entries(value).every(([k, v]) => k.length > 0 && k.length <= 100 && typeof v === 'string' && v.length <= 2000),
      defaultMessage: () => 'answers must map at most 50 question keys (1-100 characters) to texts of at most 2,000 characters',
    },
  });

export class AnswersDto {
  @ApiProperty({
    example: { printer: 'HP 3rd floor', tried: 'restarted, other PC works' },
    description: 'Additional Questions by key (keys of 1-100 characters)',
    type: 'object',
    additionalProperties: { type: 'string', maxLength: 2000 },
    maxProperties: 50,
  })
  @IsObject()
  @IsAnswerMap()
  answers!: Record<string, string>;
}

export class EscalateDto {
  @ApiProperty({ format: 'uuid', description: 'a 2nd or 3rd line team' })
  @IsUUID()
  teamId!: string;

  @ApiProperty({ maxLength: 20000, description: 'the handover note: the problem and what was tried ("done" is refused)' })
  @IsString()
  @MaxLength(20000)
  note!: string;
}

export class NoteDto {
  @ApiProperty({ maxLength: 20000, description: 'the solution, for the primary team that resolves the ticket' })
  @IsString()
  @MaxLength(20000)
  note!: string;
}

export class DuplicateDto {
  @ApiProperty({ example: 'INC-000123', description: 'the ticket that is worked; this one closes, its user is told to follow that one' })
  @IsString()
  @MaxLength(20)
  duplicateOf!: string;
}

export class VendorTicketDto {
  @ApiProperty({ example: 'HP Support', maxLength: 200 }) @IsString() @MaxLength(200) vendor!: string;
  @ApiProperty({ example: 'HP-778812', maxLength: 200 }) @IsString() @MaxLength(200) vendorTicketId!: string;
  @ApiPropertyOptional({ example: 'support@hp.example', description: 'the vendor’s mail address: its mail to the support address is entered as its answer' })
  @IsOptional()
  @IsEmail()
  vendorAddress?: string;
}

export class TextDto {
  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @MaxLength(20000)
  text!: string;
}

export class OptionalTextDto {
  @ApiPropertyOptional({ maxLength: 20000, description: 'why, in a sentence' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  text?: string;
}

export class SetPendingDto extends TextDto {
  @ApiProperty({ enum: PENDING_REASONS })
  @IsIn(PENDING_REASONS)
  reason!: PendingReason;
}

export class ReclassifyDto extends OptionalTextDto {
  @ApiProperty({ enum: TICKET_TYPES })
  @IsIn(TICKET_TYPES)
  ticketType!: TicketType;
}

export class OverridePriorityDto {
  @ApiProperty({ example: 'P2', maxLength: 20, description: 'a priority code of the ticket’s SLA policy' })
  @IsString()
  @MaxLength(20)
  priority!: string;

  @ApiProperty({ maxLength: 2000, description: 'why the computed priority is overridden (journaled)' })
  @IsString()
  @MaxLength(2000)
  text!: string;
}

export class ResolveDto {
  @ApiProperty({ maxLength: 20000, description: 'resolution details; sent to the user in the "Dear user" mail' })
  @IsString()
  @MaxLength(20000)
  resolution!: string;
}

export class TaskDto {
  @ApiProperty({ format: 'uuid', description: 'the team that does this part' }) @IsUUID() teamId!: string;
  @ApiProperty({ minLength: 3, maxLength: 200 }) @IsString() @MinLength(3) @MaxLength(200) title!: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) description?: string;
}

export class SplitDto {
  @ApiProperty({ type: [TaskDto], minItems: 1, maxItems: 20, description: 'one task per team (seed 000, principle 3)' })
  @ValidateNested({ each: true })
  @Type(() => TaskDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  tasks!: TaskDto[];
}
