import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { draftOf, EscalationRowDto, EscalationsQuery, PublishSlaPolicyDto, SlaReportQuery, SlaReportRowDto } from './dto/sla.dto';
import { SlaPolicyDto, SlaTargetsDto } from './dto/sla-policy.dto';
import { SlaPoliciesService } from './sla-policies.service';
import { PriorityMatricesService } from './priority-matrices.service';
import { PriorityMatrixDto, PublishPriorityMatrixDto } from './dto/priority-matrix.dto';
import { SlaReportsService } from './sla-reports.service';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';

@ApiTags('sla')
@ApiBearerAuth()
// Targets are a map of priority code to SlaTargetsDto: referenced by name, so it must be in the document.
@ApiExtraModels(SlaTargetsDto)
@Controller('sla')
export class SlaController {
  constructor(
    private readonly policies: SlaPoliciesService,
    private readonly reports: SlaReportsService,
    private readonly matrices: PriorityMatricesService,
  ) {}

  @Get('policies')
  @Permission('overview')
  @ApiOperation({ summary: 'Every version of every SLA policy' })
  @ApiOkResponse({ type: [SlaPolicyDto], description: 'by code, then version' })
  list(@CurrentUser() user: AuthUser): Promise<SlaPolicyDto[]> {
    return this.policies.list();
  }

  @Post('policies')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: publish the next version of a policy (open tickets keep theirs)' })
  @ApiCreatedResponse({ type: SlaPolicyDto, description: 'the version published' })
  @ApiErrors({ 422: 'the priority matrix does not exist (field: priorityMatrix), or the calendar or the targets do not make a policy (field: definition; the message lists every problem)' })
  publish(@CurrentUser() user: AuthUser, @Body() dto: PublishSlaPolicyDto): Promise<SlaPolicyDto> {
    return this.policies.publish(draftOf(dto));
  }

  @Get('priority-matrices')
  @Permission('signedIn')
  @ApiOperation({ summary: 'Every version of every priority matrix: the impact and urgency levels a ticket may name, and the priority levels they reach' })
  @ApiOkResponse({ type: [PriorityMatrixDto], description: 'by code, then version' })
  listMatrices(): Promise<PriorityMatrixDto[]> {
    return this.matrices.list();
  }

  @Post('priority-matrices')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: publish the next version of a priority matrix (new tickets are assessed with it)' })
  @ApiCreatedResponse({ type: PriorityMatrixDto, description: 'the version published' })
  @ApiErrors({ 422: 'an impact x urgency reaches no level, a level is unreachable, or levels are not most urgent first (field; the message lists every problem)' })
  publishMatrix(@CurrentUser() user: AuthUser, @Body() dto: PublishPriorityMatrixDto): Promise<PriorityMatrixDto> {
    return this.matrices.publish(dto);
  }

  @Get('escalations')
  @Permission('overview')
  @ApiOperation({ summary: 'Escalation overview: tickets near or past a deadline, least time left first' })
  @ApiOkResponse({ type: [EscalationRowDto], description: 'at most 100, least time left first' })
  escalations(@CurrentUser() user: AuthUser, @Query() query: EscalationsQuery): Promise<EscalationRowDto[]> {
    return this.reports.escalations(new Date(), query.withinMinutes, query.team);
  }

  @Get('report')
  @Permission('overview')
  @ApiOperation({ summary: 'SLA compliance per team, priority and category for tickets opened in a period' })
  @ApiOkResponse({ type: [SlaReportRowDto], description: 'by team, priority and category' })
  @ApiErrors({ 422: '`from` is not before `to` (field: from)' })
  report(@CurrentUser() user: AuthUser, @Query() query: SlaReportQuery): Promise<SlaReportRowDto[]> {
    return this.reports.report({ ...query, from: new Date(query.from), to: new Date(query.to) });
  }
}
