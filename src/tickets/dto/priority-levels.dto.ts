// Priority levels over the API: which open tickets a new matrix version would re-level (issue 13;
// a preview, nothing changes), and which levels a new ticket of the caller is assessed with.
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { POLICY_CODE } from '../../sla/dto/sla.dto';

export class PriorityReassessmentsQuery {
  @ApiProperty({ example: 'dansupport', pattern: POLICY_CODE.source, description: 'the priority matrix whose newest version re-assesses' })
  @Matches(POLICY_CODE)
  matrix!: string;
}

export class MatrixVersionRefDto {
  @ApiProperty({ example: 'dansupport' }) code!: string;
  @ApiProperty({ example: 2 }) version!: number;
}

export class TicketReassessmentDto {
  @ApiProperty({ example: 'INC-000042' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'C', description: 'the priority the ticket has now' }) priority!: string;
  @ApiProperty({ example: 'department' }) impact!: string;
  @ApiProperty({ example: 'today' }) urgency!: string;
  @ApiProperty({ example: 'support-contract' }) slaPolicyCode!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'B',
    description: 'the level the newest matrix version gives; null when the ticket’s impact or urgency is no level of it (an agent overrides the priority)',
  })
  reassessedPriority!: string | null;
}

export class PriorityReassessmentsDto {
  @ApiProperty({ type: MatrixVersionRefDto, description: 'the newest version of the matrix, which the re-assessment uses' }) matrix!: MatrixVersionRefDto;
  @ApiProperty({ type: [String], description: 'the SLA policies whose newest version follows the matrix' }) policies!: string[];
  @ApiProperty({ type: [TicketReassessmentDto], description: 'open tickets under those policies whose priority would change, oldest first' })
  tickets!: TicketReassessmentDto[];
}

export class IntakeLevelsDto {
  @ApiProperty({ type: MatrixVersionRefDto, description: 'the priority matrix a new ticket of the caller is assessed with' }) matrix!: MatrixVersionRefDto;
  @ApiProperty({ type: [String], example: ['workplace', 'department', 'site', 'multiSite'], description: 'impact levels, lowest first' }) impact!: string[];
  @ApiProperty({ type: [String], example: ['days', 'tomorrow', 'today', 'immediate'], description: 'urgency levels, lowest first' }) urgency!: string[];
}
