import type { Next, WorkflowClientInterceptor, WorkflowStartUpdateInput, WorkflowStartUpdateWithStartInput } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { currentRequestId, REQUEST_ID_TEMPORAL_HEADER } from './request-context';

const withId = <H extends Record<string, unknown>>(headers: H): H => {
  const id = currentRequestId();
  return id ? { ...headers, [REQUEST_ID_TEMPORAL_HEADER]: defaultPayloadConverter.toPayload(id) } : headers;
};

/** Sends the request id with every command (Update) and intake (update-with-start) to the workflow. */
export class RequestIdClientInterceptor implements WorkflowClientInterceptor {
  startUpdate(input: WorkflowStartUpdateInput, next: Next<WorkflowClientInterceptor, 'startUpdate'>) {
    return next({ ...input, headers: withId(input.headers) });
  }

  startUpdateWithStart(input: WorkflowStartUpdateWithStartInput, next: Next<WorkflowClientInterceptor, 'startUpdateWithStart'>) {
    return next({ ...input, workflowStartHeaders: withId(input.workflowStartHeaders), updateHeaders: withId(input.updateHeaders) });
  }
}
