import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { AlertDto, AlertmanagerWebhookDto } from './dto/alert.dto';
import { AlertReceipt, MonitorsService } from './monitors.service';
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
  alert(@CurrentUser() user: AuthUser, @Body() alert: AlertDto): Promise<AlertReceipt> {
    return this.monitors.ingest(user, alert);
  }

  @Post('alertmanager')
  @Permission('monitor')
  @HttpCode(202)
  @ApiOperation({ summary: 'Monitor role: Prometheus Alertmanager’s webhook payload, unchanged' })
  alertmanager(@CurrentUser() user: AuthUser, @Body() payload: AlertmanagerWebhookDto): Promise<AlertReceipt[]> {
    return this.monitors.ingestAlertmanager(user, payload.alerts);
  }

  @Get('alerts')
  @Permission('overview')
  @ApiOperation({ summary: 'The alerts behind an incident (occurrences, first and last seen, flapping)' })
  alertsOf(@CurrentUser() user: AuthUser, @Query('ticket') ticket: string) {
    return this.monitors.alertsOf(user, ticket);
  }
}
