import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '../auth/user.entity';
import { CategoryEntity } from '../catalog/category.entity';
import { TeamEntity } from '../teams/team.entity';
import { JournalEntryEntity } from './entities/journal-entry.entity';
import { TicketEntity } from './entities/ticket.entity';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';
import { SlaModule } from '../sla/sla.module';
import { TicketOpenedHooks } from './ticket-opened.hooks';
import { TicketViewExtensions } from './ticket-view.extensions';
import { TicketReadModel } from './ticket-read-model';
import { TicketActivities } from './ticket.activities';
import { TeamsModule } from '../teams/teams.module';
import { AbsencesModule } from '../absences/absences.module';
import { TimeModule } from '../time/time.module';
import { CatalogModule } from '../catalog/catalog.module';

@Module({
  imports: [
    SlaModule,
    TeamsModule,
    AbsencesModule,
    TimeModule,
    CatalogModule,
    TypeOrmModule.forFeature([
      TicketEntity,
      JournalEntryEntity,
      UserEntity,
      TeamEntity,
      CategoryEntity,
    ]),
  ],
  controllers: [TicketsController],
  providers: [TicketsService, TicketOpenedHooks, TicketViewExtensions, TicketReadModel, TicketActivities],
  exports: [TicketsService, TicketOpenedHooks, TicketViewExtensions, TicketReadModel],
})
export class TicketsModule {}
