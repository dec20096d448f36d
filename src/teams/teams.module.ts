import { Module } from '@nestjs/common';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { TeamsController } from './teams.controller';
import { TeamsService } from './teams.service';

@Module({
  controllers: [TeamsController, OrganisationsController],
  providers: [TeamsService, OrganisationsService],
  exports: [TeamsService],
})
export class TeamsModule {}
