import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { AlertDto, AlertmanagerWebhookDto, AlertReceiptDto, MonitorAlertDto } from './dto/alert.dto';
import { MonitorsService } from './monitors.service';
import { Permission } from '../auth/permission.decorator';

@ApiTags('monitors')
@ApiBearerAuth()
@Controller('monitor')
export class MonitorsController {
  constructor(private readonly monitors: MonitorsService) {}

  @Post('alerts')
  @Permission('monitor')
  @HttpCode(202)
  @ApiOperation({ summary: 'Monitor role: an alert firing or resolved; one incident per open fingerprint' })
  @ApiAcceptedResponse({ type: AlertReceiptDto, description: 'what the alert did' })
  alert(@CurrentUser() user: AuthUser, @Body() alert: AlertDto): Promise<AlertReceiptDto> {
    return this.monitors.ingest(user, alert);
  }

  @Post('alertmanager')
  @Permission('monitor')
  @HttpCode(202)
  @ApiOperation({ summary: 'Monitor role: Prometheus Alertmanager’s webhook payload, unchanged' })
  @ApiAcceptedResponse({ type: [AlertReceiptDto], description: 'one receipt per alert, in order' })
  alertmanager(@CurrentUser() user: AuthUser, @Body() payload: AlertmanagerWebhookDto): Promise<AlertReceiptDto[]> {
    return this.monitors.ingestAlertmanager(user, payload.alerts);
  }

  @Get('alerts')
  @Permission('overview')
  @ApiOperation({ summary: 'The alerts behind an incident (occurrences, first and last seen, flapping)' })
  @ApiQuery({ name: 'ticket', required: false, example: 'INC-000001', description: 'the incident; without it nothing matches (an empty list)' })
  @ApiOkResponse({ type: [MonitorAlertDto], description: 'first seen first' })
  alertsOf(@CurrentUser() user: AuthUser, @Query('ticket') ticket?: string): Promise<MonitorAlertDto[]> {
    return this.monitors.alertsOf(user, ticket);
  }
}
