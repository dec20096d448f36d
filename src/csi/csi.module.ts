import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WhatIfModule } from '../what-if/what-if.module';
import { CsiProjectionActivities } from './csi.activities';
import { CsiJournalEntity, CsiProposalEntity } from './csi-proposal.entity';
import { CsiController } from './csi.controller';
import { CsiService } from './csi.service';

/** CSI change proposals (issue 6, part 1): one workflow per proposal, the register and the forum's agenda. */
@Module({
  imports: [TypeOrmModule.forFeature([CsiProposalEntity, CsiJournalEntity]), WhatIfModule],
  controllers: [CsiController],
  providers: [CsiService, CsiProjectionActivities],
})
export class CsiModule {}
