import { defaultPayloadConverter } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';
import { REQUEST_ID_TEMPORAL_HEADER, withRequestId } from './request-context';

/** An activity runs as part of the request that sent its command: its log lines carry the id. */
export class RequestIdActivityInbound implements ActivityInboundCallsInterceptor {
  execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const header = input.headers[REQUEST_ID_TEMPORAL_HEADER];
    const id = header ? (defaultPayloadConverter.fromPayload(header) as string) : undefined;
    return id ? withRequestId(id, () => next(input)) : next(input);
  }
}
