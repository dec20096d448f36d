import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { draftOf, PublishSlaPolicyDto } from '../sla/dto/sla.dto';
import { PolicyChangeDto, PolicyPreviewDto } from './dto/policy-change.dto';
import { PolicyChangesService } from './policy-changes.service';

/** A change of an SLA policy, previewed on the open tickets, then applied to them in one step (issue 15, item 2; docs/service-levels.md). */
@ApiTags('sla')
@ApiBearerAuth()
@Controller('sla/policy-changes')
export class PolicyChangesController {
  constructor(private readonly changes: PolicyChangesService) {}

  @Post('preview')
  @Permission('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: what the next version of a policy (the same body as POST /sla/policies) would move on its open tickets; nothing is stored' })
  @ApiOkResponse({ type: PolicyPreviewDto })
  @ApiErrors({ 422: 'the priority matrix does not exist (field: priorityMatrix), or the calendar or the targets do not make a policy (field: definition)' })
  preview(@Body() dto: PublishSlaPolicyDto): Promise<PolicyPreviewDto> {
    return this.changes.preview(draftOf(dto));
  }

  @Post()
  @Permission('admin')
  @HttpCode(202)
  @ApiOperation({ summary: 'Admin: publish the next version of a policy and recalculate every open ticket on an older version, from a workflow' })
  @ApiAcceptedResponse({ type: PolicyChangeDto, description: 'the version published and the recalculation started' })
  @ApiErrors({ 422: 'the priority matrix does not exist (field: priorityMatrix), or the calendar or the targets do not make a policy (field: definition)' })
  apply(@CurrentUser() user: AuthUser, @Body() dto: PublishSlaPolicyDto, @IdempotencyKey() key?: string): Promise<PolicyChangeDto> {
    return this.changes.apply(user, draftOf(dto), key);
  }
}
