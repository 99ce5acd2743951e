import { parseCookies, setCookie } from './cookies';
import { csrfTokenOf, hashSecret, isCsrfToken, newSessionSecret } from './landlord-session-secret';

describe('cookies', () => {
  it('reads a Cookie header: trimmed, unquoted, decoded, the first of a name winning, junk skipped', () => {
    const cookies = parseCookies(' a=1; relance_session="x%2By" ;a=2; =nameless; novalue; bad=%E0%A4%A; c=');
    expect([...cookies]).toEqual([
      ['a', '1'],
      ['relance_session', 'x+y'],
      ['c', ''],
    ]);
    expect(parseCookies(undefined).size).toBe(0);
  });

  it('writes site-wide SameSite=Strict cookies, HttpOnly and Secure when asked, deleting with Max-Age=0', () => {
    expect(setCookie('relance_session', 'a b', { httpOnly: true, secure: true, maxAge: 60 })).toBe(
      'relance_session=a%20b; Path=/; Max-Age=60; SameSite=Strict; HttpOnly; Secure',
    );
    expect(setCookie('relance_csrf', '', { httpOnly: false, secure: false, maxAge: 0 })).toBe(
      'relance_csrf=; Path=/; Max-Age=0; SameSite=Strict',
    );
  });
});

describe('session secrets', () => {
  it('stores only a hash, and derives a CSRF token only the secret gives', () => {
    const { secret, hash } = newSessionSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(hashSecret(secret));
    expect(hash).not.toContain(secret);
    expect(isCsrfToken(secret, csrfTokenOf(secret))).toBe(true);
    expect(isCsrfToken(secret, csrfTokenOf(newSessionSecret().secret))).toBe(false);
    expect(isCsrfToken(secret, undefined)).toBe(false);
    expect(isCsrfToken(secret, 'short')).toBe(false);
  });
});
