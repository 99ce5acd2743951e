/** The extranet's session cookie: HttpOnly, so no script reads it. */
export const SESSION_COOKIE = 'relance_session';
/** The CSRF cookie the extranet's scripts read and echo in {@link CSRF_HEADER} (double submit). */
export const CSRF_COOKIE = 'relance_csrf';
/** Cookie-authenticated GraphQL calls, and every other cookie request but GET and HEAD, carry it. */
export const CSRF_HEADER = 'x-relance-csrf';

/** The cookies of a `Cookie:` header, by name (the first of each name wins, as browsers send the most specific first). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const raw of (header ?? '').split(';')) {
    const part = raw.trim();
    const at = part.indexOf('=');
    if (at < 1) continue;
    const name = part.slice(0, at).trimEnd();
    if (cookies.has(name)) continue;
    let value = part.slice(at + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      // A malformed escape: not a cookie we set.
    }
  }
  return cookies;
}

export interface CookieOptions {
  httpOnly: boolean;
  /** Sent only over HTTPS: when the public address is https. */
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

/**
 * A `Set-Cookie` value for the whole site, SameSite=Strict: a request another site starts
 * never carries it (the first line of defence against CSRF; the header check is the second).
 *
 * @example
 * response.append('Set-Cookie', setCookie(SESSION_COOKIE, secret, { httpOnly: true, secure: true, maxAge: 2592000 }));
 */
export function setCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', `Max-Age=${options.maxAge}`, 'SameSite=Strict'];
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
