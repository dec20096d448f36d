import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '../auth/user.entity';
import { CategoryEntity } from '../catalog/category.entity';
import { NotificationEntity } from '../notifications/notification.entity';
import { TeamEntity } from '../teams/team.entity';
import { JournalEntryEntity } from './entities/journal-entry.entity';
import { TicketEntity } from './entities/ticket.entity';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';
import { SlaModule } from '../sla/sla.module';
import { TicketOpenedHooks } from './ticket-opened.hooks';

@Module({
  imports: [
    SlaModule,
    TypeOrmModule.forFeature([
      TicketEntity,
      JournalEntryEntity,
      NotificationEntity,
      UserEntity,
      TeamEntity,
      CategoryEntity,
    ]),
  ],
  controllers: [TicketsController],
  providers: [TicketsService, TicketOpenedHooks],
  exports: [TicketsService, TicketOpenedHooks],
})
export class TicketsModule {}
