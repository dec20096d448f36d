import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { StartWhatIfDto, WhatIfRunDto } from './dto/what-if.dto';
import { WhatIfService } from './what-if.service';

/** What-if replay of a proposed SLA policy over a period's tickets (issue 15, item 1; docs/service-levels.md). */
@ApiTags('sla')
@ApiBearerAuth()
@Controller('what-if')
export class WhatIfController {
  constructor(private readonly whatIf: WhatIfService) {}

  @Post()
  @Permission('evidence')
  @HttpCode(202)
  @ApiOperation({ summary: 'Replay the finished tickets of a period under a proposed SLA policy (not in force), from a workflow; optionally as evidence for a CSI proposal' })
  @ApiAcceptedResponse({ type: WhatIfRunDto, description: 'started; follow it with GET /what-if/{id}' })
  @ApiErrors({ 422: 'the period is empty (field: from), or the proposal is no policy (field: definition or priorityMatrix)' })
  start(@CurrentUser() user: AuthUser, @Body() dto: StartWhatIfDto, @IdempotencyKey() key?: string): Promise<WhatIfRunDto> {
    return this.whatIf.start(user, dto, key);
  }

  @Get(':id')
  @Permission('evidence')
  @ApiOperation({ summary: 'A what-if replay: its progress and, once finished, its report' })
  @ApiOkResponse({ type: WhatIfRunDto })
  @ApiErrors({ 404: 'no such replay' })
  get(@Param('id') id: string): Promise<WhatIfRunDto> {
    return this.whatIf.get(id);
  }
}
