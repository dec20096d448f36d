import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_ENTRY_MINUTES, TIME_ACTIVITIES, TIME_RULE, type TimeActivity } from '../../../machines/time/time-units';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class LogTimeDto {
  @ApiProperty({ minimum: 1, maximum: MAX_ENTRY_MINUTES, example: 20, description: `the minutes worked; ${TIME_RULE}` })
  @IsInt()
  @Min(1)
  @Max(MAX_ENTRY_MINUTES)
  minutes!: number;

  @ApiProperty({ enum: TIME_ACTIVITIES, example: 'remote' })
  @IsIn(TIME_ACTIVITIES)
  activity!: TimeActivity;

  @ApiPropertyOptional({ default: true, description: 'on the customer’s monthly statement as billable' })
  @IsOptional()
  @IsBoolean()
  billable?: boolean;

  @ApiPropertyOptional({ maxLength: 2000, example: 'Reinstalled the printer driver' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-30', description: 'the work day (default today, UTC); not in a closed month, not after today' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'workedOn must be a date, YYYY-MM-DD' })
  workedOn?: string;
}

export class CorrectTimeDto {
  @ApiProperty({ maxLength: 2000, example: 'Registered on the wrong ticket' })
  @IsString()
  @MaxLength(2000)
  note!: string;
}

export class StatementParams {
  @ApiProperty({ example: 'BSS', description: 'the customer organisation’s code' }) @IsString() @MaxLength(100) organisation!: string;
  @ApiProperty({ example: '2026-11', description: 'YYYY-MM' }) @Matches(MONTH, { message: 'month must be YYYY-MM' }) month!: string;
}

export class MonthParams {
  @ApiProperty({ example: '2026-10', description: 'YYYY-MM' }) @Matches(MONTH, { message: 'month must be YYYY-MM' }) month!: string;
}

export class TimeEntryView {
  @ApiProperty() ticketNumber!: string;
  @ApiProperty({ description: 'the ticket’s title when the time was registered' }) ticketTitle!: string;
  @ApiProperty({ type: 'integer' }) entry!: number;
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty() agentName!: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'the customer organisation' }) organisation!: string | null;
  @ApiProperty({ format: 'date' }) workedOn!: string;
  @ApiProperty({ enum: TIME_ACTIVITIES }) activity!: TimeActivity;
  @ApiProperty({ type: 'integer', description: 'as the agent gave it (negative on a correction)' }) workedMinutes!: number;
  @ApiProperty({ type: 'integer', description: `registered: ${TIME_RULE} (negative on a correction)` }) minutes!: number;
  @ApiProperty() billable!: boolean;
  @ApiProperty({ type: 'string', nullable: true }) note!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the entry this counter-entry cancels' }) corrects!: number | null;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
}

export class TimeTotals {
  @ApiProperty({ type: 'integer' }) minutes!: number;
  @ApiProperty({ type: 'integer' }) billableMinutes!: number;
}

export class TicketTimeView extends TimeTotals {
  @ApiProperty({ description: 'the rule registered time follows' }) rule!: string;
  @ApiProperty({ type: [TimeEntryView] }) entries!: TimeEntryView[];
}

export class StatementTicket extends TimeTotals {
  @ApiProperty() number!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [TimeEntryView] }) entries!: TimeEntryView[];
}

export class StatementView {
  @ApiProperty() organisation!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ description: 'closed months are final' }) closed!: boolean;
  @ApiProperty() rule!: string;
  @ApiProperty({ type: [StatementTicket], description: 'by ticket number, each with its subtotal' }) tickets!: StatementTicket[];
  @ApiProperty({ type: TimeTotals, description: 'the sum of the tickets’ subtotals' }) totals!: TimeTotals;
}

export class ClosedMonthView {
  @ApiProperty({ example: '2026-10' }) month!: string;
  @ApiProperty() closedBy!: string;
  @ApiProperty({ format: 'date-time' }) closedAt!: string;
}
