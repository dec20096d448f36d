import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtension, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CsiCommand } from '../../machines/csi-proposal.types';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { CsiService } from './csi.service';
import {
  AssessDto,
  CreateCsiProposalDto,
  CsiAgendaItemDto,
  CsiProposalPageDto,
  CsiProposalViewDto,
  DeferDto,
  ImplementationNoteDto,
  ListCsiProposalsQuery,
  OptionalRationaleDto,
  PriorityDecisionDto,
  ProvideInformationDto,
  RationaleDto,
  RequestInformationDto,
} from './dto/csi.dto';
import { Permission } from '../auth/permission.decorator';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { ApiErrors, processCommandErrors } from '../errors/api-errors.decorator';


/**
 * CSI change proposals (issue 6, part 1): submission, the register, the forum's agenda, and one
 * endpoint per command of the proposal machine. A command the machine refuses answers 409 (with
 * the allowed commands), 403 (wrong role) or 422 (e.g. no rationale) and changes nothing.
 */
@ApiTags('csi')
@ApiBearerAuth()
@Controller('csi')
export class CsiController {
  constructor(private readonly csi: CsiService) {}

  @Post('proposals')
  @Permission('csi')
  @ApiOperation({ summary: 'Submit a change proposal (anyone; the catalog item "Administration / ITSM tool / Change proposal")' })
  @ApiCreatedResponse({ type: CsiProposalViewDto, description: 'the new proposal' })
  @ApiErrors({ 422: 'categoryId is not the catalog item for change proposals (field)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCsiProposalDto, @IdempotencyKey() key?: string): Promise<CsiProposalViewDto> {
    return this.csi.create(user, dto, key);
  }

  @Get('proposals')
  @Permission('csi')
  @ApiOperation({ summary: 'The register of all proposals, filtered by stage, priority, proposer or words' })
  @ApiOkResponse({ type: CsiProposalPageDto })
  list(@Query() query: ListCsiProposalsQuery): Promise<CsiProposalPageDto> {
    return this.csi.list(query);
  }

  @Get('agenda')
  @Permission('csi')
  @ApiOperation({ summary: 'The CSI forum’s agenda: proposals awaiting its decision, with assessments and proposed priorities' })
  @ApiOkResponse({ type: [CsiAgendaItemDto] })
  agenda(): Promise<CsiAgendaItemDto[]> {
    return this.csi.agenda();
  }

  @Get('proposals/:number')
  @Permission('csi')
  @ApiOperation({ summary: 'A proposal with its decision trail and the commands allowed for the caller now' })
  @ApiOkResponse({ type: CsiProposalViewDto })
  @ApiErrors({ 404: 'no such change proposal' })
  get(@CurrentUser() user: AuthUser, @Param('number') number: string): Promise<CsiProposalViewDto> {
    return this.csi.get(user, number);
  }

  @Post('proposals/:number/start-review')
  @ApiExtension('x-command', 'startReview')
  @Permission('csi')
  @HttpCode(200)
  @ApiOperation({ summary: 'Process manager: take up the review' })
  @ApiOkResponse({ type: CsiProposalViewDto, description: 'the proposal as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change proposal'))
  startReview(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: OptionalRationaleDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'startReview', rationale: dto.rationale }, k);
  }

  @Post('proposals/:number/request-information')
  @ApiExtension('x-command', 'requestInformation')
  @Permission('csi')
  @HttpCode(200)
  @ApiOperation({ summary: 'Process manager: ask the proposer; the review pauses until answered' })
  @ApiOkResponse({ type: CsiProposalViewDto, description: 'the proposal as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change proposal'))
  requestInformation(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: RequestInformationDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'requestInformation', question: dto.question }, k);
  }

  @Post('proposals/:number/provide-information')
  @ApiExtension('x-command', 'provideInformation')
  @Permission('csi')
  @HttpCode(200)
  @ApiOperation({ summary: 'Proposer: answer the information request; the review resumes' })
  @ApiOkResponse({ type: CsiProposalViewDto, description: 'the proposal as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change proposal'))
  provideInformation(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: ProvideInformationDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'provideInformation', text: dto.text }, k);
  }

  @Post('proposals/:number/accept')
  @ApiExtension('x-command', 'accept')
  @Permission('csi')
  @HttpCode(200)
  @ApiOperation({ summary: 'Process manager: accept for assessment, with a rationale' })
  @ApiOkResponse({ type: CsiProposalViewDto, description: 'the proposal as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change proposal'))
  accept(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: RationaleDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'accept', rationale: dto.rationale }, k);
  }

  @Post('proposals/:number/reject')
  @ApiExtension('x-command', 'reject')
  @Permission('csi')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject with a rationale: process manager in review, CSI forum at its decision' })
  @ApiOkResponse({ type: CsiProposalViewDto, description: 'the proposal as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change proposal'))
  reject(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: RationaleDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'reject', rationale: dto.rationale }, k);
  }

  @Post('proposals/:number/assess')
  @ApiExtension('x-command', 'assess')
  @Permission('csi')
  @HttpCode(200)
  @ApiOperation({ summary: 'ITSM system administration (admin): scope and effort estimate' })
  @ApiOkResponse({ type: CsiProposalViewDto, description: 'the proposal as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change proposal'))
  assess(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: AssessDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'assess', scope: dto.scope, effortEstimate: dto.effortEstimate, note: dto.note }, k);
  }

  @Post('proposals/:number/propose-priority')
  @ApiExtension('x-command', 'proposePriority')
  @Permission('csi')
  @HttpCode(200)
  @ApiOperation({ summary: 'Process manager: propose a priority (1-4 or low..critical) for the forum, with a rationale' })
  @ApiOkResponse({ type: CsiProposalViewDto, description: 'the proposal as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change proposal'))
  proposePriority(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: PriorityDecisionDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'proposePriority', priority: dto.priority, rationale: dto.rationale }, k);
  }

  @Post('proposals/:number/approve')
  @ApiExtension('x-command', 'approve')
  @Permission('csi')
  @HttpCode(200)
  @ApiOperation({ summary: 'CSI forum: approve with a final priority and a rationale' })
  @ApiOkResponse({ type: CsiProposalViewDto, description: 'the proposal as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change proposal'))
  approve(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: PriorityDecisionDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'approve', priority: dto.priority, rationale: dto.rationale }, k);
  }

  @Post('proposals/:number/defer')
  @ApiExtension('x-command', 'defer')
  @Permission('csi')
  @HttpCode(200)
  @ApiOperation({ summary: 'CSI forum: defer to a later forum date, with a rationale' })
  @ApiOkResponse({ type: CsiProposalViewDto, description: 'the proposal as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change proposal'))
  defer(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: DeferDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'defer', forumDate: dto.forumDate, rationale: dto.rationale }, k);
  }

  @Post('proposals/:number/reconsider')
  @ApiExtension('x-command', 'reconsider')
  @Permission('csi')
  @HttpCode(200)
  @ApiOperation({ summary: 'CSI forum or process manager: put a deferred proposal back on the agenda now' })
  @ApiOkResponse({ type: CsiProposalViewDto, description: 'the proposal as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change proposal'))
  reconsider(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: OptionalRationaleDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'reconsider', rationale: dto.rationale }, k);
  }

  @Post('proposals/:number/start-implementation')
  @ApiExtension('x-command', 'startImplementation')
  @Permission('csi')
  @HttpCode(200)
  @ApiOperation({ summary: 'ITSM system administration (admin): implementation begins, with a note' })
  @ApiOkResponse({ type: CsiProposalViewDto, description: 'the proposal as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change proposal'))
  startImplementation(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: ImplementationNoteDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'startImplementation', note: dto.note }, k);
  }

  @Post('proposals/:number/complete-implementation')
  @ApiExtension('x-command', 'completeImplementation')
  @Permission('csi')
  @HttpCode(200)
  @ApiOperation({ summary: 'ITSM system administration (admin): implemented, with a note; the proposal is done' })
  @ApiOkResponse({ type: CsiProposalViewDto, description: 'the proposal as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('change proposal'))
  completeImplementation(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: ImplementationNoteDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'completeImplementation', note: dto.note }, k);
  }

  private send(user: AuthUser, number: string, command: CsiCommand, key?: string): Promise<CsiProposalViewDto> {
    return this.csi.command(user, number, command, key);
  }
}
