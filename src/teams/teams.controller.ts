import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { CreateTeamDto, MemberParams, PutMemberDto, TeamIdParams, TeamView, UpdateTeamDto } from './dto/team.dto';
import { TeamsService } from './teams.service';
import { Permission } from '../auth/permission.decorator';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @Permission('signedIn')
  @ApiOperation({ summary: 'Teams (queues) with their line level, auto-assignment, dispatchers and agents' })
  list(): Promise<TeamView[]> {
    return this.teams.list();
  }

  @Get(':id')
  @Permission('signedIn')
  @ApiOperation({ summary: 'One team with its members' })
  get(@Param() params: TeamIdParams): Promise<TeamView> {
    return this.teams.get(params.id);
  }

  @Post()
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: create a team (409 when the code is taken)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTeamDto): Promise<TeamView> {
    return this.teams.create(user, dto);
  }

  @Patch(':id')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: rename a team, change its line level or auto-assignment' })
  update(@CurrentUser() user: AuthUser, @Param() params: TeamIdParams, @Body() dto: UpdateTeamDto): Promise<TeamView> {
    return this.teams.update(user, params.id, dto);
  }

  @Put(':id/members/:userId')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: add a staff member to the team or change their dispatcher and lead flags' })
  putMember(@CurrentUser() user: AuthUser, @Param() params: MemberParams, @Body() dto: PutMemberDto): Promise<TeamView> {
    return this.teams.putMember(user, params.id, params.userId, dto);
  }

  @Delete(':id/members/:userId')
  @Permission('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Admin: remove a member from the team' })
  removeMember(@CurrentUser() user: AuthUser, @Param() params: MemberParams): Promise<void> {
    return this.teams.removeMember(user, params.id, params.userId);
  }
}
