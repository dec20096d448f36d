// What the benchmarks that fill the running stack share: a loopback-only API client and the
// opening of a bench ticket over REST, retried on a 503 with its Idempotency-Key (never a duplicate).

export const api = process.env.API_URL ?? 'http://127.0.0.1:3000';
if (!/^(127\.|localhost|\[::1\])/.test(new URL(api).hostname)) throw new Error('benchmarks only target this machine (127.0.0.1)');

export const WORDS = ['printer', 'network', 'vpn', 'password', 'laptop', 'screen', 'email', 'wifi', 'teams', 'scanner', 'license', 'keyboard'];

/**
 * The title of the i-th of a run of different reports, as a desk's ordinary day has them. Bench
 * titles that differ only in a number ("Bench ticket 17") are what the major-incident detector is
 * for: five alike within 15 minutes make a proposal, so such a run proposed a major incident every
 * fifth ticket, inside its intake (a number, a cluster and a workflow each). A title is five parts
 * from lists of coprime lengths (13, 11, 7, 17, 19; 323,323 titles): two titles share three parts
 * only when their indices are a multiple of 1,001 apart, and sharing two or fewer no two of 1,001
 * consecutive titles are alike (pg_trgm similarity 0.57 at most, the detector's threshold 0.6;
 * checked with PostgreSQL's similarity()). A run starts at a random index: runs of fewer than
 * 1,001 tickets within one detector window make at most as many alike as there are runs.
 */
export function reportTitle(i: number): string {
  const part = (list: readonly string[], step: number) => list[(i * step) % list.length];
  return `${part(SUBJECTS, 1)} ${part(SYMPTOMS, 3)} ${part(WHEN, 5)}, ${part(WHERE, 7)}, ${part(NOTES, 11)}`;
}
export const REPORT_TITLES = 13 * 11 * 7 * 17 * 19;
const SUBJECTS = ['Outlook', 'VPN client', 'laptop', 'printer', 'library Wi-Fi', 'Teams', 'scanner', 'password', 'SAP', 'projector', 'Moodle', 'shared drive', 'phone'];
const SYMPTOMS = ['crashes', 'is slow', 'shows 0x80070005', 'keeps asking to log in', 'drops', 'prints blank', 'cannot find server', 'freezes', 'has no sound', 'rejects certificate', 'stops syncing'];
const WHEN = ['since this morning', 'after updating', 'at home', 'department-wide', 'on battery', 'since Friday', 'in lecture hall'];
const WHERE = ['Dell Latitude', 'student assistant', 'exam PC', 'two screens', 'Danish keyboard', 'guest lecturer', 'Eduroam', 'front desk', 'lab 3', 'MacBook', 'new badge', 'dean office', 'room 4.12', 'after the move', 'every second try', 'late evenings', 'USB headset'];
const NOTES = ['urgent', 'again', 'ref 1187', 'for days', 'see photo', 'no workaround', 'works for colleagues', 'since reinstall', 'intermittent', 'many users?', 'tried restart', 'happens daily', 'new employee', 'after holiday', 'thesis deadline', 'exam week', 'remote', 'on campus', 'weekend'];

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
