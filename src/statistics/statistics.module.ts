import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { KnowledgeModule } from '../knowledge/knowledge.module';
import { SlaModule } from '../sla/sla.module';
import { ServiceReviewSchedule } from './service-review-schedule';
import { ServiceReviewsService } from './service-reviews.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

/** Statistics people trust (issue 15, item 5): figures over the read model as JSON and CSV, and the monthly service review mailed to customers. */
@Module({ imports: [SlaModule, CatalogModule, KnowledgeModule], controllers: [StatisticsController], providers: [StatisticsService, ServiceReviewsService, ServiceReviewSchedule] })
export class StatisticsModule {}
