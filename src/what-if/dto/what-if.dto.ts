import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsOptional, Matches, ValidateNested } from 'class-validator';
import { PublishPriorityMatrixDto } from '../../sla/dto/priority-matrix.dto';
import { PublishSlaPolicyDto } from '../../sla/dto/sla.dto';

export class StartWhatIfDto {
  @ApiProperty({ type: PublishSlaPolicyDto, description: 'the proposed policy (not in force): the same body as POST /sla/policies; its code names the policy whose tickets are replayed' })
  @ValidateNested()
  @Type(() => PublishSlaPolicyDto)
  proposal!: PublishSlaPolicyDto;

  @ApiPropertyOptional({ type: PublishPriorityMatrixDto, description: 'a proposed priority matrix (not in force): each ticket is assessed again from its recorded impact and urgency, and measured against its new level’s targets' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PublishPriorityMatrixDto)
  priorityMatrix?: PublishPriorityMatrixDto;

  @ApiProperty({ format: 'date-time', description: 'tickets opened from this instant…' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ format: 'date-time', description: '…until this one (exclusive)' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional({ example: 'CSI-000001', description: 'the CSI proposal this is evidence for: its view and the forum agenda list it' })
  @IsOptional()
  @Matches(/^CSI-\d{6,}$/, { message: 'csiNumber names a CSI proposal (CSI-000001)' })
  csiNumber?: string;
}

export class WhatIfClockDto {
  @ApiProperty({ type: 'number', nullable: true, description: '% of finished clocks within target, as recorded' }) metNowPct!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: '% within target under the proposal' }) metProposedPct!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'business minutes' }) medianNowMinutes!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) medianProposedMinutes!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) p90NowMinutes!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) p90ProposedMinutes!: number | null;
}

export class WhatIfRowDto {
  @ApiProperty({ type: 'string', nullable: true, description: 'null in the total row' }) team!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) priority!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) category!: string | null;
  @ApiProperty({ type: 'integer' }) tickets!: number;
  @ApiProperty({ type: WhatIfClockDto }) firstResponse!: WhatIfClockDto;
  @ApiProperty({ type: WhatIfClockDto }) resolution!: WhatIfClockDto;
  @ApiProperty({ type: 'integer', description: 'tickets that met a target and would have breached it under the proposal' }) wouldBreach!: number;
  @ApiProperty({ type: 'integer', description: 'tickets that breached a target and would have met it' }) wouldMeet!: number;
}

export class WhatIfFlipDto {
  @ApiProperty({ example: 'INC-000042' }) number!: string;
  @ApiProperty({ enum: ['firstResponse', 'resolution'] }) clock!: 'firstResponse' | 'resolution';
  @ApiProperty() metNow!: boolean;
  @ApiProperty() metProposed!: boolean;
}

export class WhatIfReportDto {
  @ApiProperty({ type: WhatIfRowDto, nullable: true, description: 'all replayed tickets (a row of 0 tickets when the period had none)' }) total!: WhatIfRowDto | null;
  @ApiProperty({ type: [WhatIfRowDto], description: 'per team, priority and category' }) groups!: WhatIfRowDto[];
  @ApiProperty({ type: [WhatIfFlipDto], description: 'each ticket whose outcome flips (at most 500)' }) flips!: WhatIfFlipDto[];
  @ApiProperty({ type: 'integer', description: 'tickets not replayed: the proposal has no level for their priority' }) skipped!: number;
}

export class WhatIfRunDto {
  @ApiProperty({ example: 'WIF-000001' }) id!: string;
  @ApiProperty({ example: 'standard' }) policy!: string;
  @ApiProperty({ type: 'string', example: 'Shorter P3 resolution' }) proposalName!: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'the proposed priority matrix, if any' }) priorityMatrixName!: string | null;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: 'string', nullable: true }) csiNumber!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'tickets of the period; null until counted' }) total!: number | null;
  @ApiProperty({ type: 'integer' }) replayed!: number;
  @ApiProperty() finished!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: WhatIfReportDto, nullable: true, description: 'once finished' }) report!: WhatIfReportDto | null;
}
