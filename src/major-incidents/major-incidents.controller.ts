import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtension, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MiCommand } from '../../machines/major-incident.types';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import {
  ListMajorIncidentsQuery,
  MajorIncidentListItemDto,
  MajorIncidentViewDto,
  MiAssignDto,
  MiLinkDto,
  MiRationaleDto,
  MiResolveDto,
  MiReviewDto,
  MiUpdateDto,
  ProposeMajorIncidentDto,
} from './dto/major-incident.dto';
import { MajorIncidentsService } from './major-incidents.service';
import { Permission } from '../auth/permission.decorator';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { ApiErrors, processCommandErrors } from '../errors/api-errors.decorator';

/**
 * Major incidents (issue 5): propose, the register (active and recent), one with its timeline, and
 * one endpoint per command of the major-incident machine: 409 (with the allowed commands), 403 or 422.
 */
@ApiTags('major-incidents')
@ApiBearerAuth()
@Controller('major-incidents')
export class MajorIncidentsController {
  constructor(private readonly mi: MajorIncidentsService) {}

  @Post()
  @Permission('proposeMajorIncident')
  @ApiOperation({ summary: 'Propose a major incident (any agent), with a reason' })
  @ApiCreatedResponse({ type: MajorIncidentViewDto, description: 'the proposed major incident' })
  @ApiErrors({ 422: 'categoryId does not exist (field)' })
  propose(@CurrentUser() user: AuthUser, @Body() dto: ProposeMajorIncidentDto): Promise<MajorIncidentViewDto> {
    return this.mi.propose(user, dto);
  }

  @Get()
  @Permission('overview')
  @ApiOperation({ summary: 'Active (default) or recent major incidents, with suggested links' })
  @ApiOkResponse({ type: [MajorIncidentListItemDto] })
  list(@Query() query: ListMajorIncidentsQuery): Promise<MajorIncidentListItemDto[]> {
    return this.mi.list(query);
  }

  @Get(':number')
  @Permission('overview')
  @ApiOperation({ summary: 'A major incident with its timeline and the commands allowed for the caller' })
  @ApiOkResponse({ type: MajorIncidentViewDto })
  @ApiErrors({ 404: 'no such major incident' })
  get(@CurrentUser() user: AuthUser, @Param('number') number: string): Promise<MajorIncidentViewDto> {
    return this.mi.get(user, number);
  }

  @Post(':number/accept')
  @ApiExtension('x-command', 'accept')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Incident manager: accept as a major incident (P1)' })
  @ApiOkResponse({ type: MajorIncidentViewDto, description: 'the major incident as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('major incident'))
  accept(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: MiRationaleDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'accept', rationale: dto.rationale }, k);
  }

  @Post(':number/reject')
  @ApiExtension('x-command', 'reject')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Incident manager: not a major incident, with a rationale' })
  @ApiOkResponse({ type: MajorIncidentViewDto, description: 'the major incident as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('major incident'))
  reject(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: MiRationaleDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'reject', rationale: dto.rationale ?? '' }, k);
  }

  @Post(':number/assign')
  @ApiExtension('x-command', 'assign')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Incident manager: assign the incident manager, the resolving team, the stakeholders' })
  @ApiOkResponse({ type: MajorIncidentViewDto, description: 'the major incident as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('major incident'))
  assign(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: MiAssignDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'assign', managerId: dto.managerId, teamId: dto.teamId, stakeholderIds: dto.stakeholderIds }, k);
  }

  @Post(':number/updates')
  @ApiExtension('x-command', 'postUpdate')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Incident manager: a stakeholder update, sent to stakeholders and the users of linked incidents' })
  @ApiOkResponse({ type: MajorIncidentViewDto, description: 'the major incident as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('major incident'))
  postUpdate(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: MiUpdateDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'postUpdate', text: dto.text }, k);
  }

  @Post(':number/link')
  @ApiExtension('x-command', 'link')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Incident manager: link a child incident' })
  @ApiOkResponse({ type: MajorIncidentViewDto, description: 'the major incident as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('major incident'))
  link(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: MiLinkDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'link', number: dto.number }, k);
  }

  @Post(':number/unlink')
  @ApiExtension('x-command', 'unlink')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Incident manager: unlink a child incident' })
  @ApiOkResponse({ type: MajorIncidentViewDto, description: 'the major incident as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('major incident'))
  unlink(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: MiLinkDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'unlink', number: dto.number }, k);
  }

  @Post(':number/resolve')
  @ApiExtension('x-command', 'resolve')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Incident manager: resolve; every linked incident is resolved with this resolution and its user told' })
  @ApiOkResponse({ type: MajorIncidentViewDto, description: 'the major incident as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('major incident'))
  resolve(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: MiResolveDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'resolve', resolution: dto.resolution }, k);
  }

  @Post(':number/start-review')
  @ApiExtension('x-command', 'startReview')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Incident manager: begin the post-incident review' })
  @ApiOkResponse({ type: MajorIncidentViewDto, description: 'the major incident as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('major incident'))
  startReview(@CurrentUser() u: AuthUser, @Param('number') n: string, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'startReview' }, k);
  }

  @Post(':number/review')
  @ApiExtension('x-command', 'recordReview')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Incident manager: record the review (cause, actions, problem record request); the timeline comes from the journal' })
  @ApiOkResponse({ type: MajorIncidentViewDto, description: 'the major incident as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('major incident'))
  review(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: MiReviewDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'recordReview', cause: dto.cause, actions: dto.actions, requestProblemRecord: dto.requestProblemRecord, problemRecordNote: dto.problemRecordNote }, k);
  }

  @Post(':number/close')
  @ApiExtension('x-command', 'close')
  @Permission('overview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Incident manager: close after the review' })
  @ApiOkResponse({ type: MajorIncidentViewDto, description: 'the major incident as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('major incident'))
  close(@CurrentUser() u: AuthUser, @Param('number') n: string, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'close' }, k);
  }

  private send(user: AuthUser, number: string, command: MiCommand, key?: string): Promise<MajorIncidentViewDto> {
    return this.mi.command(user, number, command, key);
  }
}
