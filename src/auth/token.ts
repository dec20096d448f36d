import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bearer tokens are stored as SHA-256 hashes: a database leak does not reveal them. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newToken = (): string => randomBytes(24).toString('base64url');

/** 256 random bits, for a session's cookie secret and its CSRF token: unguessable, so a fast hash stores them. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/**
 * Whether a secret a client sent equals the one kept, in constant time (how long the comparison
 * takes must not tell how many characters matched); hashing first gives equal lengths.
 */
export function sameSecret(sent: string | undefined, kept: string): boolean {
  if (sent === undefined) return false;
  return timingSafeEqual(createHash('sha256').update(sent).digest(), createHash('sha256').update(kept).digest());
}
