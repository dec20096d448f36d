import { decoyHash, hashPassword, verifyPassword } from './password';

describe('passwords (scrypt)', () => {
  it('stores scrypt$N$r$p$salt$hash with a new salt each time, so equal passwords hash differently', async () => {
    const [first, second] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(first).not.toBe(second);
    expect(first.split('$')[4]).not.toBe(second.split('$')[4]);
  });

  it('verifies the password it was made from, and no other', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('answers false, without throwing, for a stored value it did not write', async () => {
    const stored = await hashPassword('correct horse battery');
    const [, n, r, p, salt, key] = stored.split('$');
    const malformed = [
      '',
      'correct horse battery',
      `bcrypt$${n}$${r}$${p}$${salt}$${key}`,
      `scrypt$${n}$${r}$${p}$${salt}`,
      `scrypt$${n}$${r}$${p}$${salt}$`,
      `scrypt$${n}$${r}$${p}$${salt}$${key}$extra`,
      `scrypt$abc$${r}$${p}$${salt}$${key}`,
      `scrypt$1000$${r}$${p}$${salt}$${key}`, // N not a power of two: scrypt itself refuses
      `scrypt$1048576$${r}$${p}$${salt}$${key}`, // 1 GiB: over the memory allowed
      `scrypt$${n}$${r}$${p}$${salt}$${key.slice(0, 20)}`, // a truncated hash
    ];
    for (const value of malformed) expect([value, await verifyPassword('correct horse battery', value)]).toEqual([value, false]);
  });

  it('keeps one decoy hash that no guess matches', async () => {
    const decoy = await decoyHash();
    expect(await decoyHash()).toBe(decoy);
    expect(await verifyPassword('', decoy)).toBe(false);
  });
});
