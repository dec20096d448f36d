import { createHash, randomBytes } from 'node:crypto';

/** Bearer tokens are stored as SHA-256 hashes: a database leak does not reveal them. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newToken = (): string => randomBytes(24).toString('base64url');
