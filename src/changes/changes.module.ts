import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntryEntity } from '../common/audit-entry.entity';
import { ChangeEntity, ChangeJournalEntity, ChangeTemplateEntity } from './change.entity';
import { ChangeWorkflowsClient } from './change-workflows.client';
import { ChangesController } from './changes.controller';
import { ChangesService } from './changes.service';

/** Change management (issue 6, part 3): one workflow per change, templates and the register. */
@Module({
  imports: [TypeOrmModule.forFeature([ChangeEntity, ChangeJournalEntity, ChangeTemplateEntity, AuditEntryEntity])],
  controllers: [ChangesController],
  providers: [ChangesService, ChangeWorkflowsClient],
})
export class ChangesModule {}
