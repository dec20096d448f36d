import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtension, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ProblemCommand } from '../../machines/problem.types';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import {
  ChangeRequestDto,
  CreateProblemDto,
  IncidentDto,
  KnowledgeEntryDto,
  KnowledgeQuery,
  ListProblemsQuery,
  OptionalNoteDto,
  ProblemPageDto,
  ProblemViewDto,
  PublishKnownErrorDto,
  ResolveProblemDto,
  RootCauseDto,
  WorkaroundDto,
} from './dto/problem.dto';
import { ProblemsService } from './problems.service';
import { Permission } from '../auth/permission.decorator';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { ApiErrors, processCommandErrors } from '../errors/api-errors.decorator';


/**
 * Problem management (issue 6, part 2): one endpoint per command of the problem machine. A command
 * the machine refuses answers 409 (with the allowed commands), 403 (wrong role) or 422 (a
 * required field) and changes nothing.
 */
@ApiTags('problems')
@ApiBearerAuth()
@Controller('problems')
export class ProblemsController {
  constructor(private readonly problems: ProblemsService) {}

  @Post()
  @Permission('investigate')
  @ApiOperation({ summary: 'Create a problem from one or more incidents (agents, incident and process managers)' })
  @ApiCreatedResponse({ type: ProblemViewDto, description: 'the new problem' })
  @ApiErrors({ 422: 'no title, no incidents, or an incident number that is malformed or does not exist (field)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateProblemDto, @IdempotencyKey() key?: string): Promise<ProblemViewDto> {
    return this.problems.create(user, dto, key);
  }

  @Get()
  @Permission('itStaff')
  @ApiOperation({ summary: 'The problem register, filtered by stage, linked incident or words' })
  @ApiOkResponse({ type: ProblemPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ListProblemsQuery): Promise<ProblemPageDto> {
    return this.problems.list(user, query);
  }

  @Get(':number')
  @Permission('itStaff')
  @ApiOperation({ summary: 'A problem with its incidents, analysis, knowledge entry, change requests, trail and allowed commands' })
  @ApiOkResponse({ type: ProblemViewDto })
  @ApiErrors({ 404: 'no such problem' })
  get(@CurrentUser() user: AuthUser, @Param('number') number: string): Promise<ProblemViewDto> {
    return this.problems.get(user, number);
  }

  @Post(':number/start-investigation')
  @ApiExtension('x-command', 'startInvestigation')
  @Permission('itStaff')
  @HttpCode(200)
  @ApiOperation({ summary: 'new → investigating' })
  @ApiOkResponse({ type: ProblemViewDto, description: 'the problem as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('problem'))
  startInvestigation(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: OptionalNoteDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'startInvestigation', note: dto.note }, k);
  }

  @Post(':number/incidents')
  @ApiExtension('x-command', 'linkIncident')
  @Permission('itStaff')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link an incident' })
  @ApiOkResponse({ type: ProblemViewDto, description: 'the problem as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('problem'))
  link(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: IncidentDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'linkIncident', incident: dto.incident }, k);
  }

  @Post(':number/incidents/:incident/unlink')
  @ApiExtension('x-command', 'unlinkIncident')
  @Permission('itStaff')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unlink an incident (a problem keeps at least one)' })
  @ApiOkResponse({ type: ProblemViewDto, description: 'the problem as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('problem'))
  unlink(@CurrentUser() u: AuthUser, @Param('number') n: string, @Param('incident') incident: string, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'unlinkIncident', incident }, k);
  }

  @Post(':number/root-cause')
  @ApiExtension('x-command', 'recordRootCause')
  @Permission('itStaff')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the root-cause analysis' })
  @ApiOkResponse({ type: ProblemViewDto, description: 'the problem as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('problem'))
  rootCause(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: RootCauseDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'recordRootCause', rootCause: dto.rootCause }, k);
  }

  @Post(':number/workaround')
  @ApiExtension('x-command', 'recordWorkaround')
  @Permission('itStaff')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the workaround' })
  @ApiOkResponse({ type: ProblemViewDto, description: 'the problem as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('problem'))
  workaround(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: WorkaroundDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'recordWorkaround', workaround: dto.workaround }, k);
  }

  @Post(':number/known-error')
  @ApiExtension('x-command', 'publishKnownError')
  @Permission('itStaff')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the known error (sets the flag; creates a knowledge entry with the workaround)' })
  @ApiOkResponse({ type: ProblemViewDto, description: 'the problem as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('problem'))
  knownError(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: PublishKnownErrorDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'publishKnownError', title: dto.title, symptoms: dto.symptoms }, k);
  }

  @Post(':number/change-requests')
  @ApiExtension('x-command', 'requestChange')
  @Permission('itStaff')
  @HttpCode(200)
  @ApiOperation({ summary: 'Raise a change request from the problem (recorded; change management takes it up)' })
  @ApiOkResponse({ type: ProblemViewDto, description: 'the problem as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('problem'))
  requestChange(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: ChangeRequestDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'requestChange', summary: dto.summary }, k);
  }

  @Post(':number/resolve')
  @ApiExtension('x-command', 'resolve')
  @Permission('itStaff')
  @HttpCode(200)
  @ApiOperation({ summary: '→ resolved; its linked open incidents get a journal note' })
  @ApiOkResponse({ type: ProblemViewDto, description: 'the problem as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('problem'))
  resolve(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: ResolveProblemDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'resolve', resolution: dto.resolution }, k);
  }

  @Post(':number/close')
  @ApiExtension('x-command', 'close')
  @Permission('itStaff')
  @HttpCode(200)
  @ApiOperation({ summary: 'resolved → closed (process manager or admin)' })
  @ApiOkResponse({ type: ProblemViewDto, description: 'the problem as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('problem'))
  close(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: OptionalNoteDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'close', note: dto.note }, k);
  }

  private send(user: AuthUser, number: string, command: ProblemCommand, key?: string): Promise<ProblemViewDto> {
    return this.problems.command(user, number, command, key);
  }
}

/** The knowledge base: published known errors, searched by agents. */
@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('knowledge')
export class KnowledgeController {
  constructor(private readonly problems: ProblemsService) {}

  @Get()
  @Permission('itStaff')
  @ApiOperation({ summary: 'Search the knowledge base (words in title, symptoms or workaround)' })
  @ApiOkResponse({ type: [KnowledgeEntryDto], description: 'at most 100, newest first' })
  search(@CurrentUser() user: AuthUser, @Query() query: KnowledgeQuery): Promise<KnowledgeEntryDto[]> {
    return this.problems.searchKnowledge(user, query.q);
  }

  @Get(':id')
  @Permission('itStaff')
  @ApiOperation({ summary: 'One knowledge entry' })
  @ApiOkResponse({ type: KnowledgeEntryDto })
  @ApiErrors({ 404: 'no such knowledge entry' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<KnowledgeEntryDto> {
    return this.problems.knowledgeEntry(user, id);
  }
}
