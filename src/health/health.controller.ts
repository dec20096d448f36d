import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { TemporalClientProvider } from '../temporal/temporal.module';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly temporal: TemporalClientProvider,
  ) {}

  /** 200 when PostgreSQL and Temporal both answer; 503 naming the one that does not. */
  @Public()
  @Get()
  async check(): Promise<{ status: 'ok'; postgres: 'up'; temporal: 'up' }> {
    const postgres = await this.db.query('SELECT 1').then(() => 'up' as const, () => 'down' as const);
    const temporal = await this.temporal
      .get()
      .then((client) => client.workflowService.getSystemInfo({}))
      .then(() => 'up' as const, () => 'down' as const);
    if (postgres !== 'up' || temporal !== 'up') {
      throw new ServiceUnavailableException({ status: 'unavailable', postgres, temporal });
    }
    return { status: 'ok', postgres, temporal };
  }
}
