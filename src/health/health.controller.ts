import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { TemporalClientProvider } from '../temporal/temporal.module';
import { HealthDto, HealthUnavailableDto, ServiceState } from './dto/health.dto';

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
  @ApiOperation({ summary: 'Open: whether PostgreSQL and Temporal answer (rate limited per address)' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthUnavailableDto, description: 'PostgreSQL or Temporal does not answer' })
  async check(): Promise<HealthDto> {
    const postgres = await this.db.query('SELECT 1').then((): ServiceState => 'up', (): ServiceState => 'down');
    const temporal = await this.temporal
      .get()
      .then((client) => client.workflowService.getSystemInfo({}))
      .then((): ServiceState => 'up', (): ServiceState => 'down');
    if (postgres !== 'up' || temporal !== 'up') {
      const body: HealthUnavailableDto = { status: 'unavailable', postgres, temporal };
      throw new ServiceUnavailableException(body);
    }
    return { status: 'ok', postgres, temporal };
  }
}
