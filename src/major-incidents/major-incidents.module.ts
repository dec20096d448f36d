import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MiProjectionActivities } from './major-incidents.activities';
import { TicketsModule } from '../tickets/tickets.module';
import { BulkActionsModule } from '../bulk-actions/bulk-actions.module';
import { MajorIncidentEntity, MiJournalEntity } from './major-incident.entity';
import { MajorIncidentsController } from './major-incidents.controller';
import { MajorIncidentsService } from './major-incidents.service';

/** Major incidents (issue 5): one workflow per major incident, linking, detection and the register. */
@Module({
  imports: [TicketsModule, BulkActionsModule, TypeOrmModule.forFeature([MajorIncidentEntity, MiJournalEntity])],
  controllers: [MajorIncidentsController],
  providers: [MajorIncidentsService, MiProjectionActivities],
})
export class MajorIncidentsModule {}
