// The OpenAPI document (/docs-json), the contract the web client is generated from. Controllers
// declare what is theirs: the success response, the errors their service answers (@ApiErrors),
// their permission. What every operation of a kind shares is written here, once, from the same
// facts the code acts on, so the document cannot drift from them:
// - the AccessGuard: a bearer token or the browser's session cookie on every protected operation,
//   401 without either, 403 where the permission table leaves a role out and on a cookie-authenticated
//   write without its X-CSRF-Token, 429 after too many failed sign-ins; the PublicThrottlerGuard:
//   429 on the open routes;
// - the pipes (InputSafetyPipe, ValidationPipe with forbidNonWhitelisted) and the body parser: 400
//   on every operation with parameters or a body, and bodies that name no other property;
// - jsonOnly and the body parser: 413 and 415 on every operation that takes a body;
// - the IdempotencyInterceptor: one optional Idempotency-Key header on every write (never on a
//   read), 400 for a malformed key, 422 for a key reused for a different request;
// - the error filter: 503 with Retry-After wherever PostgreSQL (every protected operation reads the
//   caller's token from it) or Temporal is called.
import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { ROLES } from '../../machines/actor';
import { PermissionName, PERMISSIONS } from '../auth/permissions';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/session-cookie';
import { ErrorBody, FieldErrorDto } from '../errors/dto/error-body.dto';
import type { ErrorStatus } from '../errors/api-errors.decorator';
import { RETRY_AFTER_SECONDS } from '../errors/http-exception.filter';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '../idempotency/idempotency.interceptor';
import { EXPECTED_VERSION_HEADER } from '../http/expected-version';
import { commandLabel, type CommandLabel } from './command-labels';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
type Method = (typeof METHODS)[number];
/** The methods the IdempotencyInterceptor treats as writes. */
const WRITES: readonly Method[] = ['post', 'put', 'patch', 'delete'];
/** The methods jsonOnly and the body parser read a body for. */
const WITH_BODY: readonly Method[] = ['post', 'put', 'patch'];

const ERROR_BODY = { $ref: '#/components/schemas/ErrorBody' };
const SECURITY_SCHEME = 'bearer';
/** The browser's alternative to the bearer token: the cookie POST /auth/sign-in sets. */
const SESSION_SCHEME = 'session';

const BEARER_DESCRIPTION =
  'An opaque token (a random string, not a JWT): `Authorization: Bearer <token>`. The server keeps only its SHA-256 hash, ' +
  'so a lost token cannot be recovered, only replaced. The demo users\' tokens are `demo-<username>` (README).';

const SESSION_DESCRIPTION =
  `For browsers: the HttpOnly, SameSite=Lax cookie \`${SESSION_COOKIE}\` that POST /auth/sign-in sets (username and password). ` +
  `Every POST, PUT, PATCH and DELETE made with it must send the session's CSRF token in the \`${CSRF_HEADER}\` header ` +
  '(from POST /auth/sign-in or GET /auth/session); without it, or with another, 403 rule `csrf`. ' +
  'A bearer token, when also sent, wins and needs no CSRF token. Sessions last SESSION_TTL_HOURS (12); POST /auth/sign-out ends one. ' +
  "The demo users' passwords are `<username>-demo-pass` (demo only; printed by `npm start`).";

const CSRF_DESCRIPTION =
  `The session's CSRF token (synchronizer-token pattern): required on a write made with the \`${SESSION_COOKIE}\` cookie, ` +
  'ignored with a bearer token. From POST /auth/sign-in or GET /auth/session.';

export const CSRF_TOKEN_PARAMETER: ParameterObject = {
  name: CSRF_HEADER,
  in: 'header',
  required: false,
  description: CSRF_DESCRIPTION,
  schema: { type: 'string' },
};

const IDEMPOTENCY_DESCRIPTION =
  'Makes a retry safe: the first answer to this caller\'s request to this operation under the key (status and body, errors included) ' +
  'is kept for 24 hours (IDEMPOTENCY_KEY_TTL) and sent again for a repeat of the same request, even if the state has moved on; ' +
  'a command is applied once. The key is scoped to the caller and the operation: another user, or another operation, may use the same key. ' +
  'The same key with a different request answers 422. 1-200 printable ASCII characters, no spaces; a new one (e.g. a UUID) per intended change. ' +
  'An answer of 503 is not kept: retry with the same key.';

/** On every command of a process (x-command): the version the sender saw (src/http/expected-version.ts). */
export const EXPECTED_VERSION_PARAMETER: ParameterObject = {
  name: EXPECTED_VERSION_HEADER,
  in: 'header',
  required: false,
  description:
    'The version of the process (its view\'s `version`) the sender decided on. When the process has changed since, the command is ' +
    'refused with 409 and rule staleVersion and changes nothing: look at it again and decide. Without it, the command is judged on the state as it is.',
  schema: { type: 'string', pattern: '^\\d{1,9}$' },
};

export const IDEMPOTENCY_KEY_PARAMETER: ParameterObject = {
  name: IDEMPOTENCY_HEADER,
  in: 'header',
  required: false,
  description: IDEMPOTENCY_DESCRIPTION,
  schema: { type: 'string', minLength: 1, maxLength: 200, pattern: IDEMPOTENCY_KEY_PATTERN.source },
};

/** The document, complete: what the controllers declare plus what every operation of a kind shares. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('ITSM')
    .setDescription(
      'Tickets as Temporal workflows driven by XState machines. Authenticate with a bearer token, or from a browser with the ' +
        `session cookie of POST /auth/sign-in and the ${CSRF_HEADER} header on writes. ` +
        'Every error answers with the ErrorBody schema; writes take an optional Idempotency-Key header (docs/api.md).',
    )
    .setVersion('0.1.0')
    // Not addBearerAuth(): it would call the tokens JWTs (bearerFormat), which they are not.
    .addSecurity(SECURITY_SCHEME, { type: 'http', scheme: 'bearer', description: BEARER_DESCRIPTION })
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: SESSION_DESCRIPTION }, SESSION_SCHEME)
    .build();
  return completeDocument(SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody, FieldErrorDto] }));
}

/** Adds what every operation of a kind shares (see the head of this file) to a generated document. */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.parameters = { ...document.components.parameters, IdempotencyKey: IDEMPOTENCY_KEY_PARAMETER, CsrfToken: CSRF_TOKEN_PARAMETER, ExpectedVersion: EXPECTED_VERSION_PARAMETER };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) completeOperation(path, method, operation);
    }
  }
  closeRequestSchemas(document);
  return document;
}

function completeOperation(path: string, method: Method, op: OperationObject): void {
  const isProtected = (op.security ?? []).some((requirement) => SECURITY_SCHEME in requirement);
  const isWrite = WRITES.includes(method);
  const hasBody = WITH_BODY.includes(method);

  // Either way of signing in: the bearer token, or the browser's session cookie.
  if (isProtected) op.security = [{ [SECURITY_SCHEME]: [] }, { [SESSION_SCHEME]: [] }];

  // Exactly one Idempotency-Key and one X-CSRF-Token, on writes only, however a controller declared (or did not declare) them.
  const shared = [IDEMPOTENCY_HEADER, CSRF_HEADER, EXPECTED_VERSION_HEADER].map((h) => h.toLowerCase());
  const parameters = (op.parameters ?? []).filter((p) => !('name' in p && shared.includes(p.name.toLowerCase())));
  const isCommand = 'x-command' in op;
  const label = isCommand ? commandLabel(path, String((op as { 'x-command'?: string })['x-command'])) : undefined;
  if (label) (op as { 'x-label'?: CommandLabel })['x-label'] = label;
  op.parameters = [
    ...(isWrite && isProtected ? [{ $ref: '#/components/parameters/IdempotencyKey' }, { $ref: '#/components/parameters/CsrfToken' }] : []),
    ...(isCommand ? [{ $ref: '#/components/parameters/ExpectedVersion' }] : []),
    ...parameters,
  ];

  const errors: ErrorDescriptions = {};
  const input = [
    parameters.some((p) => 'in' in p && p.in === 'path') && 'a path parameter',
    parameters.some((p) => 'in' in p && p.in === 'query') && 'a query parameter',
    op.requestBody && 'the body (a property it does not name is refused too)',
    hasBody && 'a body that is not valid JSON',
    isWrite && isProtected && `a malformed ${IDEMPOTENCY_HEADER}`,
    isCommand && `a malformed ${EXPECTED_VERSION_HEADER}`,
  ].filter(Boolean);
  if (input.length) errors[400] = `malformed input: ${input.join(', ')} (fields: each failing field and why)`;
  if (isProtected) {
    errors[401] = 'no bearer token and no session cookie, a token that belongs to nobody, or an ended or expired session';
    const permission = (op as { 'x-permission'?: PermissionName })['x-permission'];
    const rule = permission ? PERMISSIONS[permission] : undefined;
    if (!rule) throw new Error(`${method.toUpperCase()} ${path} is protected but declares no permission`);
    const forbidden = [
      rule.roles.length < ROLES.length && `the caller's role may not call this (rule: "${permission}"; ${rule.says})`,
      isWrite && `signed in with the session cookie, but without the session's ${CSRF_HEADER} (rule: "csrf")`,
    ].filter(Boolean);
    if (forbidden.length) errors[403] = forbidden.join('; or ');
  }
  if (hasBody) {
    errors[413] = 'the body is larger than 100 kB';
    errors[415] = 'the body is not JSON (Content-Type: application/json, UTF-8)';
  }
  if (isCommand) errors[409] = `sent with ${EXPECTED_VERSION_HEADER}, and the process has changed since (rule: "staleVersion")`;
  if (isWrite && isProtected) errors[422] = `this ${IDEMPOTENCY_HEADER} was used by the caller for a different request to this operation (field: ${IDEMPOTENCY_HEADER})`;
  errors[429] = isProtected
    ? 'too many failed sign-ins (wrong tokens or passwords) from this address within a minute; wait a minute'
    : 'too many requests from this address within a minute; wait a minute';
  errors[503] = isWrite
    ? `PostgreSQL or Temporal is unreachable or did not answer in time, and the change may still take effect: retry after Retry-After seconds with the same ${IDEMPOTENCY_HEADER}`
    : 'PostgreSQL or Temporal is unreachable or did not answer in time: retry after Retry-After seconds';

  for (const [status, description] of Object.entries(errors)) addError(op, Number(status) as ErrorStatus, description);
  op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)));
}

type ErrorDescriptions = Partial<Record<ErrorStatus, string>>;

/** Adds an error answer, or, where the operation declares that status itself with the error body, adds the reason to its own. */
function addError(op: OperationObject, status: ErrorStatus, description: string): void {
  let declared = op.responses[status] as ResponseObject | undefined;
  if (declared) {
    const schema = declared.content?.['application/json']?.schema as ReferenceObject | undefined;
    // A status answered with another body (GET /health's 503) is the controller's to describe.
    if (schema?.$ref === ERROR_BODY.$ref) declared.description = declared.description ? `${declared.description}; or ${description}` : description;
  } else {
    declared = op.responses[status] = { description, content: { 'application/json': { schema: ERROR_BODY } } };
  }
  // The error filter sets Retry-After on every 503, GET /health's included.
  if (status === 503) {
    declared.headers = {
      'Retry-After': { description: `seconds to wait before retrying (${RETRY_AFTER_SECONDS})`, schema: { type: 'integer', minimum: 1 } },
    };
  }
}

/**
 * The ValidationPipe refuses a property a body's class does not declare (forbidNonWhitelisted), at
 * every depth it validates: the schemas of request bodies, and the classes nested in them, say so.
 */
function closeRequestSchemas(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const seen = new Set<string>();
  const close = (schema: SchemaObject | ReferenceObject | undefined): void => {
    if (!schema) return;
    if ('$ref' in schema) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (seen.has(name)) return;
      seen.add(name);
      const target = schemas[name] as SchemaObject | undefined;
      if (!target) return;
      target.additionalProperties = false;
      for (const property of Object.values(target.properties ?? {})) close(property);
      for (const part of target.allOf ?? []) close(part);
      return;
    }
    if (schema.items) close(schema.items);
    if (typeof schema.additionalProperties === 'object') close(schema.additionalProperties);
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) close(part);
  };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const body = item[method]?.requestBody;
      if (body && !('$ref' in body)) close(body.content['application/json']?.schema);
    }
  }
}
