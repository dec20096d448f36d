import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { appConfig } from '../config/app-config';
import { metricsText } from './metrics';

/** Prometheus's scrape target (text exposition format); open like /health, rate limited per address. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return metricsText(this.config.sdkMetricsPort ? `http://127.0.0.1:${this.config.sdkMetricsPort}/metrics` : undefined);
  }
}
