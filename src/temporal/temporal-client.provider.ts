import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Client, Connection } from '@temporalio/client';
import { appConfig } from '../config/app-config';
import { RequestIdClientInterceptor } from '../observability/temporal-request-id';

/** The Temporal client the API uses to start ticket workflows and send them commands. */
@Injectable()
export class TemporalClientProvider implements OnApplicationShutdown {
  private connection?: Connection;
  private client?: Client;

  constructor(@Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>) {}

  async get(): Promise<Client> {
    if (!this.client) {
      // Lazy: the API starts (and answers health checks with 503) even while Temporal is down.
      this.connection = await Connection.connect({ address: this.address(), connectTimeout: '5s' });
      this.client = new Client({ connection: this.connection, namespace: this.config.temporalNamespace, interceptors: { workflow: [new RequestIdClientInterceptor()] } });
    }
    return this.client;
  }

  address(): string {
    return this.config.temporalAddress ?? `127.0.0.1:${this.config.temporalPort}`;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }
}
