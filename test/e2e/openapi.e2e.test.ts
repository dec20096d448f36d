// The OpenAPI document tells the truth (hardening issue, Found 7): before, no operation had a
// response schema or its error answers, 74 writes declared a required lowercase `idempotency-key`
// beside the optional one, GETs listed it, the bearer tokens were called JWTs, and formats,
// lengths and integer types were missing. Whether the answers match the schemas is schemathesis'
// part (scripts/schemathesis.sh); this holds the shape of the document itself.
import { Logger } from '@nestjs/common';
import { startStack, TestStack } from '../support/app';
import { openApiDocument } from '../../src/bootstrap/openapi';
import { TICKET_COMMANDS } from '../../machines/ticket.types';
import { CSI_COMMANDS } from '../../machines/csi-proposal.types';
import { MI_COMMANDS } from '../../machines/major-incident.types';
import { PROBLEM_COMMANDS } from '../../machines/problem.types';
import { CHANGE_COMMANDS } from '../../machines/change.types';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack('openapi');
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

type Schema = { $ref?: string; type?: string; format?: string; minLength?: number; maxLength?: number; enum?: unknown[]; properties?: Record<string, Schema>; required?: string[] };
type Parameter = { $ref?: string; name?: string; in?: string; required?: boolean; schema?: Schema };
type Response = { content?: Record<string, { schema?: Schema }>; headers?: Record<string, unknown> };
type Operation = { parameters?: Parameter[]; responses: Record<string, Response>; security?: Array<Record<string, string[]>> };
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; parameters: Record<string, Parameter>; securitySchemes: Record<string, Record<string, unknown>> };
}

let document: Document;
const operations = () =>
  Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, method, op })));
const resolve = (p: Parameter): Parameter => (p.$ref ? document.components.parameters[p.$ref.split('/').pop()!] : p);

beforeAll(async () => {
  document = (await stack.http.get('/docs-json').expect(200)).body as Document;
});

describe('the OpenAPI document', () => {
  it('names every schema once: two DTO classes of one name would share one schema, and a client would get one shape for both', () => {
    const warn = jest.spyOn(Logger, 'warn').mockImplementation(() => undefined);
    try {
      openApiDocument(stack.app);
      expect(warn.mock.calls.map(([message]) => String(message)).filter((m) => m.includes('Duplicate DTO'))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  it('gives every operation a success answer with its schema (204 alone has no body; a download is a binary string, a document text)', () => {
    const described = (r: Response) => r.content?.['application/json']?.schema ?? binary(r) ?? textDocument(r);
    const binary = (r: Response) => (r.content?.['application/octet-stream']?.schema?.format === 'binary' ? r : undefined);
    const textDocument = (r: Response) => (['text/csv', 'text/html'].some((type) => r.content?.[type]?.schema?.type === 'string') ? r : undefined);
    const without = operations().filter(({ op }) => {
      const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      return success.length === 0 || success.some(([status, r]) => status !== '204' && !described(r));
    });
    expect(without.map((o) => o.name)).toEqual([]);
    // Downloads are the exception, and only they: attachments that came by mail.
    const downloads = operations().filter(({ op }) => Object.values(op.responses).some((r) => binary(r)));
    expect(downloads.map((o) => o.name)).toEqual(['GET /tickets/{number}/attachments/{id}']);
    // Documents too: the monthly statement to file (CSV) and to print (HTML), the statistics as CSV.
    const documents = operations().filter(({ op }) => Object.values(op.responses).some((r) => textDocument(r)));
    expect(documents.map((o) => o.name).sort()).toEqual([
      ...['arrivals', 'backlog', 'deflection', 'service-reviews/{organisation}/{month}', 'sla', 'update-flags'].map((set) => `GET /statistics/${set}/csv`),
      'GET /time/statements/{organisation}/{month}/csv',
      'GET /time/statements/{organisation}/{month}/html',
    ]);
  });

  it('answers every error status with the one error body (GET /health and /health/ready report their services instead)', () => {
    const wrong = operations().flatMap(({ name, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => Number(status) >= 400)
        .filter(([status, r]) => r.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorBody' && !['GET /health 503', 'GET /health/ready 503'].includes(`${name} ${status}`))
        .map(([status]) => `${name} ${status}`),
    );
    expect(wrong).toEqual([]);
    expect(Object.keys(document.components.schemas.ErrorBody.properties!).sort()).toEqual(
      ['allowedCommands', 'error', 'field', 'fields', 'message', 'missing', 'rule', 'statusCode'],
    );
    expect(document.components.schemas.ErrorBody.required).toEqual(['statusCode', 'error', 'message']);
    expect(Object.keys(document.paths['/tickets/{number}/begin-work'].post.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '409', '413', '415', '422', '429', '503'],
    );
    expect(document.paths['/tickets'].get.responses['503'].headers).toHaveProperty('Retry-After');
  });

  it('declares one optional Idempotency-Key on every write and none on a read', () => {
    const keysOf = (op: Operation) => (op.parameters ?? []).map(resolve).filter((p) => p.name!.toLowerCase() === 'idempotency-key');
    const writes = operations().filter(({ method, op }) => method !== 'get' && (op.security ?? []).length > 0);
    const reads = operations().filter(({ method }) => method === 'get');
    expect(writes.length).toBeGreaterThan(80);
    expect(writes.filter(({ op }) => keysOf(op).length !== 1).map((o) => o.name)).toEqual([]);
    expect(reads.filter(({ op }) => keysOf(op).length !== 0).map((o) => o.name)).toEqual([]);
    expect(document.components.parameters.IdempotencyKey).toMatchObject({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      schema: { type: 'string', minLength: 1, maxLength: 200 },
    });
  });

  it('describes the bearer tokens as opaque, not as JWTs, and the browser session cookie as the alternative', () => {
    expect(Object.keys(document.components.securitySchemes)).toEqual(['bearer', 'session']);
    const scheme = document.components.securitySchemes.bearer;
    expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(scheme).not.toHaveProperty('bearerFormat');
    expect(document.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'itsm_session' });
    expect(document.paths['/tickets'].post.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(document.paths['/auth/sign-in'].post.security).toBeUndefined();
  });

  it('declares one optional X-CSRF-Token on every protected write (the session cookie needs it) and none on a read or on sign-in', () => {
    const csrfOf = (op: Operation) => (op.parameters ?? []).map(resolve).filter((p) => p.name!.toLowerCase() === 'x-csrf-token');
    const writes = operations().filter(({ method, op }) => method !== 'get' && (op.security ?? []).length > 0);
    expect(writes.filter(({ op }) => csrfOf(op).length !== 1).map((o) => o.name)).toEqual([]);
    expect(operations().filter(({ method, op }) => (method === 'get' || !op.security) && csrfOf(op).length > 0).map((o) => o.name)).toEqual([]);
    expect(document.components.parameters.CsrfToken).toMatchObject({ name: 'X-CSRF-Token', in: 'header', required: false });
    expect(Object.keys(document.paths['/tickets'].post.responses)).toContain('403');
    expect(Object.keys(document.paths['/auth/sign-in'].post.responses).sort()).toEqual(['200', '400', '401', '413', '415', '429', '503']);
  });

  it('marks each command of each process as one x-command operation under its process, each taking X-Expected-Version', () => {
    // The web client builds an action's form from this mark: a command without one has no button.
    const processes = [
      ['/tickets/{number}/', TICKET_COMMANDS.filter((c) => !['monitorCleared', 'monitorNote'].includes(c))],
      ['/csi/proposals/{number}/', CSI_COMMANDS],
      ['/major-incidents/{number}/', MI_COMMANDS],
      ['/problems/{number}/', PROBLEM_COMMANDS],
      ['/changes/{number}/', CHANGE_COMMANDS],
    ] as const;
    for (const [base, commands] of processes) {
      const marked = operations()
        .filter(({ name }) => name.startsWith(`POST ${base}`))
        .map(({ op }) => op as Operation & { 'x-command'?: string })
        .filter((op) => op['x-command']);
      expect(marked.map((op) => op['x-command']).sort()).toEqual([...commands].sort());
      for (const op of marked) expect((op.parameters ?? []).map(resolve).filter((p) => p.name === 'X-Expected-Version')).toHaveLength(1);
    }
    // Each ticket command has its button's words in English and Danish.
    const ticketCommands = operations().filter(({ name, op }) => name.startsWith('POST /tickets/{number}/') && 'x-command' in op);
    expect(ticketCommands.filter(({ op }) => !(op as { 'x-label'?: { en?: string; da?: string } })['x-label']?.da).map((o) => o.name)).toEqual([]);
    expect(document.components.parameters.ExpectedVersion).toMatchObject({ name: 'X-Expected-Version', in: 'header', required: false });
  });

  it('states formats, lengths, enums and integers', () => {
    const { TicketViewDto, TicketPageDto, CreateTicketDto } = document.components.schemas;
    expect(TicketViewDto.properties!.createdAt).toMatchObject({ type: 'string', format: 'date-time' });
    expect(TicketViewDto.properties!.requesterId).toMatchObject({ type: 'string', format: 'uuid' });
    expect(TicketViewDto.properties!.version).toMatchObject({ type: 'integer', minimum: 0 });
    expect(TicketPageDto.properties!.total).toMatchObject({ type: 'integer', minimum: 0 });
    expect(CreateTicketDto.properties!.title).toMatchObject({ type: 'string', minLength: 3, maxLength: 200 });
    // Impact levels are the matrix's (any number, issue 13): a pattern here, the levels in GET /sla/priority-matrices.
    expect(CreateTicketDto.properties!.impact).toMatchObject({ type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,39}$' });
    const teamId = (document.paths['/teams/{id}'].patch.parameters ?? []).map(resolve).find((p) => p.name === 'id');
    expect(teamId).toMatchObject({ in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  });
});
