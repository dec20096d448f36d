import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProblemProjectionActivities } from './problems.activities';
import { TicketsModule } from '../tickets/tickets.module';
import { KnowledgeEntryEntity, ProblemEntity, ProblemJournalEntity } from './problem.entity';
import { KnowledgeController, ProblemsController } from './problems.controller';
import { ProblemsService } from './problems.service';
import { KnowledgeModule } from '../knowledge/knowledge.module';

/** Problem management (issue 6, part 2): one workflow per problem, the register and the knowledge base. */
@Module({
  imports: [TypeOrmModule.forFeature([ProblemEntity, ProblemJournalEntity, KnowledgeEntryEntity]), TicketsModule, KnowledgeModule],
  controllers: [ProblemsController, KnowledgeController],
  providers: [ProblemsService, ProblemProjectionActivities],
})
export class ProblemsModule {}
