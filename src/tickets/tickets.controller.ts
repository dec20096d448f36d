import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtension, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { TicketCommand } from '../../machines/ticket.types';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { CreateTicketDto } from './dto/create-ticket.dto';
import { ListTicketsQuery } from './dto/list-tickets.query';
import {
  AnswersDto,
  AssignToAgentDto,
  AssignToTeamDto,
  EscalateDto,
  NoteDto,
  DuplicateDto,
  SetCategoryDto,
  SplitDto,
  VendorTicketDto,
  OptionalTextDto,
  OverridePriorityDto,
  ReclassifyDto,
  ResolveDto,
  SetPendingDto,
  TextDto,
} from './dto/ticket-commands.dto';
import { StatechartView, TicketPageDto, TicketViewDto } from './dto/ticket-view.dto';
import { IntakeLevelsDto, PriorityReassessmentsDto, PriorityReassessmentsQuery } from './dto/priority-levels.dto';
import { TicketsService } from './tickets.service';
import { CorrectTimeDto, LogTimeDto, TicketTimeView } from '../time/dto/time.dto';
import { TimeService } from '../time/time.service';
import { TIME_RULE } from '../../machines/time/time-units';
import { Permission } from '../auth/permission.decorator';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { ApiErrors, processCommandErrors } from '../errors/api-errors.decorator';


/**
 * Tickets: intake, reading, and one endpoint per command of the ticket machine. Every command
 * answers with the ticket as it is afterwards, including what the caller may do next; a command
 * the machine refuses answers 409 (with the allowed commands), 403 or 422 and changes nothing.
 */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly time: TimeService,
  ) {}

  @Post()
  @Permission('tickets')
  @ApiOperation({ summary: 'Open an incident or service request; priority = impact x urgency (seed 003)' })
  @ApiCreatedResponse({ type: TicketViewDto, description: 'the new ticket, as the caller sees it' })
  @ApiErrors({ 403: 'an end user named another requester (requesterId) or a reportedAt', 422: 'requesterId or categoryId does not exist (field), or reportedAt is not within the last 30 days' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTicketDto, @IdempotencyKey() key?: string): Promise<TicketViewDto> {
    return this.tickets.create(user, dto, key);
  }

  @Get()
  @Permission('tickets')
  @ApiOperation({ summary: 'List and search tickets (end users: their own)' })
  @ApiOkResponse({ type: TicketPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ListTicketsQuery): Promise<TicketPageDto> {
    return this.tickets.list(user, query);
  }

  @Get('intake-levels')
  @Permission('tickets')
  @ApiOperation({ summary: 'The impact and urgency levels a ticket the caller raises is assessed with (their organisation’s matrix, else the standard one)' })
  @ApiOkResponse({ type: IntakeLevelsDto })
  intakeLevels(@CurrentUser() user: AuthUser): Promise<IntakeLevelsDto> {
    return this.tickets.intakeLevels(user);
  }

  @Get('priority-reassessments')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: open tickets whose priority the newest version of a priority matrix would change (a preview; re-assess each with POST /tickets/{number}/reassess-priority)' })
  @ApiOkResponse({ type: PriorityReassessmentsDto })
  @ApiErrors({ 422: 'no priority matrix has this code (field matrix)' })
  priorityReassessments(@Query() query: PriorityReassessmentsQuery): Promise<PriorityReassessmentsDto> {
    return this.tickets.priorityReassessments(query.matrix);
  }

  @Get(':number')
  @Permission('tickets')
  @ApiOperation({ summary: 'A ticket with its journal, flags and the commands allowed for the caller now' })
  @ApiOkResponse({ type: TicketViewDto })
  @ApiErrors({ 404: 'no such ticket, or (end users) not theirs' })
  get(@CurrentUser() user: AuthUser, @Param('number') number: string): Promise<TicketViewDto> {
    return this.tickets.get(user, number);
  }

  @Get(':number/statechart')
  @Permission('tickets')
  @ApiOperation({ summary: 'The ticket machine as a Mermaid state diagram drawn from it: one arrow per pair of statuses, named by the commands that lead there, the ticket’s status highlighted' })
  @ApiOkResponse({ type: StatechartView })
  @ApiErrors({ 404: 'no such ticket, or (end users) not theirs' })
  statechart(@CurrentUser() user: AuthUser, @Param('number') number: string): Promise<StatechartView> {
    return this.tickets.statechart(user, number);
  }

  @Post(':number/assign-to-team')
  @ApiExtension('x-command', 'assignToTeam')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dispatch to a team (queue); handed over In Progress if work began' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  assignToTeam(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: AssignToTeamDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'assignToTeam', teamId: dto.teamId, teamName: '', note: dto.note }, k);
  }

  @Post(':number/assign-to-agent')
  @ApiExtension('x-command', 'assignToAgent')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'The dispatcher assigns an agent of the team (an agent may take it)' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  assignToAgent(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: AssignToAgentDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'assignToAgent', agentId: dto.agentId, agentName: '', agreedWith: dto.agreedWith }, k);
  }

  @Post(':number/begin-work')
  @ApiExtension('x-command', 'beginWork')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: '"Begin work": Assigned -> In Progress' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  beginWork(@CurrentUser() u: AuthUser, @Param('number') n: string, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'beginWork' }, k);
  }

  @Post(':number/set-pending')
  @ApiExtension('x-command', 'setPending')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Wait for the user or a vendor; the reason text is shown to the user' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  setPending(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: SetPendingDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'setPending', reason: dto.reason, text: dto.text }, k);
  }

  @Post(':number/resume')
  @ApiExtension('x-command', 'resume')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pending -> In Progress' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  resume(@CurrentUser() u: AuthUser, @Param('number') n: string, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'resume' }, k);
  }

  @Post(':number/journal-notes')
  @ApiExtension('x-command', 'addJournalNote')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add an internal journal note (never shown to the end user)' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  addJournalNote(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: TextDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'addJournalNote', text: dto.text }, k);
  }

  @Post(':number/comments')
  @ApiExtension('x-command', 'addComment')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agent: a customer-visible comment (clears the Update flag; New/Assigned -> In Progress)' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  addComment(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: TextDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'addComment', text: dto.text }, k);
  }

  @Post(':number/replies')
  @ApiExtension('x-command', 'reply')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'End user: reply (sets the Update flag; reopens a Resolved ticket)' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  reply(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: TextDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'reply', text: dto.text }, k);
  }

  @Post(':number/journal/:seq/pin')
  @ApiExtension('x-command', 'pinNote')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pin a journal entry (the "pin" function)' })
  @ApiParam({ name: 'seq', type: 'integer', description: 'the journal entry’s seq' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  pin(@CurrentUser() u: AuthUser, @Param('number') n: string, @Param('seq', ParseIntPipe) seq: number, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'pinNote', seq }, k);
  }

  @Post(':number/journal/:seq/unpin')
  @ApiExtension('x-command', 'unpinNote')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unpin a journal entry' })
  @ApiParam({ name: 'seq', type: 'integer', description: 'the journal entry’s seq' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  unpin(@CurrentUser() u: AuthUser, @Param('number') n: string, @Param('seq', ParseIntPipe) seq: number, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'unpinNote', seq }, k);
  }

  @Post(':number/attention')
  @ApiExtension('x-command', 'setAttention')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the Attention flag ("demands attention")' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  setAttention(@CurrentUser() u: AuthUser, @Param('number') n: string, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'setAttention' }, k);
  }

  @Post(':number/attention/clear')
  @ApiExtension('x-command', 'clearAttention')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Clear the Attention flag' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  clearAttention(@CurrentUser() u: AuthUser, @Param('number') n: string, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'clearAttention' }, k);
  }

  @Post(':number/update-flag/clear')
  @ApiExtension('x-command', 'clearUpdateFlag')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Clear the Update flag without answering (seed 000, principle 4)' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  clearUpdateFlag(@CurrentUser() u: AuthUser, @Param('number') n: string, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'clearUpdateFlag' }, k);
  }

  @Post(':number/reclassify')
  @ApiExtension('x-command', 'reclassify')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Incident <-> service request (the agent has the final word)' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  reclassify(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: ReclassifyDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'reclassify', ticketType: dto.ticketType, text: dto.text }, k);
  }

  @Post(':number/resolve')
  @ApiExtension('x-command', 'resolve')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve with resolution details, sent to the user; starts the auto-close timer' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  resolve(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: ResolveDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'resolve', resolution: dto.resolution }, k);
  }

  @Post(':number/reopen')
  @ApiExtension('x-command', 'reopen')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a Resolved ticket (requester or agent); cancels auto-close' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  reopen(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: OptionalTextDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'reopen', text: dto.text }, k);
  }

  @Post(':number/approve')
  @ApiExtension('x-command', 'approve')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Requester approves the solution and closes (services with the approval policy)' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  approve(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: OptionalTextDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'approve', text: dto.text }, k);
  }

  @Post(':number/category')
  @ApiExtension('x-command', 'setCategory')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the category that matches the description (it brings its Additional Questions)' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  setCategory(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: SetCategoryDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'setCategory', categoryId: dto.categoryId, categoryName: '', requiredQuestions: [] }, k);
  }

  @Post(':number/answers')
  @ApiExtension('x-command', 'answerQuestions')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer the category’s Additional Questions (required before escalation)' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  answerQuestions(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: AnswersDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'answerQuestions', answers: dto.answers }, k);
  }

  @Post(':number/escalate')
  @ApiExtension('x-command', 'escalate')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Escalate to a 2nd/3rd line team: category, answers and a handover note required; the user is told' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  escalate(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: EscalateDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'escalate', teamId: dto.teamId, teamName: '', teamLine: 0, note: dto.note }, k);
  }

  @Post(':number/return-to-origin')
  @ApiExtension('x-command', 'returnToOrigin')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return a solved ticket to the primary team it was escalated from, with the solution' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  returnToOrigin(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: NoteDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'returnToOrigin', note: dto.note }, k);
  }

  @Post(':number/split')
  @ApiExtension('x-command', 'split')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Split into linked tasks, one per team; the ticket is resolved when its tasks are' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  split(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: SplitDto, @IdempotencyKey() k?: string) {
    const tasks = dto.tasks.map((t) => ({ number: '', teamId: t.teamId, teamName: '', title: t.title, description: t.description }));
    return this.send(u, n, { type: 'split', tasks }, k);
  }

  @Post(':number/close-as-not-needed')
  @ApiExtension('x-command', 'closeAsNotNeeded')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a task that turned out not to be needed, with a note' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  closeAsNotNeeded(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: NoteDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'closeAsNotNeeded', note: dto.note }, k);
  }

  @Post(':number/close-as-duplicate')
  @ApiExtension('x-command', 'closeAsDuplicate')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close as a duplicate of another ticket; its user is told which one to follow' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  closeAsDuplicate(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: DuplicateDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'closeAsDuplicate', duplicateOf: dto.duplicateOf }, k);
  }

  @Post(':number/lock')
  @ApiExtension('x-command', 'lock')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lock (own) the ticket: others may read, not act' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  lock(@CurrentUser() u: AuthUser, @Param('number') n: string, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'lock' }, k);
  }

  @Post(':number/unlock')
  @ApiExtension('x-command', 'unlock')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unlock (the owner or a dispatcher)' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  unlock(@CurrentUser() u: AuthUser, @Param('number') n: string, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'unlock' }, k);
  }

  @Post(':number/vendor-ticket')
  @ApiExtension('x-command', 'recordVendorTicket')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the external vendor’s ticket id' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  recordVendorTicket(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: VendorTicketDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'recordVendorTicket', vendor: dto.vendor, vendorTicketId: dto.vendorTicketId, vendorAddress: dto.vendorAddress }, k);
  }

  @Post(':number/vendor-answers')
  @ApiExtension('x-command', 'vendorAnswer')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enter the vendor’s answer: sets the Update flag; resumes a ticket pending on the vendor' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  vendorAnswer(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: TextDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'vendorAnswer', text: dto.text }, k);
  }

  @Post(':number/priority')
  @ApiExtension('x-command', 'overridePriority')
  @Permission('tickets')
  @HttpCode(200)
  @ApiOperation({ summary: 'Override the computed priority with a reason (journaled); SLA targets follow' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  overridePriority(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: OverridePriorityDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'overridePriority', priority: dto.priority, text: dto.text }, k);
  }

  @Post(':number/recalculate-sla')
  @Permission('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: apply the newest version of the ticket’s SLA policy (journaled with old and new deadlines)' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  recalculateSla(@CurrentUser() u: AuthUser, @Param('number') n: string, @IdempotencyKey() k?: string) {
    return this.tickets.recalculateSla(u, n, k);
  }

  @Post(':number/reassess-priority')
  @Permission('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Admin: assess impact x urgency again with the newest version of the policy’s priority matrix and apply the newest policy version, in one step (journaled: the priority change with how it was reached, old and new deadlines)',
  })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  reassessPriority(@CurrentUser() u: AuthUser, @Param('number') n: string, @IdempotencyKey() k?: string) {
    return this.tickets.recalculateSla(u, n, k, true);
  }

  @Post(':number/time-entries')
  @ApiExtension('x-command', 'logTime')
  @Permission('staff')
  @HttpCode(200)
  @ApiOperation({ summary: `Agents: register time worked on the ticket (journaled; ${TIME_RULE})` })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors({ ...processCommandErrors('ticket'), 422: 'minutes, activity or workedOn broke a rule, or workedOn is in a closed month (rule: monthClosed)' })
  logTime(@CurrentUser() u: AuthUser, @Param('number') n: string, @Body() dto: LogTimeDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'logTime', minutes: dto.minutes, activity: dto.activity, billable: dto.billable, note: dto.note, workedOn: dto.workedOn }, k);
  }

  @Post(':number/time-entries/:entry/correct')
  @ApiExtension('x-command', 'correctTime')
  @Permission('staff')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agents: cancel a time entry by a counter-entry (entries never change; register the right time anew)' })
  @ApiParam({ name: 'entry', type: 'integer', description: 'the entry’s number on the ticket' })
  @ApiOkResponse({ type: TicketViewDto, description: 'the ticket as it is afterwards, with what the caller may do next' })
  @ApiErrors(processCommandErrors('ticket'))
  correctTime(@CurrentUser() u: AuthUser, @Param('number') n: string, @Param('entry', ParseIntPipe) entry: number, @Body() dto: CorrectTimeDto, @IdempotencyKey() k?: string) {
    return this.send(u, n, { type: 'correctTime', entry, note: dto.note }, k);
  }

  @Get(':number/time-entries')
  @Permission('overview')
  @ApiOperation({ summary: 'The time registered on the ticket, with its totals' })
  @ApiOkResponse({ type: TicketTimeView })
  @ApiErrors({ 404: 'no such ticket' })
  async timeEntries(@CurrentUser() u: AuthUser, @Param('number') n: string): Promise<TicketTimeView> {
    await this.tickets.assertVisible(u, n);
    return this.time.ofTicket(n);
  }

  private send(user: AuthUser, number: string, command: TicketCommand, key?: string): Promise<TicketViewDto> {
    return this.tickets.command(user, number, command, key);
  }
}
