import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';

/**
 * Temporal as the API needs it: the frontend answers, the namespace exists, and every custom
 * search attribute the workflows set is registered (without them every intake fails). Read from
 * the client's probe (every second; the set-up every 10 s), so a readiness poll adds no load.
 */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly temporal: TemporalClientProvider,
  ) {}

  async check<K extends string>(key: K): Promise<HealthIndicatorResult<K>> {
    const indicator = this.indicators.check(key);
    const { problem, ...status } = await this.temporal.status();
    return problem ? indicator.down({ ...status, message: problem }) : indicator.up(status);
  }
}
