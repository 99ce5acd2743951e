import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new session's cookie secret (32 random bytes) and the hash stored for it. */
export function newSessionSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

/** SHA-256 of a session secret or a sign-in token: only hashes are stored, so a database leak signs nobody in. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * The CSRF token of a session, derived from its secret: the scripts of the extranet read it
 * from its own cookie and send it back in a header, which another site cannot do.
 */
export function csrfTokenOf(secret: string): string {
  return createHash('sha256').update(`csrf:${secret}`, 'utf8').digest('base64url');
}

/** Whether a request's CSRF header is its session's token, compared in constant time. */
export function isCsrfToken(secret: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(csrfTokenOf(secret));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
