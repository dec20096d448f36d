// Passwords for browser sign-in (issue 14 item 1). Unlike bearer tokens (long random strings, a fast
// SHA-256 is enough, src/auth/token.ts), people choose passwords from a small space, so a leaked
// hash must be expensive to guess at: scrypt is memory-hard (each guess needs 32 MiB), which takes
// away most of a GPU's advantage, and it is in Node's crypto, so no new dependency.
import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

/** OWASP's minimum for scrypt (N=2^15, r=8, p=1): about 60 ms and 32 MiB per hash on a server core. */
const COST = { N: 2 ** 15, r: 8, p: 1 };
/** scrypt needs 128 * N * r bytes (32 MiB here); Node refuses above 32 MiB by default, so allow twice that. */
const MAX_MEMORY = 64 * 1024 * 1024;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const SCHEME = 'scrypt';

/** NIST SP 800-63B: length, not composition rules, makes a password hard to guess. */
export const PASSWORD_MIN_LENGTH = 12;

function derive(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/**
 * `scrypt$32768$8$1$<salt b64>$<hash b64>`: the cost travels with the hash, so raising COST later
 * still verifies the passwords stored before.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, { ...COST, maxmem: MAX_MEMORY });
  return [SCHEME, COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface StoredHash {
  options: ScryptOptions;
  salt: Buffer;
  key: Buffer;
}

/** The parts of a stored hash, or undefined when it is not one this module wrote. */
function parse(stored: string): StoredHash | undefined {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  const cost = [n, r, p].map(Number);
  if (scheme !== SCHEME || rest.length > 0 || !salt || !key || !cost.every((c) => Number.isSafeInteger(c) && c > 0)) return undefined;
  const [N, rr, pp] = cost;
  // A corrupted cost must not make one sign-in allocate gigabytes: within the memory allowed, or refused.
  if (128 * N * rr * pp > MAX_MEMORY) return undefined;
  const parsed = { options: { N, r: rr, p: pp, maxmem: MAX_MEMORY }, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
  // scrypt's shorter outputs are prefixes of its longer ones: a truncated hash would match with fewer
  // bytes to guess, so only full-length hashes (and salts) count.
  return parsed.key.length === KEY_BYTES && parsed.salt.length >= SALT_BYTES ? parsed : undefined;
}

/** Whether the password is the one the stored hash was made from; false for anything malformed. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  try {
    const key = await derive(password, parsed.salt, parsed.key.length, parsed.options);
    // Constant time: how long the comparison takes must not tell how many bytes matched.
    return timingSafeEqual(key, parsed.key);
  } catch {
    return false; // scrypt refused the stored cost (N not a power of two): not a hash this module wrote
  }
}

let decoy: Promise<string> | undefined;

/**
 * A hash of a password nobody knows, to verify against when the username is unknown or has no
 * password: the sign-in then takes as long as a wrong password, so the time does not tell which
 * usernames exist.
 */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
