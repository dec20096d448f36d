import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { HealthDto, HealthUnavailableDto, ReadinessDto } from './dto/health.dto';
import { TemporalHealthIndicator } from './temporal.health';

/** How long the PostgreSQL ping may take before readiness says it is down. */
const POSTGRES_PING_MS = 2000;

/**
 * Liveness and readiness (@nestjs/terminus), open without a token:
 * - `/health/live`: the process answers (restart it when not);
 * - `/health/ready`: every dependency, named: PostgreSQL (a query) and Temporal (reachable, the
 *   namespace, the search attributes); 503 naming the one that fails (send no traffic while so);
 * - `/health`: readiness in the short form it has always had (`postgres`, `temporal`: up/down).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly temporal: TemporalHealthIndicator,
  ) {}

  @Public()
  @Get('live')
  @HealthCheck({ swaggerDocumentation: false }) // documented below, in our own terms
  @ApiOperation({ summary: 'Open: liveness, 200 while the process answers (rate limited per address)' })
  @ApiOkResponse({ type: ReadinessDto })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Public()
  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false }) // documented below, in our own terms
  @ApiOperation({ summary: 'Open: readiness, each dependency named: PostgreSQL, Temporal (reachable, namespace, search attributes) (rate limited per address)' })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'a dependency is not ready: `error` names it (Retry-After)' })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      // A query of our own rather than TypeOrmHealthIndicator, whose package check relies on
      // import.meta.resolve (which Jest's CommonJS run of NestJS 12 cannot offer).
      () => this.indicators.check('postgres').attempt(async () => void (await this.db.query('SELECT 1'))).withTimeout(POSTGRES_PING_MS),
      () => this.temporal.check('temporal'),
    ]);
  }

  /** 200 when PostgreSQL and Temporal are both ready; 503 naming the one that is not. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Open: readiness in short, whether PostgreSQL and Temporal are ready (rate limited per address)' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthUnavailableDto, description: 'PostgreSQL or Temporal is not ready' })
  async check(): Promise<HealthDto> {
    const result = await this.ready().catch((error: unknown) => {
      if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
      throw error;
    });
    const state = (key: string) => (result.details[key]?.status === 'up' ? ('up' as const) : ('down' as const));
    const [postgres, temporal] = [state('postgres'), state('temporal')];
    if (postgres === 'up' && temporal === 'up') return { status: 'ok', postgres, temporal };
    const body: HealthUnavailableDto = { status: 'unavailable', postgres, temporal };
    throw new ServiceUnavailableException(body);
  }
}
