// Following one command across processes, and what Prometheus reads: the request id comes back to
// the client, travels with the command into the workflow's history (the Update's header), and the
// command's round trip is a metric at /metrics.
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { startStack, TestStack } from '../support/app';

jest.setTimeout(120_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack('observability');
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const printer = { type: 'incident', title: 'I cannot print', description: 'Nothing happens', impact: 'workplace', urgency: 'today', channel: 'portal' };

it('answers with the request id and sends it with the command into the workflow', async () => {
  const created = await stack.http.post('/tickets').set({ ...stack.as('jannet'), 'X-Request-Id': 'intake-4711' }).send(printer).expect(201);
  expect(created.headers['x-request-id']).toBe('intake-4711');
  const number = created.body.number as string;
  await stack.http.post(`/tickets/${number}/journal-notes`).set({ ...stack.as('tim'), 'X-Request-Id': 'note-4712' }).send({ text: 'Checked the cable' }).expect(200);
  // Without a usable id the API makes one.
  const made = await stack.http.get('/me').set({ ...stack.as('tim'), 'X-Request-Id': 'not ok!' }).expect(200);
  expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

  const history = await stack.temporal.client.workflow.getHandle(number).fetchHistory();
  const ids = (history.events ?? [])
    .filter((e) => Number(e.eventType) === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
    .map((e) => {
      const header = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.header?.fields?.requestId;
      return [e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name, header ? defaultPayloadConverter.fromPayload(header as never) : undefined];
    });
  expect(ids).toEqual([['opened', 'intake-4711'], ['addJournalNote', 'note-4712']]);
});

it('exposes Prometheus metrics: command round trips by process, command and outcome, and the outbox backlog', async () => {
  const { body: ticket } = await stack.http.post('/tickets').set(stack.as('jannet')).send(printer).expect(201);
  await stack.http.post(`/tickets/${ticket.number}/journal-notes`).set(stack.as('tim')).send({ text: 'Looking' }).expect(200);
  // With a key the workflow judges (not the read model): its refusal is a command outcome too.
  await stack.http.post(`/tickets/${ticket.number}/resolve`).set({ ...stack.as('tim'), 'Idempotency-Key': 'metrics-1' }).send({ resolution: 'x' }).expect(409);
  const metrics = await stack.http.get('/metrics').expect(200);
  expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
  expect(metrics.text).toMatch(/itsm_command_duration_seconds_count\{process="INC",command="addJournalNote",outcome="ok"\} [1-9]/);
  expect(metrics.text).toMatch(/itsm_command_duration_seconds_count\{process="INC",command="resolve",outcome="commandNotAllowed"\} [1-9]/);
  expect(metrics.text).toMatch(/itsm_outbox_pending \d+/);
  expect(metrics.text).toMatch(/process_resident_memory_bytes \d+/);
});
