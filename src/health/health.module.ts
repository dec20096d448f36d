import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { MetricsController } from '../observability/metrics.controller';
import { TemporalHealthIndicator } from './temporal.health';

// No per-check log: a readiness poll every few seconds during an outage would flood it; the
// Temporal client logs when its finding changes, and the 503 body names what is down.
@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController, MetricsController], providers: [TemporalHealthIndicator] })
export class HealthModule {}
