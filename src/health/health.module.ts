import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { MetricsController } from '../observability/metrics.controller';

@Module({ controllers: [HealthController, MetricsController] })
export class HealthModule {}
