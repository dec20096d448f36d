import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChangeProjectionActivities } from './changes.activities';
import { ChangeEntity, ChangeJournalEntity, ChangeTemplateEntity } from './change.entity';
import { ChangesController } from './changes.controller';
import { ChangesService } from './changes.service';

/** Change management (issue 6, part 3): one workflow per change, templates and the register. */
@Module({
  imports: [TypeOrmModule.forFeature([ChangeEntity, ChangeJournalEntity, ChangeTemplateEntity])],
  controllers: [ChangesController],
  providers: [ChangesService, ChangeProjectionActivities],
})
export class ChangesModule {}
