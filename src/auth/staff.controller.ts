import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffMemberDto } from './dto/staff-member.dto';
import { Permission } from './permission.decorator';
import { UsersService } from './users.service';

/** The IT staff of the directory: whom an admin or team lead may put in a team (PUT /teams/{id}/members/{userId}). */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('staff')
export class StaffController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Permission('dispatch')
  @ApiOperation({ summary: 'The IT staff (agents, dispatchers, incident managers, admins), by name' })
  @ApiOkResponse({ type: [StaffMemberDto] })
  list(): Promise<StaffMemberDto[]> {
    return this.users.staff();
  }
}
