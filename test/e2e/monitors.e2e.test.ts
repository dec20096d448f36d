// Monitor intake end to end (REQUIREMENTS 9, issue 5): alerts raise incidents by themselves,
// never twice for one fingerprint, however the posts interleave; cleared alerts resolve what no
// agent has touched; flapping holds an incident open.
import { startStack, TestStack } from '../support/app';
import { eventually } from '../support/eventually';

jest.setTimeout(180_000);

let stack: TestStack;
let run = 0;

beforeAll(async () => {
  stack = await startStack('monitors', { TICKET_AUTO_CLOSE_AFTER: '2s', MONITOR_FLAP_CHANGES: '4' });
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const CT = { 'Content-Type': 'application/json' };
const fingerprint = (name: string) => `${name}-${++run}-${Date.now()}`;

function post(alert: Partial<Record<string, string>>) {
  return stack.http
    .post('/monitor/alerts')
    .set({ ...stack.as('netmonitor'), ...CT })
    .send({ source: 'netmonitor', severity: 'critical', service: 'Campus network', summary: 'Switch 1530-2.3 does not answer', status: 'firing', ...alert });
}

async function inParallel<T>(tasks: Array<() => Promise<T>>, concurrency: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

const incidentsOf = async (fingerprints: string[]) =>
  stack.db.dataSource.query(
    `SELECT fingerprint, ticket_number, occurrences FROM monitor_alerts WHERE fingerprint = ANY($1) ORDER BY fingerprint`,
    [fingerprints],
  );

const view = async (number: string) => (await stack.http.get(`/tickets/${number}`).set(stack.as('tim'))).body;

describe('monitor intake', () => {
  it('opens exactly one incident for 100 identical concurrent posts, and counts them', async () => {
    const fp = fingerprint('identical');
    const receipts = await inParallel(Array.from({ length: 100 }, () => () => post({ fingerprint: fp })), 50);
    expect(receipts.every((r) => r.status === 202)).toBe(true);
    expect(receipts.filter((r) => r.body.createdIncident)).toHaveLength(1);
    const [alert] = await incidentsOf([fp]);
    expect(alert).toMatchObject({ fingerprint: fp, occurrences: 100, ticket_number: expect.stringMatching(/^INC-/) });
    const [{ count }] = await stack.db.dataSource.query(`SELECT count(*)::int AS count FROM tickets WHERE title LIKE $1`, [`%Switch 1530-2.3%`]);
    expect(count).toBeGreaterThanOrEqual(1);
    const incident = await view(alert.ticket_number);
    expect(incident).toMatchObject({ type: 'incident', channel: 'monitor', priority: { code: 'P2' } });
  });

  it('gives a storm of many fingerprints with many duplicates exactly one incident per fingerprint', async () => {
    const fingerprints = Array.from({ length: 20 }, (_, i) => fingerprint(`storm-${i}`));
    const posts = fingerprints.flatMap((fp) => Array.from({ length: 8 }, () => fp));
    // Shuffle deterministically so duplicates of one fingerprint interleave with the others.
    const shuffled = posts.map((fp, i) => ({ fp, key: (i * 7919) % posts.length })).sort((a, b) => a.key - b.key).map((p) => p.fp);
    const receipts = await inParallel(shuffled.map((fp) => () => post({ fingerprint: fp, summary: `Port ${fp} down` })), 25);
    expect(receipts.every((r) => r.status === 202)).toBe(true);
    const alerts = await incidentsOf(fingerprints);
    expect(alerts).toHaveLength(20);
    expect(alerts.every((a: { occurrences: number }) => a.occurrences === 8)).toBe(true);
    const numbers = new Set(alerts.map((a: { ticket_number: string }) => a.ticket_number));
    expect(numbers.size).toBe(20);
    const [{ count }] = await stack.db.dataSource.query(`SELECT count(*)::int AS count FROM tickets WHERE number = ANY($1)`, [[...numbers]]);
    expect(count).toBe(20);
  });

  it('resolves an incident nobody has worked when its alert clears, and a new firing after closure opens a new one', async () => {
    const fp = fingerprint('clears');
    const first = (await post({ fingerprint: fp })).body.ticketNumber;
    const cleared = await post({ fingerprint: fp, status: 'resolved', summary: 'Switch 1530-2.3 answers again' });
    expect(cleared.body).toMatchObject({ ticketNumber: first, flapping: false });
    const resolved = await view(first);
    expect(resolved).toMatchObject({ status: 'Resolved', resolution: 'Switch 1530-2.3 answers again' });
    // While Resolved the fingerprint still belongs to the incident; once Closed it is free.
    await eventually(() => view(first), (t) => t.status === 'Closed');
    const again = (await post({ fingerprint: fp })).body;
    expect(again.createdIncident).toBe(true);
    expect(again.ticketNumber).not.toBe(first);
  });

  it('only notes a cleared alert on an incident an agent is working', async () => {
    const fp = fingerprint('worked');
    const number = (await post({ fingerprint: fp, severity: 'warning' })).body.ticketNumber;
    const bss = await stack.teamId('BSS-IT');
    await stack.http.post(`/tickets/${number}/assign-to-team`).set({ ...stack.as('dorthe'), ...CT }).send({ teamId: bss }).expect(200);
    await stack.http.post(`/tickets/${number}/begin-work`).set(stack.as('tim')).expect(200);
    await post({ fingerprint: fp, status: 'resolved', summary: 'Link is up' }).expect(202);
    const incident = await view(number);
    expect(incident).toMatchObject({ status: 'InProgress', updateFlag: true });
    expect(incident.journal.at(-1).text).toBe('Monitor: the alert has cleared (Link is up)');
    const alerts = (await stack.http.get('/monitor/alerts').query({ ticket: number }).set(stack.as('tim'))).body;
    expect(alerts).toEqual([expect.objectContaining({ fingerprint: fp, status: 'resolved', occurrences: 1 })]);
  });

  it('holds a flapping alert’s incident open with a note', async () => {
    const fp = fingerprint('flapping');
    const number = (await post({ fingerprint: fp })).body.ticketNumber;
    // firing → resolved → firing → resolved → firing → resolved: five changes after the first firing.
    for (const status of ['resolved', 'firing', 'resolved', 'firing']) await post({ fingerprint: fp, status }).expect(202);
    // The first clearing resolved it (nobody had worked it); the next firing is noted on the Resolved incident.
    const last = await post({ fingerprint: fp, status: 'resolved' });
    expect(last.body.flapping).toBe(true);
    const journal = (await view(number)).journal.map((e: { text: string }) => e.text);
    expect(journal.filter((t: string) => t.startsWith('Monitor: the alert is flapping'))).toHaveLength(1);
  });

  it('takes Prometheus Alertmanager’s webhook payload unchanged', async () => {
    const payload = {
      version: '4',
      groupKey: '{}:{alertname="HostDown"}',
      status: 'firing',
      receiver: 'itsm',
      groupLabels: { alertname: 'HostDown' },
      commonLabels: { alertname: 'HostDown' },
      commonAnnotations: {},
      externalURL: 'http://alertmanager.local',
      alerts: [
        { status: 'firing', labels: { alertname: 'HostDown', instance: 'web-1', service: 'Web portal', severity: 'critical' }, annotations: { summary: 'web-1 is down' }, startsAt: new Date().toISOString(), endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prometheus.local', fingerprint: fingerprint('am-web-1') },
        { status: 'firing', labels: { alertname: 'HostDown', instance: 'web-2', service: 'Web portal', severity: 'critical' }, annotations: { summary: 'web-2 is down' }, startsAt: new Date().toISOString(), endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prometheus.local' },
      ],
    };
    const res = await stack.http.post('/monitor/alertmanager').set({ ...stack.as('netmonitor'), ...CT }).send(payload);
    expect(res.status).toBe(202);
    expect(res.body.map((r: { createdIncident: boolean }) => r.createdIncident)).toEqual([true, true]);
    const repeat = await stack.http.post('/monitor/alertmanager').set({ ...stack.as('netmonitor'), ...CT }).send(payload);
    expect(repeat.body.map((r: { ticketNumber: string }) => r.ticketNumber)).toEqual(res.body.map((r: { ticketNumber: string }) => r.ticketNumber));
    expect(repeat.body.map((r: { occurrences: number }) => r.occurrences)).toEqual([2, 2]);
  });

  it('takes alerts from monitors only, and refuses malformed ones', async () => {
    await stack.http.post('/monitor/alerts').set({ ...stack.as('tim'), ...CT }).send({ source: 'x', fingerprint: 'y', severity: 'info', service: 's', summary: 'z', status: 'firing' }).expect(403);
    const bad = await post({ fingerprint: fingerprint('bad'), severity: 'apocalyptic' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['severity']);
  });
});
