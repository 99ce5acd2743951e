/**
 * The extranet's routes below /app/, as the page's router has them (web/src/app.tsx; a
 * unit test holds the two lists together). The server answers every route with the app's
 * page, but with the status the page will show: an unknown route is a 404, and so is a
 * debt the signed-in landlord cannot see (the controller asks the API's scoped read).
 */
export type WebAppRoute = { kind: 'page' } | { kind: 'debt'; debtId: string } | { kind: 'unknown' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The router's paths: static ones, and those naming a debt by id. */
export const STATIC_ROUTES = ['', 'sign-in', 'decisions', 'statements'] as const;
export const DEBT_ROUTES = ['debts/:id', 'decisions/:debtId'] as const;

/** `relative`: the request's path below /app/, URL-decoded. */
export function webAppRouteOf(relative: string): WebAppRoute {
  const path = relative.replace(/^\/+|\/+$/g, '');
  if ((STATIC_ROUTES as readonly string[]).includes(path)) return { kind: 'page' };
  const [head, id, ...rest] = path.split('/');
  if (rest.length === 0 && id !== undefined && DEBT_ROUTES.some((route) => route.startsWith(`${head}/:`))) {
    return UUID.test(id) ? { kind: 'debt', debtId: id } : { kind: 'unknown' };
  }
  return { kind: 'unknown' };
}
