import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEBT_ROUTES, STATIC_ROUTES, webAppRouteOf } from './web-app-routes';

describe('webAppRouteOf', () => {
  const id = '0b9c6a4e-3f51-4b8e-9d2a-7c1e5f0a2b3c';

  it('knows the app’s pages, with or without a trailing slash', () => {
    for (const path of ['', '/', 'sign-in', 'decisions', 'decisions/', 'statements']) expect(webAppRouteOf(path)).toEqual({ kind: 'page' });
  });

  it('names the debt of a debt file or a decision', () => {
    expect(webAppRouteOf(`debts/${id}`)).toEqual({ kind: 'debt', debtId: id });
    expect(webAppRouteOf(`decisions/${id}/`)).toEqual({ kind: 'debt', debtId: id });
  });

  it('calls anything else unknown: other paths, ids that are not uuids, deeper paths', () => {
    for (const path of ['nowhere', 'debts', 'debts/42', `debts/${id}/more`, `leases/${id}`, 'sign-in/x']) {
      expect(webAppRouteOf(path)).toEqual({ kind: 'unknown' });
    }
  });

  it('has the same routes as the page’s router', () => {
    const app = readFileSync(join(__dirname, '../../web/src/app.tsx'), 'utf8');
    const paths = [...app.matchAll(/path: '([^']+)'/g)].map((m) => m[1]).filter((p) => p !== '*');
    expect(new Set(paths)).toEqual(new Set([...STATIC_ROUTES.filter((p) => p !== ''), ...DEBT_ROUTES]));
    expect(app).toMatch(/index: true|path: ''/);
  });
});
