import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { WEEKDAYS } from '../../../machines/calendar/business-calendar';

export const GROUPINGS = ['team', 'priority', 'category', 'week', 'month'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** The longest period a day-by-day figure (backlog) covers: a year and a bit. */
export const MAX_PERIOD_DAYS = 400;

export class PeriodQuery {
  @ApiProperty({ format: 'date-time', example: '2026-11-01T00:00:00+01:00', description: 'from (inclusive)' }) @IsISO8601() from!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T00:00:00+01:00', description: 'up to (exclusive); after from (422 otherwise)' }) @IsISO8601() to!: string;
}

export class SlaStatisticsQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: GROUPINGS, default: 'team', description: 'one line per team, priority, category, week (Monday first) or month of opening' })
  @IsOptional()
  @IsIn(GROUPINGS)
  groupBy: Grouping = 'team';

  @ApiPropertyOptional({ type: 'integer', default: 3, minimum: 1, maximum: 60, description: 'N of "% resolved within N business days"' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  withinDays: number = 3;
}

export class FlagAgeQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'the moment ages are measured at (default now); pass the answer’s `at` to get the same figures as CSV' })
  @IsOptional()
  @IsISO8601()
  at?: string;
}

const pct = (description: string) => ApiProperty({ type: 'number', nullable: true, minimum: 0, maximum: 100, description: `${description}; null when nothing counts` });
const businessMinutes = (description: string) => ApiProperty({ type: 'integer', nullable: true, description: `${description}, in business minutes of the ticket's SLA calendar (the clock's elapsed time at stop)` });

/** SLA compliance of one group of tickets opened in the period (figures.ts, slaFigures). */
export class SlaFiguresRow {
  @ApiProperty({ description: 'the team, priority, category, week (its Monday, YYYY-MM-DD) or month (YYYY-MM); "(all)" on the total line' }) group!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'tickets with an SLA opened in the period' }) tickets!: number;
  @pct('first responses within target, of the first-response clocks stopped or breached') firstResponseMetPct!: number | null;
  @pct('resolutions within target, of the resolution clocks stopped or breached') resolutionMetPct!: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'first-response clocks that breached' }) responseBreaches!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'resolution clocks that breached' }) resolutionBreaches!: number;
  @businessMinutes('median time to first response') medianResponseBusinessMinutes!: number | null;
  @businessMinutes('90th percentile of the time to first response') p90ResponseBusinessMinutes!: number | null;
  @businessMinutes('median time to resolve') medianResolutionBusinessMinutes!: number | null;
  @businessMinutes('90th percentile of the time to resolve') p90ResolutionBusinessMinutes!: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'tickets whose resolution clock has stopped (resolved or closed)' }) resolved!: number;
  @pct('of the resolved, those resolved within withinDays business days (a business day: the longest opening day of the calendar, 24 h on 24x7)')
  resolvedWithinDaysPct!: number | null;
  @pct('of the resolved, those resolved with no handover to another team and no reopen') firstContactResolutionPct!: number | null;
  @pct('of the tickets resolved at least once, those reopened') reopenRatePct!: number | null;
}

export class SlaStatisticsView {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ enum: GROUPINGS }) groupBy!: Grouping;
  @ApiProperty({ type: 'integer' }) withinDays!: number;
  @ApiProperty({ description: 'the zone weeks and months are read in' }) timeZone!: string;
  @ApiProperty({ type: [SlaFiguresRow], description: 'one line per group, in order' }) rows!: SlaFiguresRow[];
  @ApiProperty({ type: SlaFiguresRow, description: 'the period as a whole (group "(all)")' }) total!: SlaFiguresRow;
}

export class BacklogDay {
  @ApiProperty({ format: 'date', example: '2026-11-02' }) day!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'tickets opened and not yet closed at the end of the day' }) open!: number;
}

export class BacklogView {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ description: 'the zone days end in' }) timeZone!: string;
  @ApiProperty({ type: [BacklogDay], description: 'every day of the period, oldest first' }) days!: BacklogDay[];
}

export class ArrivalCount {
  @ApiProperty({ description: 'the hour of day (00-23), the weekday (mon-sun), or "(all)"' }) key!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) tickets!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'opened outside the business hours of the ticket’s SLA calendar' }) outsideServiceHours!: number;
}

export class ArrivalTotal extends ArrivalCount {
  @pct('the share opened outside service hours') outsideServiceHoursPct!: number | null;
}

export class ArrivalsView {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ description: 'the zone hours and weekdays are read in' }) timeZone!: string;
  @ApiProperty({ type: [ArrivalCount], description: '24 lines, 00 to 23' }) byHour!: ArrivalCount[];
  @ApiProperty({ type: [ArrivalCount], description: `7 lines, ${WEEKDAYS.join(', ')}` }) byWeekday!: ArrivalCount[];
  @ApiProperty({ type: ArrivalTotal }) total!: ArrivalTotal;
}

export class FlagAgeRow {
  @ApiProperty({ description: 'the team, "(no team)", or "(all)" on the total line' }) team!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'open tickets with the Update flag set' }) flagged!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'median minutes since the flag was set (wall-clock time)' }) medianAgeMinutes!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the longest wait, in minutes' }) maxAgeMinutes!: number | null;
}

export class FlagAgeView {
  @ApiProperty({ format: 'date-time', description: 'the moment the ages are measured at' }) at!: string;
  @ApiProperty({ type: [FlagAgeRow], description: 'one line per team with flagged tickets, by name' }) rows!: FlagAgeRow[];
  @ApiProperty({ type: FlagAgeRow }) total!: FlagAgeRow;
}

export class DeflectionView {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'guides that ended with the problem solved (GET /catalog/guide-statistics)' }) guidesSolved!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'guides that ended in "not covered"' }) guidesNotCovered!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'guides that ended in "create a ticket"' }) guidesToTicket!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: '"this solved my problem" on an article (GET /articles/statistics)' }) articleDeflections!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'tickets raised in the portal' }) portalTickets!: number;
  @pct('solved by a guide or an article, of those plus the tickets raised in the portal') deflectionPct!: number | null;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class ReviewMonthParams {
  @ApiProperty({ example: '2026-11', description: 'YYYY-MM, in the service’s time zone' }) @Matches(MONTH, { message: 'month must be YYYY-MM' }) month!: string;
}

export class ServiceReviewParams extends ReviewMonthParams {
  @ApiProperty({ example: 'BSS', maxLength: 40, description: 'the customer organisation’s code' }) @IsString() @MaxLength(40) organisation!: string;
}

export class ReviewVolumes {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'tickets its users raised in the month' }) opened!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'of its tickets, those resolved in the month' }) resolved!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'of its tickets, those closed in the month' }) closed!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'its tickets open when the month ended' }) openAtEnd!: number;
}

export class CategoryCount {
  @ApiProperty({ description: 'the category, or "(no category)"' }) category!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) tickets!: number;
}

/** A breached clock of a ticket opened in the month, with what its recorded segments say about why. */
export class ReviewBreach {
  @ApiProperty({ example: 'INC-000001' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'P2' }) priority!: string;
  @ApiProperty({ enum: ['firstResponse', 'escalation', 'resolution', 'updateFlag'] }) clock!: string;
  @ApiProperty({ format: 'date-time' }) breachedAt!: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'the ticket’s status while the clock ran out (its segment’s)' }) statusAtBreach!: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'why the clock was running then: the segment’s reason (opened, reopened, pending ended …)' }) runningSince!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'handovers to another team' }) handovers!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) reopens!: number;
}

/** One customer organisation's month (issue 15, item 5): the review mailed to its contact. */
export class ServiceReviewView {
  @ApiProperty({ example: 'BSS' }) organisation!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ description: 'the zone the month is read in' }) timeZone!: string;
  @ApiProperty({ type: 'integer', description: 'N of the SLA figures’ "% resolved within N business days"' }) withinDays!: number;
  @ApiProperty({ type: SlaFiguresRow, description: 'SLA figures of its tickets with an SLA opened in the month (group: the month)' }) sla!: SlaFiguresRow;
  @ApiProperty({ type: ReviewVolumes }) volumes!: ReviewVolumes;
  @ApiProperty({ type: [CategoryCount], description: 'the five categories with most tickets opened, most first' }) topCategories!: CategoryCount[];
  @ApiProperty({ type: [ReviewBreach], description: 'the breached first-response and resolution clocks of its tickets opened in the month (those the SLA figures count), by breach time' }) breaches!: ReviewBreach[];
}

export class MailedReview {
  @ApiProperty({ example: 'BSS' }) organisation!: string;
  @ApiProperty({ format: 'uuid' }) contactId!: string;
  @ApiProperty({ description: 'the outbox message (GET /mail/outbox); the same on a repeated call, which mails nothing again' }) notificationId!: string;
}
