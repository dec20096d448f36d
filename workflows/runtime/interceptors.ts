// The request id a command came with (src/observability/request-context.ts), inside the workflow:
// its log lines carry it, and so do the activities the command runs. Headers and log attributes
// are not commands: replay is unaffected.
import {
  ActivityInput,
  AsyncLocalStorage,
  GetLogAttributesInput,
  LocalActivityInput,
  Next,
  UpdateInput,
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptors,
  WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import type { Payload } from '@temporalio/common';

const HEADER = 'requestId';
const current = new AsyncLocalStorage<Payload>();

class RequestIdInbound implements WorkflowInboundCallsInterceptor {
  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>): Promise<unknown> {
    const id = input.headers[HEADER];
    return id ? current.run(id, () => next(input)) : next(input);
  }
}

class RequestIdOutbound implements WorkflowOutboundCallsInterceptor {
  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>): Promise<unknown> {
    const id = current.getStore();
    return next(id ? { ...input, headers: { ...input.headers, [HEADER]: id } } : input);
  }

  scheduleLocalActivity(input: LocalActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>): Promise<unknown> {
    const id = current.getStore();
    return next(id ? { ...input, headers: { ...input.headers, [HEADER]: id } } : input);
  }

  getLogAttributes(input: GetLogAttributesInput, next: Next<WorkflowOutboundCallsInterceptor, 'getLogAttributes'>): Record<string, unknown> {
    const id = current.getStore();
    // The payload's data is the JSON of the id (the default converter): decoded without a converter in the sandbox.
    return next(id?.data ? { ...input, requestId: JSON.parse(new TextDecoder().decode(id.data)) } : input);
  }
}

export const interceptors = (): WorkflowInterceptors => ({ inbound: [new RequestIdInbound()], outbound: [new RequestIdOutbound()] });
