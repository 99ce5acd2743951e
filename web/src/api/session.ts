import { CSRF_HEADER, csrfToken } from './csrf';

/** What asking for a sign-in link gave: sent (whether or not the address is known), or come back later. */
export type SignInLinkAnswer =
  { kind: 'sent' } | { kind: 'rate-limited'; retryAfterSeconds: number } | { kind: 'invalid' } | { kind: 'failed' };

/** `POST /auth/landlord/sign-in-link`: 202 whatever the address, 429 with Retry-After when asked too often. */
export async function requestSignInLink(email: string): Promise<SignInLinkAnswer> {
  let response: Response;
  try {
    response = await fetch('/auth/landlord/sign-in-link', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
  } catch {
    return { kind: 'failed' };
  }
  if (response.status === 202 || response.ok) return { kind: 'sent' };
  if (response.status === 429) return { kind: 'rate-limited', retryAfterSeconds: Number(response.headers.get('retry-after')) || 60 };
  if (response.status === 400) return { kind: 'invalid' };
  return { kind: 'failed' };
}

/** `POST /auth/sign-out` with the CSRF header: the session ends on the server, its cookies are cleared. */
export async function signOut(): Promise<void> {
  try {
    await fetch('/auth/sign-out', { method: 'POST', credentials: 'same-origin', headers: { [CSRF_HEADER]: csrfToken() } });
  } catch {
    // Signed out or not, the visitor goes to the sign-in page.
  }
}
