import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SlaPolicy } from '../../machines/sla/sla-policy';
import { STANDARD_SLA } from '../../machines/sla/sla-policy';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { EscalationsQuery, PublishSlaPolicyDto, SlaReportQuery } from './dto/sla.dto';
import { SlaPoliciesService } from './sla-policies.service';
import { EscalationRow, SlaReportRow, SlaReportsService } from './sla-reports.service';
import { Permission } from '../auth/permission.decorator';


@ApiTags('sla')
@ApiBearerAuth()
@Controller('sla')
export class SlaController {
  constructor(
    private readonly policies: SlaPoliciesService,
    private readonly reports: SlaReportsService,
  ) {}

  @Get('policies')
  @Permission('overview')
  @ApiOperation({ summary: 'Every version of every SLA policy' })
  list(@CurrentUser() user: AuthUser): Promise<SlaPolicy[]> {
    return this.policies.list();
  }

  @Post('policies')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: publish the next version of a policy (open tickets keep theirs)' })
  publish(@CurrentUser() user: AuthUser, @Body() dto: PublishSlaPolicyDto): Promise<SlaPolicy> {
    return this.policies.publish({
      ...STANDARD_SLA,
      requestKinds: {},
      ...dto,
      onCall: dto.onCall ?? null,
    });
  }

  @Get('escalations')
  @Permission('overview')
  @ApiOperation({ summary: 'Escalation overview: tickets near or past a deadline, least time left first' })
  escalations(@CurrentUser() user: AuthUser, @Query() query: EscalationsQuery): Promise<EscalationRow[]> {
    return this.reports.escalations(new Date(), query.withinMinutes, query.team);
  }

  @Get('report')
  @Permission('overview')
  @ApiOperation({ summary: 'SLA compliance per team, priority and category for tickets opened in a period' })
  report(@CurrentUser() user: AuthUser, @Query() query: SlaReportQuery): Promise<SlaReportRow[]> {
    return this.reports.report({ ...query, from: new Date(query.from), to: new Date(query.to) });
  }
}
