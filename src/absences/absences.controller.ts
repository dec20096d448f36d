import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { AbsencesService } from './absences.service';
import { AbsenceIdParams, AbsenceView, AbsentAtQuery, AbsentMemberView, SetAbsenceDto, TeamIdParams } from './dto/absence.dto';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';

@ApiTags('absences')
@ApiBearerAuth()
@Controller()
export class AbsencesController {
  constructor(private readonly absences: AbsencesService) {}

  @Put('me/absences')
  @Permission('staff')
  @ApiOperation({ summary: 'Staff: set an out-of-office period and auto-reply (replaces periods it overlaps)' })
  @ApiOkResponse({ type: AbsenceView, description: 'the period as set' })
  @ApiErrors({ 422: 'endsAt is not after startsAt (field: endsAt)' })
  set(@CurrentUser() user: AuthUser, @Body() dto: SetAbsenceDto): Promise<AbsenceView> {
    return this.absences.set(user, dto);
  }

  @Get('me/absences')
  @Permission('staff')
  @ApiOperation({ summary: 'Staff: my current and coming out-of-office periods' })
  @ApiOkResponse({ type: [AbsenceView], description: 'current and coming, earliest first' })
  listOwn(@CurrentUser() user: AuthUser): Promise<AbsenceView[]> {
    return this.absences.listOwn(user);
  }

  @Delete('me/absences/:id')
  @Permission('staff')
  @HttpCode(204)
  @ApiOperation({ summary: 'Staff: remove one of my out-of-office periods' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiErrors({ 404: 'no such period of the caller’s' })
  removeOwn(@CurrentUser() user: AuthUser, @Param() params: AbsenceIdParams): Promise<void> {
    return this.absences.removeOwn(user, params.id);
  }

  @Get('teams/:id/absences')
  @Permission('dispatch')
  @ApiOperation({ summary: 'Dispatchers: who in the team is absent at an instant, with their auto-reply' })
  @ApiOkResponse({ type: [AbsentMemberView], description: 'by username' })
  @ApiErrors({ 403: 'the caller dispatches or leads another team (rule: dispatch)', 404: 'no such team' })
  absentInTeam(@CurrentUser() user: AuthUser, @Param() params: TeamIdParams, @Query() query: AbsentAtQuery): Promise<AbsentMemberView[]> {
    return this.absences.absentInTeam(user, params.id, query.at ? new Date(query.at) : new Date());
  }
}
