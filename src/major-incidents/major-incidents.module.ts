import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntryEntity } from '../common/audit-entry.entity';
import { TicketsModule } from '../tickets/tickets.module';
import { MajorIncidentEntity, MiJournalEntity } from './major-incident.entity';
import { MajorIncidentsController } from './major-incidents.controller';
import { MajorIncidentsService } from './major-incidents.service';
import { MiWorkflowsClient } from './mi-workflows.client';

/** Major incidents (issue 5): one workflow per major incident, linking, detection and the register. */
@Module({
  imports: [TicketsModule, TypeOrmModule.forFeature([MajorIncidentEntity, MiJournalEntity, AuditEntryEntity])],
  controllers: [MajorIncidentsController],
  providers: [MajorIncidentsService, MiWorkflowsClient],
})
export class MajorIncidentsModule {}
