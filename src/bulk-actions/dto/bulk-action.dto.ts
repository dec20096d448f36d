import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { MAX_BULK_ITEMS } from '../../../workflows/bulk-action.messages';

/** What a dispatcher or agent may do to a selection of tickets; each ticket's machine judges it as if sent alone. */
export const SELECTION_COMMANDS = ['assignToTeam', 'assignToAgent', 'setCategory', 'closeAsDuplicate'] as const;
export type SelectionCommand = (typeof SELECTION_COMMANDS)[number];

export class StartBulkActionDto {
  @ApiProperty({ type: 'string', isArray: true, minItems: 1, maxItems: MAX_BULK_ITEMS, uniqueItems: true, example: ['INC-000001', 'INC-000002'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_ITEMS)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/^(INC|REQ|TSK)-\d{6,}$/, { each: true, message: 'each number names a ticket (INC-000001)' })
  numbers!: string[];

  @ApiProperty({ enum: SELECTION_COMMANDS, description: 'the command every selected ticket is given' })
  @IsIn(SELECTION_COMMANDS)
  command!: SelectionCommand;

  @ApiPropertyOptional({ format: 'uuid', description: 'assignToTeam: the team' })
  @ValidateIf((o: StartBulkActionDto) => o.command === 'assignToTeam' || o.teamId !== undefined)
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ maxLength: 20000, description: 'assignToTeam: the handover note, required for a ticket that already has a team' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  note?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'assignToAgent: the agent' })
  @ValidateIf((o: StartBulkActionDto) => o.command === 'assignToAgent' || o.agentId !== undefined)
  @IsUUID()
  agentId?: string;

  @ApiPropertyOptional({ example: 'INC-000123', description: 'closeAsDuplicate: the ticket the selected ones duplicate' })
  @ValidateIf((o: StartBulkActionDto) => o.command === 'closeAsDuplicate' || o.duplicateOf !== undefined)
  @IsString()
  @Matches(/^(INC|REQ|TSK)-\d{6,}$/, { message: 'duplicateOf names a ticket (INC-000001)' })
  duplicateOf?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'setCategory: the category' })
  @ValidateIf((o: StartBulkActionDto) => o.command === 'setCategory' || o.categoryId !== undefined)
  @IsUUID()
  categoryId?: string;
}

export class BulkItemDto {
  @ApiProperty({ example: 'INC-000001' }) number!: string;
  @ApiProperty({ enum: ['done', 'skipped', 'refused'], nullable: true, description: 'null while not handled yet' }) outcome!: 'done' | 'skipped' | 'refused' | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'why it was skipped or refused (the ticket’s own rule)' }) reason!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) handledAt!: string | null;
}

export class BulkActionViewDto {
  @ApiProperty({ example: 'BLK-000001', description: 'BLK-… for a selection, MI-…-cascade for a major incident’s linked incidents' }) id!: string;
  @ApiProperty({ example: 'assignToTeam' }) command!: string;
  @ApiProperty({ description: 'who asked (a user id)' }) requestedBy!: string;
  @ApiProperty({ type: 'string', nullable: true }) requestedByName!: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'MI-000001' }) majorIncident!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'tickets handled so far' }) handled!: number;
  @ApiProperty({ description: 'every ticket handled' }) finished!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: [BulkItemDto], description: 'in the order they are handled' }) items!: BulkItemDto[];
}
