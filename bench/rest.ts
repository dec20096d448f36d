// What the benchmarks that fill the running stack share: a loopback-only API client and the
// opening of a bench ticket over REST, retried on a 503 with its Idempotency-Key (never a duplicate).

export const api = process.env.API_URL ?? 'http://127.0.0.1:3000';
if (!/^(127\.|localhost|\[::1\])/.test(new URL(api).hostname)) throw new Error('benchmarks only target this machine (127.0.0.1)');

export const WORDS = ['printer', 'network', 'vpn', 'password', 'laptop', 'screen', 'email', 'wifi', 'teams', 'scanner', 'license', 'keyboard'];

/**
 * The title of the i-th of a run of different reports, as a desk's ordinary day has them. Bench
 * titles that differ only in a number ("Bench ticket 17") are what the major-incident detector is
 * for: five alike within 15 minutes make a proposal, so such a run proposed a major incident every
 * fifth ticket, inside its intake (a number, a cluster and a workflow each). These three parts cycle
 * with coprime steps through 1,001 titles; among any 200 consecutive ones no title has five alike
 * (pg_trgm similarity >= 0.6, the detector's default), checked with PostgreSQL's similarity().
 */
export function reportTitle(i: number): string {
  return `${SUBJECTS[i % SUBJECTS.length]} ${SYMPTOMS[(i * 3) % SYMPTOMS.length]} ${WHEN[(i * 5) % WHEN.length]}`;
}
const SUBJECTS = ['Outlook', 'the VPN client', 'my laptop', 'the printer on floor 3', 'Wi-Fi in the library', 'Teams calls', 'the scanner', 'my password', 'SAP login', 'the projector in B12', 'Moodle', 'the shared drive', 'my phone'];
const SYMPTOMS = ['crashes on start', 'is very slow', 'shows error 0x80070005', 'asks for the password again and again', 'drops every few minutes', 'does not print in colour', 'cannot find the server', 'freezes after the update', 'has no sound', 'rejects my certificate', 'stopped syncing'];
const WHEN = ['since this morning', 'after the Windows update', 'only at home', 'for the whole department', 'when on battery', 'since Friday', 'in the lecture hall'];

export async function get(path: string, token = 'demo-dorthe'): Promise<Record<string, unknown>> {
  const res = await fetch(`${api}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

export async function post(path: string, body: unknown, token: string, key?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${api}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** One bench ticket in the BSS IT queue (jannet's organisation). */
export async function createTicket(i: number, prefix: string): Promise<void> {
  const title = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7 + 3) % WORDS.length]} problem ${i}`;
  const key = `${prefix}-${process.pid}-${i}`;
  const body = { type: 'incident', title, description: `Bench ticket ${i}: the ${title} does not work`, impact: 'workplace', urgency: 'days' };
  for (let attempt = 1; ; attempt++) {
    const res = await post('/tickets', body, 'demo-jannet', key);
    if (res.status === 201) return;
    if (res.status !== 503 || attempt === 5) throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
  }
}
