// The machine's commands as the API documents them: the ticket view lists the commands allowed
// now (allowedCommands); each command's route carries `x-command` in the OpenAPI document, with
// its request body's schema. The UI builds each action's form from that schema: it knows no
// command, status or role of its own (issue 14: no rule is a second copy in the UI).

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  description?: string;
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
};

interface Operation {
  summary?: string;
  'x-command'?: string;
  /** The button's words in English and Danish (src/bootstrap/command-labels.ts). */
  'x-label'?: { en: string; da: string };
  parameters?: Array<{ $ref?: string; name?: string; in?: string; required?: boolean; description?: string; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Field {
  name: string;
  /** Where the value goes: the JSON body, or a path parameter other than the ticket's number. */
  in: 'body' | 'path';
  kind: 'text' | 'longText' | 'choice' | 'number' | 'boolean' | 'list' | 'map' | 'dateTime' | 'json';
  required: boolean;
  options: string[];
  description: string;
  /** The UI offers a list to choose from for these (a team, an agent) instead of a raw id. */
  lookup: 'team' | 'member' | 'category' | 'staff' | null;
  /** A choice among numbers (a team's line level): sent as a number. */
  numeric: boolean;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export interface CommandForm {
  command: string;
  method: string;
  path: string;
  summary: string;
  label: { en: string; da: string } | null;
  fields: Field[];
}

let documentLoad: Promise<Document> | null = null;
const openApi = (): Promise<Document> => (documentLoad ??= fetch('/docs-json').then((r) => r.json() as Promise<Document>));

function resolve(document: Document, schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(document, document.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1) return { ...resolve(document, schema.allOf[0]), description: schema.description };
  return schema;
}

const LOOKUPS: Record<string, Field['lookup']> = { teamId: 'team', agentId: 'member', categoryId: 'category', userId: 'staff' };

function fieldOf(document: Document, name: string, raw: Schema, required: boolean, where: Field['in']): Field {
  const resolved = resolve(document, raw);
  // "1 to 4 or a name" (a CSI priority): offered as the choices of its enumerated variant.
  const schema = resolved.oneOf?.find((variant) => variant.enum) ?? resolved;
  const kind: Field['kind'] = schema.enum
    ? 'choice'
    : schema.format === 'date-time'
      ? 'dateTime'
      : schema.type === 'boolean'
      ? 'boolean'
      : schema.type === 'integer' || schema.type === 'number'
        ? 'number'
        : schema.type === 'array'
          ? resolve(document, schema.items).properties
            ? 'json'
            : 'list'
          : schema.type === 'object'
            ? schema.properties
              ? 'json'
              : 'map'
            : (schema.maxLength ?? 2000) > 200
              ? 'longText'
              : 'text';
  return {
    name,
    in: where,
    kind,
    required,
    options: (schema.enum ?? []).map(String),
    description: raw.description ?? resolved.description ?? '',
    lookup: LOOKUPS[name] ?? null,
    numeric: schema.type === 'integer' || schema.type === 'number',
    maxLength: schema.maxLength,
    minimum: schema.minimum,
    maximum: schema.maximum,
  };
}

/**
 * The form for one command of the process whose routes start with `base` (e.g. `/tickets/{number}`;
 * the path parameter `number` is the process's own): processes share command names (approve).
 */
export async function commandForm(base: string, command: string): Promise<CommandForm | null> {
  const document = await openApi();
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith(`${base}/`)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (operation['x-command'] === command) return formOf(document, path, method, operation, command);
    }
  }
  return null;
}

/** The form for any operation (an admin's POST /teams): its path parameters and body fields. */
export async function operationForm(method: string, path: string): Promise<CommandForm | null> {
  const document = await openApi();
  const operation = document.paths[path]?.[method];
  return operation ? formOf(document, path, method, operation, `${method} ${path}`) : null;
}

function formOf(document: Document, path: string, method: string, operation: Operation, command: string): CommandForm {
  const body = resolve(document, operation.requestBody?.content?.['application/json']?.schema);
  const pathFields = (operation.parameters ?? [])
    .filter((p) => p.in === 'path' && p.name !== 'number')
    .map((p) => fieldOf(document, p.name!, p.schema ?? {}, true, 'path'));
  const bodyFields = Object.entries(body.properties ?? {}).map(([name, schema]) => fieldOf(document, name, schema, (body.required ?? []).includes(name), 'body'));
  return { command, method, path, summary: operation.summary ?? command, label: operation['x-label'] ?? null, fields: [...pathFields, ...bodyFields] };
}

/** The request a submitted form makes (with `extra` values the page adds), or why it cannot be made. */
export function submitted(form: CommandForm, number: string, event: Event, extra: Record<string, string> = {}): ReturnType<typeof request> | { error: string } {
  const values = Object.fromEntries([...new FormData(event.currentTarget as HTMLFormElement).entries()].map(([k, v]) => [k, String(v)]));
  try {
    return request(form, number, { ...values, ...extra });
  } catch (error) {
    return { error: String(error) };
  }
}

/** The values a form collected, as the operation takes them. */
export function request(form: CommandForm, number: string, values: Record<string, string>): { path: string; body: Record<string, unknown> | undefined } {
  let path = form.path.replace('{number}', encodeURIComponent(number));
  const body: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = values[field.name] ?? '';
    if (field.in === 'path') {
      path = path.replace(`{${field.name}}`, encodeURIComponent(value));
      continue;
    }
    if (value === '' && !field.required) continue;
    body[field.name] = parseValue(field, value);
  }
  const hasBody = form.fields.some((f) => f.in === 'body');
  return { path, body: hasBody ? body : undefined };
}

function parseValue(field: Field, value: string): unknown {
  switch (field.kind) {
    case 'number':
      return value === '' ? undefined : Number(value);
    case 'choice':
      return field.numeric ? Number(value) : value;
    case 'boolean':
      return value === 'true';
    case 'json':
      // Nested structures (a request item's form, a policy's targets): JSON, checked by the API.
      try {
        return JSON.parse(value);
      } catch {
        throw new Error(`${field.name} must be JSON`);
      }
    case 'dateTime':
      // The browser's local date and time, as the instant the API takes.
      return new Date(value).toISOString();
    case 'list':
      return value.split('\n').map((line) => line.trim()).filter(Boolean);
    case 'map':
      // One "question: answer" per line.
      return Object.fromEntries(value.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
    default:
      return value;
  }
}

type Parameter = NonNullable<Operation['parameters']>[number];
const resolveParameter = (document: Document, p: Parameter): Parameter =>
  p.$ref ? ((document.components as { parameters?: Record<string, Parameter> }).parameters?.[p.$ref.split('/').pop()!] ?? p) : p;

/** The values the API accepts for a path or query parameter of a route (an enum in the document). */
export async function parameterOptions(path: string, name: string, where: 'path' | 'query' = 'path'): Promise<string[]> {
  const document = await openApi();
  const parameter = (document.paths[path]?.get?.parameters ?? []).map((p) => resolveParameter(document, p)).find((p) => p.name === name && p.in === where);
  return (resolve(document, parameter?.schema).enum ?? []).map(String);
}
