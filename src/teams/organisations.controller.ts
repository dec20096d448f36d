import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { CreateOrganisationDto, OrganisationCodeParams, OrganisationView, UpdateOrganisationDto } from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';
import { Permission } from '../auth/permission.decorator';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Permission('signedIn')
  @ApiOperation({ summary: 'Organisations and locations with the primary team that receives their tickets' })
  list(): Promise<OrganisationView[]> {
    return this.organisations.list();
  }

  @Post()
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: add an organisation with its (1st-line) primary team' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.create(user, dto);
  }

  @Patch(':code')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: rename an organisation or change its primary team' })
  update(@CurrentUser() user: AuthUser, @Param() params: OrganisationCodeParams, @Body() dto: UpdateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.update(user, params.code, dto);
  }
}
