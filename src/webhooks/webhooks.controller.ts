import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';
import { DeliveryLogQuery, RegisteredWebhookDto, RegisterWebhookDto, UpdateWebhookDto, WebhookDeliveryDto, WebhookDto, WebhookIdParams } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

/**
 * Webhooks (issue 15, item 4; docs/webhooks.md): admins register endpoints per event type; each
 * event is POSTed signed (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature),
 * retried with backoff, logged per attempt, and an endpoint that keeps failing is disabled.
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: register an endpoint for some event types; the answer holds its signing secret, once' })
  @ApiCreatedResponse({ type: RegisteredWebhookDto })
  @ApiErrors({ 422: 'the url is not an http(s) URL (field: url)' })
  register(@CurrentUser() user: AuthUser, @Body() dto: RegisterWebhookDto): Promise<RegisteredWebhookDto> {
    return this.webhooks.register(user, dto);
  }

  @Get()
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: every endpoint, with its delivery counts and whether it is failing or disabled' })
  @ApiOkResponse({ type: [WebhookDto] })
  list(): Promise<WebhookDto[]> {
    return this.webhooks.list();
  }

  @Get(':id')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: one endpoint' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiErrors({ 404: 'no such webhook' })
  get(@Param() params: WebhookIdParams): Promise<WebhookDto> {
    return this.webhooks.get(params.id);
  }

  @Patch(':id')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: change the url, event types or description; pause it, or enable it again after it was disabled' })
  @ApiOkResponse({ type: WebhookDto, description: 'the endpoint afterwards' })
  @ApiErrors({ 404: 'no such webhook', 422: 'the url is not an http(s) URL (field: url)' })
  update(@Param() params: WebhookIdParams, @Body() dto: UpdateWebhookDto): Promise<WebhookDto> {
    return this.webhooks.update(params.id, dto);
  }

  @Delete(':id')
  @Permission('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Admin: remove an endpoint and its delivery log' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiErrors({ 404: 'no such webhook' })
  remove(@Param() params: WebhookIdParams): Promise<void> {
    return this.webhooks.remove(params.id);
  }

  @Get(':id/deliveries')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: the endpoint’s delivery log, newest first, each delivery with every attempt' })
  @ApiOkResponse({ type: [WebhookDeliveryDto] })
  @ApiErrors({ 404: 'no such webhook' })
  deliveries(@Param() params: WebhookIdParams, @Query() query: DeliveryLogQuery): Promise<WebhookDeliveryDto[]> {
    return this.webhooks.deliveriesOf(params.id, query.limit);
  }
}
