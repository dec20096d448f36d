import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { CreateOrganisationDto, OrganisationCodeParams, OrganisationView, UpdateOrganisationDto } from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Permission('signedIn')
  @ApiOperation({ summary: 'Organisations and locations with the primary team that receives their tickets' })
  @ApiOkResponse({ type: [OrganisationView], description: 'by code' })
  list(): Promise<OrganisationView[]> {
    return this.organisations.list();
  }

  @Post()
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: add an organisation with its (1st-line) primary team' })
  @ApiCreatedResponse({ type: OrganisationView })
  @ApiErrors({ 409: 'the code is taken (field: code)', 422: 'primaryTeamId does not exist or is not a 1st-line team, or slaPolicyCode does not exist (field)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.create(user, dto);
  }

  @Patch(':code')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: rename an organisation, change its primary team or the SLA policy its tickets are opened under' })
  @ApiOkResponse({ type: OrganisationView, description: 'the organisation afterwards' })
  @ApiErrors({ 404: 'no such organisation', 422: 'primaryTeamId does not exist or is not a 1st-line team, or slaPolicyCode does not exist (field)' })
  update(@CurrentUser() user: AuthUser, @Param() params: OrganisationCodeParams, @Body() dto: UpdateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.update(user, params.code, dto);
  }
}
