import { applyDecorators, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';
import {
  ArrivalsView,
  BacklogView,
  DeflectionView,
  FlagAgeQuery,
  FlagAgeView,
  MailedReview,
  PeriodQuery,
  ReviewMonthParams,
  ServiceReviewParams,
  ServiceReviewView,
  SlaStatisticsQuery,
  SlaStatisticsView,
} from './dto/statistics.dto';
import { ServiceReviewsService } from './service-reviews.service';
import { arrivalsCsv, backlogCsv, deflectionCsv, serviceReviewCsv, slaCsv, updateFlagsCsv } from './statistics.csv';
import { periodOf, StatisticsService } from './statistics.service';

const PERIOD_ERRORS = { 422: '`from` is not before `to` (field: from)' } as const;

/** The same figures as the JSON operation, as a CSV document. */
const CsvDocument = (summary: string) =>
  applyDecorators(
    ApiOperation({ summary: `${summary} as CSV: the JSON answer's figures, a header line first, the total last` }),
    ApiOkResponse({ description: 'CSV (RFC 4180), comma-separated, header line first', content: { 'text/csv': { schema: { type: 'string' } } } }),
  );

/** Set on success only: a refusal is the one JSON error body (a static @Header would label it CSV). */
function csv(res: Response, document: string): string {
  res.type('text/csv; charset=utf-8');
  return document;
}

/** Statistics people trust (issue 15, item 5): from the recorded SLA clocks and ticket rows, as JSON and CSV. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly reviews: ServiceReviewsService,
  ) {}

  @Get('sla')
  @Permission('overview')
  @ApiOperation({ summary: 'SLA compliance, times to respond and resolve, first-contact resolution and reopen rate per team, priority, category, week or month' })
  @ApiOkResponse({ type: SlaStatisticsView })
  @ApiErrors(PERIOD_ERRORS)
  sla(@Query() q: SlaStatisticsQuery): Promise<SlaStatisticsView> {
    return this.statistics.sla(periodOf(q), q.groupBy, q.withinDays);
  }

  @Get('sla/csv')
  @Permission('overview')
  @CsvDocument('SLA compliance')
  @ApiErrors(PERIOD_ERRORS)
  async slaCsv(@Query() q: SlaStatisticsQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    return csv(res, slaCsv(await this.statistics.sla(periodOf(q), q.groupBy, q.withinDays)));
  }

  @Get('backlog')
  @Permission('overview')
  @ApiOperation({ summary: 'Backlog over time: tickets open at the end of each day of the period' })
  @ApiOkResponse({ type: BacklogView })
  @ApiErrors({ 422: '`from` is not before `to` (field: from), or the period spans more than 400 days (field: to)' })
  backlog(@Query() q: PeriodQuery): Promise<BacklogView> {
    return this.statistics.backlog(periodOf(q));
  }

  @Get('backlog/csv')
  @Permission('overview')
  @CsvDocument('The backlog')
  @ApiErrors({ 422: '`from` is not before `to` (field: from), or the period spans more than 400 days (field: to)' })
  async backlogCsv(@Query() q: PeriodQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    return csv(res, backlogCsv(await this.statistics.backlog(periodOf(q))));
  }

  @Get('arrivals')
  @Permission('overview')
  @ApiOperation({ summary: 'Tickets opened by hour of day and weekday, with the share outside service hours (seed 001)' })
  @ApiOkResponse({ type: ArrivalsView })
  @ApiErrors(PERIOD_ERRORS)
  arrivals(@Query() q: PeriodQuery): Promise<ArrivalsView> {
    return this.statistics.arrivals(periodOf(q));
  }

  @Get('arrivals/csv')
  @Permission('overview')
  @CsvDocument('Arrivals')
  @ApiErrors(PERIOD_ERRORS)
  async arrivalsCsv(@Query() q: PeriodQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    return csv(res, arrivalsCsv(await this.statistics.arrivals(periodOf(q))));
  }

  @Get('update-flags')
  @Permission('overview')
  @ApiOperation({ summary: 'Update-flag age: how long end users’ messages have waited on open tickets, per team' })
  @ApiOkResponse({ type: FlagAgeView })
  updateFlags(@Query() q: FlagAgeQuery): Promise<FlagAgeView> {
    return this.statistics.updateFlags(q.at ? new Date(q.at) : new Date());
  }

  @Get('update-flags/csv')
  @Permission('overview')
  @CsvDocument('Update-flag age')
  async updateFlagsCsv(@Query() q: FlagAgeQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    return csv(res, updateFlagsCsv(await this.statistics.updateFlags(q.at ? new Date(q.at) : new Date())));
  }

  @Get('deflection')
  @Permission('overview')
  @ApiOperation({ summary: 'Deflection: problems solved by guides and articles without a ticket, against tickets raised in the portal' })
  @ApiOkResponse({ type: DeflectionView })
  @ApiErrors(PERIOD_ERRORS)
  deflection(@Query() q: PeriodQuery): Promise<DeflectionView> {
    return this.statistics.deflection(periodOf(q));
  }

  @Get('deflection/csv')
  @Permission('overview')
  @CsvDocument('Deflection')
  @ApiErrors(PERIOD_ERRORS)
  async deflectionCsv(@Query() q: PeriodQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    return csv(res, deflectionCsv(await this.statistics.deflection(periodOf(q))));
  }

  @Get('service-reviews/:organisation/:month')
  @Permission('overview')
  @ApiOperation({ summary: 'A customer organisation’s monthly service review: SLA met, volumes, top categories, breaches with their reasons' })
  @ApiOkResponse({ type: ServiceReviewView })
  @ApiErrors({ 404: 'no such organisation (field: organisation)' })
  serviceReview(@Param() p: ServiceReviewParams): Promise<ServiceReviewView> {
    return this.reviews.review(p.organisation, p.month);
  }

  @Get('service-reviews/:organisation/:month/csv')
  @Permission('overview')
  @ApiOperation({ summary: 'The service review as CSV: one figure a line (section, name, value, detail), then one line per breach' })
  @ApiOkResponse({ description: 'CSV (RFC 4180), comma-separated, header line first', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiErrors({ 404: 'no such organisation (field: organisation)' })
  async serviceReviewCsv(@Param() p: ServiceReviewParams, @Res({ passthrough: true }) res: Response): Promise<string> {
    return csv(res, serviceReviewCsv(await this.reviews.review(p.organisation, p.month)));
  }

  @Post('service-reviews/:month/mail')
  @Permission('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: mail each organisation with a contact its review of a month that is over (a repeat mails nothing again)' })
  @ApiOkResponse({ type: [MailedReview], description: 'one line per organisation with a contact, by code' })
  @ApiErrors({ 422: 'the month is not over (field: month, rule: monthNotOver)' })
  mailReviews(@Param() p: ReviewMonthParams): Promise<MailedReview[]> {
    return this.reviews.mail(p.month);
  }
}
