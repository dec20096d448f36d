import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { CreateTeamDto, MemberParams, PutMemberDto, TeamIdParams, TeamView, UpdateTeamDto } from './dto/team.dto';
import { TeamsService } from './teams.service';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @Permission('signedIn')
  @ApiOperation({ summary: 'Teams (queues) with their line level, auto-assignment, dispatchers and agents' })
  @ApiOkResponse({ type: [TeamView], description: 'by line level, then name' })
  list(): Promise<TeamView[]> {
    return this.teams.list();
  }

  @Get(':id')
  @Permission('signedIn')
  @ApiOperation({ summary: 'One team with its members' })
  @ApiOkResponse({ type: TeamView })
  @ApiErrors({ 404: 'no such team' })
  get(@Param() params: TeamIdParams): Promise<TeamView> {
    return this.teams.get(params.id);
  }

  @Post()
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: create a team (409 when the code is taken)' })
  @ApiCreatedResponse({ type: TeamView })
  @ApiErrors({ 409: 'the code is taken (field: code)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTeamDto): Promise<TeamView> {
    return this.teams.create(user, dto);
  }

  @Patch(':id')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: rename a team, change its line level or auto-assignment' })
  @ApiOkResponse({ type: TeamView, description: 'the team afterwards' })
  @ApiErrors({ 404: 'no such team', 422: 'a primary team of an organisation must stay 1st line (field: lineLevel)' })
  update(@CurrentUser() user: AuthUser, @Param() params: TeamIdParams, @Body() dto: UpdateTeamDto): Promise<TeamView> {
    return this.teams.update(user, params.id, dto);
  }

  @Put(':id/members/:userId')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: add a staff member to the team or change their dispatcher and lead flags' })
  @ApiOkResponse({ type: TeamView, description: 'the team afterwards' })
  @ApiErrors({ 404: 'no such team or user', 409: 'the team has another lead (field: isLead)', 422: 'the user is not staff, or cannot dispatch (field, rule)' })
  putMember(@CurrentUser() user: AuthUser, @Param() params: MemberParams, @Body() dto: PutMemberDto): Promise<TeamView> {
    return this.teams.putMember(user, params.id, params.userId, dto);
  }

  @Delete(':id/members/:userId')
  @Permission('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Admin: remove a member from the team' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiErrors({ 404: 'no such team, or the user is not a member' })
  removeMember(@CurrentUser() user: AuthUser, @Param() params: MemberParams): Promise<void> {
    return this.teams.removeMember(user, params.id, params.userId);
  }
}
