import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtension, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ChangeCommand } from '../../machines/change.types';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ChangesService } from './changes.service';
import {
  AssessChangeDto,
  ChangePageDto,
  ChangeTemplateDto,
  ChangeViewDto,
  CompleteDto,
  CreateChangeDto,
  LinkIncidentDto,
  LinkProblemDto,
  ListChangesQuery,
  ChangeNoteDto,
  ReviewDto,
  ScheduleDto,
  VoteDto,
} from './dto/changes.dto';
import { Permission } from '../auth/permission.decorator';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { ApiErrors, processCommandErrors } from '../errors/api-errors.decorator';


/**
 * Change management (issue 6, part 3): templates, the register, and one endpoint per command of
 * the change machine. A refused command answers 409 (with the allowed commands), 403 or 422.
 */
@ApiTags('changes')
@ApiBearerAuth()
@Controller('changes')
export class ChangesController {
  constructor(private readonly changes: ChangesService) {}

  @Get('templates')
  @Permission('overview')
  @ApiOperation({ summary: 'The pre-approved standard change templates' })
  @ApiOkResponse({ type: [ChangeTemplateDto] })
  templates(): Promise<ChangeTemplateDto[]> {
    return this.changes.listTemplates();
  }

  @Post()
  @Permission('overview')
  @ApiOperation({ summary: 'Raise a change: standard (templateId), normal (approverIds, quorum) or emergency (one approver)' })
  @ApiCreatedResponse({ type: ChangeViewDto, description: 'the new change' })
  @ApiErrors({ 422: 'the change breaks a rule (template, approvers, quorum, title, PRB/INC number format) or names an unknown template or approver (field)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateChangeDto, @IdempotencyKey() key?: string): Promise<ChangeViewDto> {
    return this.changes.create(user, dto, key);
  }

  @Get()
  @Permission('overview')
  @ApiOperation({ summary: 'The change register, filtered by stage, type or words' })
  @ApiOkResponse({ type: ChangePageDto })
  list(@Query() query: ListChangesQuery): Promise<ChangePageDto> {
    return this.changes.list(query);
  }

  @Get(':number')
  @Permission('overview')
  @ApiOperation({ summary: 'A change with its trail, votes and the commands allowed for the caller now' })
  @ApiOkResponse({ type: ChangeViewDto })
  @ApiErrors({ 404: 'no such change' })
  get(@CurrentUser() user: AuthUser, @Param('number') number: string): Promise<ChangeViewDto> {
    return this.changes.get(user, number);
  }

  @Post(':number/assess')
  @ApiExtension('x-command', 'assess')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change authority: risk, impact, implementation plan and backout plan (normal changes)' })
  @ApiOkResponse({ type: ChangeViewDto, description: 'the change as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change'))
  assess(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: AssessChangeDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'assess', risk: dto.risk, impact: dto.impact, implementationPlan: dto.implementationPlan, backoutPlan: dto.backoutPlan }, k);
  }

  @Post(':number/approve')
  @ApiExtension('x-command', 'approve')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'An approver named on the change votes for it (once)' })
  @ApiOkResponse({ type: ChangeViewDto, description: 'the change as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change'))
  approve(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: VoteDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'approve', rationale: dto.rationale }, k);
  }

  @Post(':number/reject')
  @ApiExtension('x-command', 'reject')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'An approver named on the change rejects it, with a rationale: the change is refused' })
  @ApiOkResponse({ type: ChangeViewDto, description: 'the change as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change'))
  reject(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: VoteDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'reject', rationale: dto.rationale ?? '' }, k);
  }

  @Post(':number/schedule')
  @ApiExtension('x-command', 'schedule')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change authority: the window (start, end)' })
  @ApiOkResponse({ type: ChangeViewDto, description: 'the change as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change'))
  schedule(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: ScheduleDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'schedule', windowStart: dto.windowStart, windowEnd: dto.windowEnd }, k);
  }

  @Post(':number/start-implementation')
  @ApiExtension('x-command', 'startImplementation')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'IT staff: implementation begins (in the window; an emergency change at once)' })
  @ApiOkResponse({ type: ChangeViewDto, description: 'the change as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change'))
  startImplementation(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: ChangeNoteDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'startImplementation', note: dto.note }, k);
  }

  @Post(':number/complete')
  @ApiExtension('x-command', 'complete')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'IT staff: implementation finished (a standard change closes with its outcome; others go to review)' })
  @ApiOkResponse({ type: ChangeViewDto, description: 'the change as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change'))
  complete(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: CompleteDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'complete', outcome: dto.outcome ?? '', note: dto.note, backout: dto.backout }, k);
  }

  @Post(':number/review')
  @ApiExtension('x-command', 'recordReview')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change authority: the post-implementation review (successful, or failed with backout)' })
  @ApiOkResponse({ type: ChangeViewDto, description: 'the change as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change'))
  review(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: ReviewDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'recordReview', outcome: dto.outcome, text: dto.text, backout: dto.backout }, k);
  }

  @Post(':number/close')
  @ApiExtension('x-command', 'close')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change authority: close a reviewed change' })
  @ApiOkResponse({ type: ChangeViewDto, description: 'the change as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change'))
  close(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: ChangeNoteDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'close', note: dto.note }, k);
  }

  @Post(':number/problems')
  @ApiExtension('x-command', 'linkProblem')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'IT staff: link a problem (PRB-000001)' })
  @ApiOkResponse({ type: ChangeViewDto, description: 'the change as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change'))
  linkProblem(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: LinkProblemDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'linkProblem', problemNumber: dto.problemNumber }, k);
  }

  @Post(':number/incidents')
  @ApiExtension('x-command', 'linkIncident')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'IT staff: link an incident (INC-000001)' })
  @ApiOkResponse({ type: ChangeViewDto, description: 'the change as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change'))
  linkIncident(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: LinkIncidentDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'linkIncident', incidentNumber: dto.incidentNumber }, k);
  }

  private send(user: AuthUser, number: string, command: ChangeCommand, key?: string): Promise<ChangeViewDto> {
    return this.changes.command(user, number, command, key);
  }
}
