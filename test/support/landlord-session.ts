import { LandlordAccessService } from '../../src/extranet/landlord-access.service';
import { TestRelance } from './test-relance';

/** A cookie as a browser context takes it (playwright's `context.addCookies`). */
export interface BrowserCookie {
  name: string;
  value: string;
  url: string;
}

/** The cookies a `Set-Cookie` response carries, by name. */
export function setCookiesOf(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    cookies.set(pair.slice(0, at).trim(), decodeURIComponent(pair.slice(at + 1).trim()));
  }
  return cookies;
}

/**
 * Signs a landlord in the way a browser does, through the real endpoints: a link made by
 * the service (as the demo banner's is), its confirmation form posted, the cookies kept.
 * Returns them for a browser context and as a `Cookie` header with the CSRF header to send.
 */
export async function signInLandlord(
  relance: TestRelance,
  landlord: { workspaceId: string; landlordId: string },
): Promise<{ cookies: BrowserCookie[]; headers: Record<string, string> }> {
  const url = await relance.running.app.get(LandlordAccessService).demoLink(landlord.workspaceId, landlord.landlordId);
  const token = new URL(url).searchParams.get('token')!;
  const base = relance.running.httpUrl!;
  const response = await fetch(`${base}/auth/landlord/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ token }).toString(),
    redirect: 'manual',
  });
  const set = setCookiesOf(response);
  const session = set.get('relance_session');
  const csrf = set.get('relance_csrf');
  if (response.status !== 303 || !session || !csrf)
    throw new Error(`Sign-in failed: HTTP ${response.status}, ${response.headers.get('location')}`);
  return {
    cookies: [
      { name: 'relance_session', value: session, url: base },
      { name: 'relance_csrf', value: csrf, url: base },
    ],
    headers: { cookie: `relance_session=${encodeURIComponent(session)}; relance_csrf=${encodeURIComponent(csrf)}`, 'x-relance-csrf': csrf },
  };
}
