import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntryEntity } from '../common/audit-entry.entity';
import { CsiJournalEntity, CsiProposalEntity } from './csi-proposal.entity';
import { CsiWorkflowsClient } from './csi-workflows.client';
import { CsiController } from './csi.controller';
import { CsiService } from './csi.service';

/** CSI change proposals (issue 6, part 1): one workflow per proposal, the register and the forum's agenda. */
@Module({
  imports: [TypeOrmModule.forFeature([CsiProposalEntity, CsiJournalEntity, AuditEntryEntity])],
  controllers: [CsiController],
  providers: [CsiService, CsiWorkflowsClient],
})
export class CsiModule {}
