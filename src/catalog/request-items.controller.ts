import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';
import {
  CreateRequestItemDto,
  GuideDiagramView,
  GuideRunView,
  GuideStatisticsRow,
  RequestItemIdParams,
  RequestItemView,
  RunGuideDto,
  UpdateRequestItemDto,
} from './dto/request-item.dto';
import { RequestItemsService } from './request-items.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('catalog')
export class RequestItemsController {
  constructor(private readonly items: RequestItemsService) {}

  @Get('items')
  @Permission('signedIn')
  @ApiOperation({ summary: 'The service catalog’s request items: what can be asked for, with form and guide' })
  @ApiOkResponse({ type: [RequestItemView], description: 'by name' })
  list(): Promise<RequestItemView[]> {
    return this.items.list();
  }

  @Get('items/:id')
  @Permission('signedIn')
  @ApiOperation({ summary: 'One request item' })
  @ApiOkResponse({ type: RequestItemView })
  @ApiErrors({ 404: 'no such request item' })
  get(@Param() params: RequestItemIdParams): Promise<RequestItemView> {
    return this.items.get(params.id);
  }

  @Post('items')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: add a request item (form and guide are checked when saved)' })
  @ApiCreatedResponse({ type: RequestItemView })
  @ApiErrors({ 409: 'the name is taken (field: name)', 422: 'the form or the guide is wrong (field, rule; missing lists every problem), or a category, team or SLA policy does not exist (field)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRequestItemDto): Promise<RequestItemView> {
    return this.items.create(user, dto);
  }

  @Patch('items/:id')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: change a request item, its form or its guide' })
  @ApiOkResponse({ type: RequestItemView, description: 'the item afterwards' })
  @ApiErrors({ 404: 'no such request item', 409: 'the name is taken (field: name)', 422: 'the form or the guide is wrong (field, rule; missing lists every problem), or a reference does not exist (field)' })
  update(@CurrentUser() user: AuthUser, @Param() params: RequestItemIdParams, @Body() dto: UpdateRequestItemDto): Promise<RequestItemView> {
    return this.items.update(user, params.id, dto);
  }

  @Post('items/:id/guide')
  @HttpCode(200)
  @Permission('signedIn')
  @ApiOperation({
    summary: 'Guided creation: send the answers so far, get the next question or the outcome (solved / notCovered: no ticket; create: POST /tickets with requestItemId and these guideAnswers)',
  })
  @ApiOkResponse({ type: GuideRunView })
  @ApiErrors({ 404: 'no such request item, or it has no guide', 422: 'an answer is for another step or not an option (field: answers[i], rule)' })
  runGuide(@CurrentUser() user: AuthUser, @Param() params: RequestItemIdParams, @Body() dto: RunGuideDto): Promise<GuideRunView> {
    return this.items.runGuide(user, params.id, dto.answers.map(({ step, value }) => ({ step, value })));
  }

  @Get('items/:id/guide/diagram')
  @Permission('signedIn')
  @ApiOperation({ summary: 'The item’s guide as a Mermaid state diagram, drawn from its machine' })
  @ApiOkResponse({ type: GuideDiagramView })
  @ApiErrors({ 404: 'no such request item, or it has no guide' })
  diagram(@Param() params: RequestItemIdParams): Promise<GuideDiagramView> {
    return this.items.diagram(params.id);
  }

  @Get('guide-statistics')
  @Permission('overview')
  @ApiOperation({ summary: 'How often each item’s guide solved the problem, refused it (not covered) or led on to a ticket' })
  @ApiOkResponse({ type: [GuideStatisticsRow], description: 'by item name' })
  statistics(): Promise<GuideStatisticsRow[]> {
    return this.items.statistics();
  }
}
