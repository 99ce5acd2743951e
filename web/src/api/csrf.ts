/** The double-submit CSRF cookie the server sets beside the HttpOnly session cookie. */
export const CSRF_COOKIE = 'relance_csrf';
/** Every cookie-authenticated GraphQL call, and every HTTP call but GET, echoes it here. */
export const CSRF_HEADER = 'x-relance-csrf';

/** The CSRF token from `document.cookie`, or an empty string when signed out. */
export function csrfToken(cookies: string = document.cookie): string {
  for (const part of cookies.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === CSRF_COOKIE) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return '';
      }
    }
  }
  return '';
}
