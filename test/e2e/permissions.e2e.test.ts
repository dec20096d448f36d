// The permission table (src/auth/permissions.ts) against every operation the OpenAPI document
// lists, with every role and with no token. Generated from the document: an endpoint added later
// is checked without anyone listing it, and one that declares no permission fails here.
import { randomUUID } from 'node:crypto';
import { ROLES } from '../../machines/actor';
import { mayCall, PermissionName, PERMISSIONS } from '../../src/auth/permissions';
import { DEMO_USERS } from '../../src/demo/demo-data';
import { startStack, TestStack } from '../support/app';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack('permissions');
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  permission: PermissionName | undefined;
  public: boolean;
}

/** Only these are open without a token (README); sign-in is how a browser gets its session. */
const PUBLIC_PATHS = ['/health', '/health/live', '/health/ready', '/auth/sign-in'];

/** Path parameters that name nothing: the call must be refused or answered before it could change anything. */
const DUMMIES: Record<string, string> = { number: 'INC-999999', incident: 'INC-999998', status: 'New', seq: '1', code: 'NO-SUCH-ORG' };
const urlOf = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => DUMMIES[name] ?? randomUUID());

async function operations(): Promise<Operation[]> {
  const document = (await stack.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { 'x-permission'?: PermissionName }>> };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method as Operation['method'],
      path,
      permission: operation['x-permission'],
      public: PUBLIC_PATHS.includes(path),
    })),
  );
}

const call = (op: Operation, headers: Record<string, string>) => {
  const request = stack.http[op.method](urlOf(op.path)).set(headers);
  return op.method === 'get' || op.method === 'delete' ? request : request.set('Content-Type', 'application/json').send({});
};

/** One demo user for each role. */
const userOf = Object.fromEntries(ROLES.map((role) => [role, DEMO_USERS.find((u) => u.role === role)!.username]));

describe('the permission table', () => {
  it('every operation but the open ones declares a permission the table knows', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(100);
    const undeclared = ops.filter((op) => !op.public && (!op.permission || !(op.permission in PERMISSIONS)));
    expect(undeclared.map((op) => `${op.method.toUpperCase()} ${op.path}`)).toEqual([]);
  });

  it('answers 401 without a token and 403 naming the permission exactly for the roles the table leaves out', async () => {
    const wrong: string[] = [];
    for (const op of (await operations()).filter((o) => !o.public)) {
      const anonymous = await call(op, {});
      if (anonymous.status !== 401) wrong.push(`${op.method} ${op.path} without a token: ${anonymous.status}`);
      for (const role of ROLES) {
        const res = await call(op, stack.as(userOf[role] as never));
        const refusedByTable = res.status === 403 && res.body.rule === op.permission;
        if (mayCall(role, op.permission!) === refusedByTable || res.status === 401 || res.status >= 500) {
          wrong.push(`${op.method} ${op.path} as ${role}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
