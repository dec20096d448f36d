import { Module } from '@nestjs/common';
import { BulkActionsModule } from '../bulk-actions/bulk-actions.module';
import { SlaModule } from '../sla/sla.module';
import { PolicyChangesController } from './policy-changes.controller';
import { PolicyChangesService } from './policy-changes.service';

/** SLA policy changes with a preview on open tickets (issue 15, item 2): owns no table; publishes through the SLA module, applies through a bulk action. */
@Module({
  imports: [SlaModule, BulkActionsModule],
  controllers: [PolicyChangesController],
  providers: [PolicyChangesService],
})
export class PolicyChangesModule {}
