import { Controller, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';
import { ClosedMonthView, MonthParams, StatementParams, StatementView } from './dto/time.dto';
import { statementCsv, statementHtml } from './statement.documents';
import { TimeService } from './time.service';

/** Monthly statements per customer organisation and the closing of months (seed 003). */
@ApiTags('time')
@ApiBearerAuth()
@Controller('time')
export class TimeController {
  constructor(private readonly time: TimeService) {}

  @Get('statements/:organisation/:month')
  @Permission('statements')
  @ApiOperation({ summary: 'Team leads and admins: a customer’s monthly statement: entries by ticket, subtotals, totals' })
  @ApiOkResponse({ type: StatementView, description: 'the statement; totals are the sum of the subtotals' })
  @ApiErrors({ 404: 'no such organisation (field: organisation)' })
  statement(@Param() p: StatementParams): Promise<StatementView> {
    return this.time.statement(p.organisation, p.month);
  }

  @Get('statements/:organisation/:month/csv')
  @Permission('statements')
  @ApiOperation({ summary: 'The statement as CSV: one line per entry, a subtotal line per ticket, a total line' })
  @ApiOkResponse({ description: 'CSV (RFC 4180), comma-separated, header line first', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiErrors({ 404: 'no such organisation (field: organisation)' })
  async statementCsv(@Param() p: StatementParams, @Res({ passthrough: true }) res: Response): Promise<string> {
    const document = statementCsv(await this.time.statement(p.organisation, p.month));
    // Set on success only: a refusal is the one JSON error body (a static @Header would label it CSV).
    res.type('text/csv; charset=utf-8');
    return document;
  }

  @Get('statements/:organisation/:month/html')
  @Permission('statements')
  @ApiOperation({ summary: 'The statement as a printable HTML document (print to PDF from the browser)' })
  @ApiOkResponse({ description: 'a standalone HTML page', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiErrors({ 404: 'no such organisation (field: organisation)' })
  async statementHtml(@Param() p: StatementParams, @Res({ passthrough: true }) res: Response): Promise<string> {
    const document = statementHtml(await this.time.statement(p.organisation, p.month));
    res.type('text/html; charset=utf-8');
    return document;
  }

  @Get('closed-months')
  @Permission('statements')
  @ApiOperation({ summary: 'The closed months, newest first' })
  @ApiOkResponse({ type: [ClosedMonthView] })
  closedMonths(): Promise<ClosedMonthView[]> {
    return this.time.closedMonths();
  }

  @Put('closed-months/:month')
  @Permission('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: close a past month: its statements are final, no entry dated in it is accepted (idempotent)' })
  @ApiOkResponse({ type: ClosedMonthView, description: 'the month as closed (the first close: closing again changes nothing)' })
  @ApiErrors({ 422: 'the month is not over (field: month, rule: monthNotOver)' })
  closeMonth(@CurrentUser() user: AuthUser, @Param() p: MonthParams): Promise<ClosedMonthView> {
    return this.time.closeMonth(user, p.month);
  }
}
