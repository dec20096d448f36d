import { Global, Module } from '@nestjs/common';
import { ProcessWorkflowsClient } from './process-workflows.client';
import { TemporalClientProvider } from './temporal-client.provider';

export { TemporalClientProvider };

// The process client lives here so every feature module gets it without importing another feature.
@Global()
@Module({ providers: [TemporalClientProvider, ProcessWorkflowsClient], exports: [TemporalClientProvider, ProcessWorkflowsClient] })
export class TemporalModule {}
