import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SlaClockEntity } from './sla-clock.entity';
import { SlaPolicyEntity } from './sla-policy.entity';
import { SlaPoliciesService } from './sla-policies.service';
import { SlaReportsService } from './sla-reports.service';
import { SlaController } from './sla.controller';

@Module({
  imports: [TypeOrmModule.forFeature([SlaPolicyEntity, SlaClockEntity])],
  controllers: [SlaController],
  providers: [SlaPoliciesService, SlaReportsService],
  exports: [SlaPoliciesService],
})
export class SlaModule {}
