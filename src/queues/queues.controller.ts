import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { AgentQueueParams, QueuePageDto, StatusQueueParams, TeamQueueParams, UpdateFlagQuery } from './dto/queue.dto';
import { PageQuery } from '../http/page.query';
import { QueuesService } from './queues.service';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';

/** Overviews (issue 4 item 8): staff and process managers; paginated, pageSize at most 200. */
@ApiTags('queues')
@ApiBearerAuth()
@Controller('queues')
export class QueuesController {
  constructor(private readonly queues: QueuesService) {}

  @Get('teams/:teamId')
  @Permission('overview')
  @ApiOperation({ summary: 'A team’s open tickets: unassigned first, then priority, then the nearest SLA deadline, then age' })
  @ApiOkResponse({ type: QueuePageDto })
  @ApiErrors({ 404: 'no such team' })
  team(@CurrentUser() user: AuthUser, @Param() params: TeamQueueParams, @Query() page: PageQuery): Promise<QueuePageDto> {
    return this.queues.team(user, params.teamId, page);
  }

  @Get('status/:status')
  @Permission('overview')
  @ApiOperation({ summary: 'Tickets in one status, by priority, then the nearest SLA deadline, then age' })
  @ApiOkResponse({ type: QueuePageDto })
  status(@CurrentUser() user: AuthUser, @Param() params: StatusQueueParams, @Query() page: PageQuery): Promise<QueuePageDto> {
    return this.queues.status(user, params.status, page);
  }

  @Get('agents/:agentId')
  @Permission('overview')
  @ApiOperation({ summary: 'An agent’s open tickets, by priority, then the nearest SLA deadline' })
  @ApiOkResponse({ type: QueuePageDto })
  @ApiErrors({ 404: 'no such user' })
  agent(@CurrentUser() user: AuthUser, @Param() params: AgentQueueParams, @Query() page: PageQuery): Promise<QueuePageDto> {
    return this.queues.agent(user, params.agentId, page);
  }

  @Get('update-flag')
  @Permission('overview')
  @ApiOperation({ summary: 'Open tickets whose Update flag is older than olderThanMinutes (default 60), oldest first' })
  @ApiOkResponse({ type: QueuePageDto })
  updateFlag(@CurrentUser() user: AuthUser, @Query() query: UpdateFlagQuery): Promise<QueuePageDto> {
    return this.queues.updateFlag(user, query);
  }
}
