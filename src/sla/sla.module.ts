import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SlaClockEntity } from './sla-clock.entity';
import { SlaPolicyEntity } from './sla-policy.entity';
import { PriorityMatrixEntity } from './priority-matrix.entity';
import { PriorityMatricesService } from './priority-matrices.service';
import { SlaPoliciesService } from './sla-policies.service';
import { SlaReportsService } from './sla-reports.service';
import { SlaController } from './sla.controller';

@Module({
  imports: [TypeOrmModule.forFeature([SlaPolicyEntity, SlaClockEntity, PriorityMatrixEntity])],
  controllers: [SlaController],
  providers: [SlaPoliciesService, SlaReportsService, PriorityMatricesService],
  exports: [SlaPoliciesService, PriorityMatricesService],
})
export class SlaModule {}
