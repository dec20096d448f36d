import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { BulkActionsService } from './bulk-actions.service';
import { BulkActionViewDto, StartBulkActionDto } from './dto/bulk-action.dto';

/**
 * Bulk actions (issue 15, item 3): one command on a selection of tickets, carried out by a
 * workflow; each ticket's machine judges it as if it were sent alone, and a refusal is that
 * ticket's outcome. A major incident's cascade is read here too (`MI-000001-cascade`).
 */
@ApiTags('bulk-actions')
@ApiBearerAuth()
@Controller('bulk-actions')
export class BulkActionsController {
  constructor(private readonly bulk: BulkActionsService) {}

  @Post()
  @Permission('staff')
  @HttpCode(202)
  @ApiOperation({ summary: 'Give a selection of tickets one command (assign to a team or an agent, set the category, close as a duplicate)' })
  @ApiAcceptedResponse({ type: BulkActionViewDto, description: 'the action, started; follow it with GET /bulk-actions/{id}' })
  start(@CurrentUser() user: AuthUser, @Body() dto: StartBulkActionDto, @IdempotencyKey() key?: string): Promise<BulkActionViewDto> {
    return this.bulk.start(user, dto, key);
  }

  @Get(':id')
  @Permission('overview')
  @ApiOperation({ summary: 'A bulk action or a major incident’s cascade: each ticket’s outcome so far' })
  @ApiOkResponse({ type: BulkActionViewDto })
  @ApiErrors({ 404: 'no such bulk action' })
  get(@Param('id') id: string): Promise<BulkActionViewDto> {
    return this.bulk.get(id);
  }
}
