// What the benchmarks that fill the running stack share: a loopback-only API client and the
// opening of a bench ticket over REST, retried on a 503 with its Idempotency-Key (never a duplicate).

export const api = process.env.API_URL ?? 'http://127.0.0.1:3000';
if (!/^(127\.|localhost|\[::1\])/.test(new URL(api).hostname)) throw new Error('benchmarks only target this machine (127.0.0.1)');

export const WORDS = ['printer', 'network', 'vpn', 'password', 'laptop', 'screen', 'email', 'wifi', 'teams', 'scanner', 'license', 'keyboard'];

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
