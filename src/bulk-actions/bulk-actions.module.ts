import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TicketsModule } from '../tickets/tickets.module';
import { BulkActionEntity, BulkActionItemEntity } from './bulk-action.entity';
import { BulkActionActivities } from './bulk-actions.activities';
import { BulkActionsController } from './bulk-actions.controller';
import { BulkActionsService } from './bulk-actions.service';

/** Bulk actions and major-incident cascades (issue 15, item 3): owns bulk_actions and bulk_action_items. */
@Module({
  imports: [TicketsModule, TypeOrmModule.forFeature([BulkActionEntity, BulkActionItemEntity])],
  controllers: [BulkActionsController],
  providers: [BulkActionsService, BulkActionActivities],
  exports: [BulkActionsService],
})
export class BulkActionsModule {}
