import { LandlordAccessService } from '../../src/extranet/landlord-access.service';
import { FakeSmtpServer, startFakeSmtpServer } from '../support/fake-smtp-server';
import { eventually } from '../support/eventually';
import { createLeaseInArrears } from '../support/lease-fixture';
import { setCookiesOf, signInLandlord } from '../support/landlord-session';
import { startTestRelance, TestRelance } from '../support/test-relance';

const LINK = /(http:\/\/[^\s]+\/auth\/landlord\/sign-in\?token=([A-Za-z0-9_-]{43}))/;

/**
 * Landlords sign in to the extranet without passwords, end to end over HTTP: an agent's
 * invitation over real SMTP, the link's confirmation page and form, the session cookies,
 * the CSRF header on every cookie call, single use, expiry, forged and cross-site links,
 * asking for a link without learning whether an address exists, rate limits, signing out
 * and an agent revoking a landlord's sessions.
 */
describe('landlord sign-in to the extranet', () => {
  let relance: TestRelance;
  let smtp: FakeSmtpServer;
  let base: string;
  let landlordId: string;
  let otherLandlordId: string;

  const graphqlAs = async (headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      data?: Record<string, unknown>;
      errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
    };
  };
  const codeOf = (answer: { errors?: Array<{ extensions?: { code?: string } }> }) => answer.errors?.[0]?.extensions?.code;

  /** Posts the confirmation form of a link as a browser on `origin` would. */
  const confirm = (token: string, origin = base) =>
    fetch(`${base}/auth/landlord/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'user-agent': 'jest-browser/1.0' },
      body: new URLSearchParams({ token }).toString(),
      redirect: 'manual',
    });

  const sessionHeaders = (cookies: Map<string, string>) => ({
    cookie: `relance_session=${encodeURIComponent(cookies.get('relance_session')!)}; relance_csrf=${encodeURIComponent(cookies.get('relance_csrf')!)}`,
    'x-relance-csrf': cookies.get('relance_csrf')!,
  });

  /** Link requests this file has made: one client may make ten per quarter of an hour. */
  let linkRequests = 0;
  const askLink = (email: string) => {
    linkRequests += 1;
    return fetch(`${base}/auth/landlord/sign-in-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
  };

  const mailsTo = (address: string) =>
    smtp.received.filter((m) => m.to && JSON.stringify(m.to).toLowerCase().includes(address.toLowerCase()));

  beforeAll(async () => {
    smtp = await startFakeSmtpServer();
    relance = await startTestRelance('all-in-one');
    base = relance.running.httpUrl!;
    ({ landlordId } = await createLeaseInArrears(relance, {
      reference: 'EXT-1',
      dueDaysAgo: 20,
      landlord: { email: 'Bailleur.Un@example.test', companyName: 'SCI Les Tilleuls' },
    }));
    ({ landlordId: otherLandlordId } = await createLeaseInArrears(relance, {
      reference: 'EXT-2',
      dueDaysAgo: 20,
      landlord: { email: 'bailleur.deux@example.test', companyName: 'SCI Les Acacias' },
    }));
  });

  afterAll(async () => {
    await relance?.stop();
    await smtp?.close();
  });

  it('refuses an invitation while the workspace sends no e-mail, and sends nothing', async () => {
    const answer = await relance.graphql('mutation($l: ID!) { inviteLandlord(landlordId: $l) { email } }', { l: landlordId });
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors![0].message).toMatch(/SMTP/);
    expect((await relance.database.query('SELECT count(*)::int AS n FROM landlord_sign_in_token', []))[0]).toEqual({ n: 0 });
  });

  it('invites a landlord by e-mail; the link opens a page whose button signs in once, with HttpOnly SameSite cookies', async () => {
    await relance.ok('mutation($i: ChannelSettingInput!) { setChannelSetting(input: $i) { channel } }', {
      i: { channel: 'EMAIL', provider: 'SMTP', host: '127.0.0.1', port: smtp.port, secure: false, from: 'extranet@agence.test' },
    });
    const { inviteLandlord } = await relance.ok<{ inviteLandlord: { email: string; expiresAt: string } }>(
      'mutation($l: ID!) { inviteLandlord(landlordId: $l) { landlordId email expiresAt } }',
      { l: landlordId },
    );
    expect(inviteLandlord.email).toBe('Bailleur.Un@example.test');
    const inAWeek = Date.now() + 7 * 86_400_000;
    expect(Math.abs(new Date(inviteLandlord.expiresAt).getTime() - inAWeek)).toBeLessThan(60_000);

    const [mail] = await eventually(
      async () => mailsTo('Bailleur.Un@example.test'),
      (mails) => mails.length === 1,
      'the invitation e-mail',
    );
    expect(mail.subject).toMatch(/extranet/i);
    const [, url, token] = LINK.exec(mail.text ?? '')!;
    expect(url.startsWith(base)).toBe(true);
    // Only the token's hash is kept.
    const stored = await relance.database.query('SELECT token_hash, purpose FROM landlord_sign_in_token', []);
    expect(stored).toEqual([{ token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), purpose: 'INVITE' }]);
    expect(JSON.stringify(stored)).not.toContain(token);

    // Following the link (as a mail scanner does) uses nothing up.
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    const html = await page.text();
    expect(html).toContain(`name="token" value="${token}"`);
    expect(html).toContain('action="/auth/landlord/sign-in"');
    expect((await fetch(url)).status).toBe(200);

    const signedIn = await confirm(token);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/app/');
    const lines = signedIn.headers.getSetCookie();
    const session = lines.find((l) => l.startsWith('relance_session='))!;
    const csrf = lines.find((l) => l.startsWith('relance_csrf='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(csrf).toMatch(/SameSite=Strict/);

    const cookies = setCookiesOf(signedIn);
    const viewer = await graphqlAs(sessionHeaders(cookies), '{ viewer { role landlordId sessionId apiKeyId workspaceId } }');
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data!.viewer).toEqual({
      role: 'LANDLORD',
      landlordId,
      sessionId: expect.any(String),
      apiKeyId: null,
      workspaceId: relance.workspaceId,
    });
    const [row] = await relance.database.query('SELECT user_agent, secret_hash FROM landlord_session', []);
    expect(row.user_agent).toBe('jest-browser/1.0');
    expect(row.secret_hash).not.toBe(cookies.get('relance_session'));

    // Used once: the same link again lands on the sign-in page saying so, and opens nothing.
    const again = await confirm(token);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/app/sign-in?error=invalid-link');
    expect(again.headers.getSetCookie()).toEqual([]);
  });

  it('sees only its own landlord’s records through the session, as a LANDLORD key would', async () => {
    const { headers } = await signInLandlord(relance, { workspaceId: relance.workspaceId, landlordId });
    const leases = await graphqlAs(headers, '{ leases(first: 50) { edges { node { reference landlordId } } } }');
    expect(leases.errors).toBeUndefined();
    const nodes = (leases.data!.leases as { edges: Array<{ node: { reference: string; landlordId: string } }> }).edges.map((e) => e.node);
    expect(nodes).toEqual([{ reference: 'EXT-1', landlordId }]);
    // An agent's mutation is not a landlord's.
    const invite = await graphqlAs(headers, 'mutation($l: ID!) { inviteLandlord(landlordId: $l) { email } }', { l: otherLandlordId });
    expect(codeOf(invite)).toBe('FORBIDDEN');
  });

  it('never gives a landlord an agent’s call report or notes, whatever it asks', async () => {
    const { runArrearsDetection } = await relance.ok<{ runArrearsDetection: Array<{ id: string; leaseId: string }> }>(
      '{ runArrearsDetection { id leaseId } }'.replace('{', 'mutation {'),
    );
    const [{ id: leaseId }] = await relance.database.query("SELECT id FROM lease WHERE reference = 'EXT-1'", []);
    const debt = runArrearsDetection.find((d) => d.leaseId === leaseId)!;
    const report = 'Locataire joint : problème de santé, hospitalisé en mars';
    await relance.database.query(
      `INSERT INTO task (workspace_id, debt_id, key, kind, title, body, due_at, status, outcome, report, completed_at)
       VALUES ($1, $2, 'test:report', 'FOLLOW_UP', 'Rappeler le locataire', $3, now(), 'DONE', 'REACHED', $3, now())`,
      [relance.workspaceId, debt.id, report],
    );
    const taskQuery = '{ tasks(first: 10) { edges { node { title outcome report body } } } }';
    // An agent reads the report…
    expect(JSON.stringify(await relance.ok(taskQuery))).toContain('hospitalisé');
    const { headers } = await signInLandlord(relance, { workspaceId: relance.workspaceId, landlordId });
    const answers = [
      await graphqlAs(headers, taskQuery),
      await graphqlAs(headers, '{ debts(first: 10) { edges { node { id timeline { kind summary } } } } }'),
    ];
    // …the landlord sees the task was done, and none of its words.
    expect(answers[0].data).toEqual({
      tasks: { edges: [{ node: { title: 'Rappeler le locataire', outcome: 'REACHED', report: null, body: '' } }] },
    });
    for (const answer of answers) expect(JSON.stringify(answer)).not.toMatch(/hospitalis|santé/);
  });

  it('refuses a cookie call without its CSRF header, or with another one', async () => {
    const { headers } = await signInLandlord(relance, { workspaceId: relance.workspaceId, landlordId });
    const without = await graphqlAs({ cookie: headers.cookie }, '{ viewer { role } }');
    expect(codeOf(without)).toBe('FORBIDDEN');
    expect(without.errors![0].extensions!.field).toBe('x-relance-csrf');
    const forged = await graphqlAs({ cookie: headers.cookie, 'x-relance-csrf': 'not-the-token' }, '{ viewer { role } }');
    expect(codeOf(forged)).toBe('FORBIDDEN');
    const signOutWithout = await fetch(`${base}/auth/sign-out`, { method: 'POST', headers: { cookie: headers.cookie } });
    expect(signOutWithout.status).toBe(403);
    // The session is still there: the refused sign-out ended nothing.
    expect(codeOf(await graphqlAs(headers, '{ viewer { role } }'))).toBeUndefined();
  });

  it('refuses forged, cross-site and expired links', async () => {
    const forged = await confirm('A'.repeat(43));
    expect(forged.headers.get('location')).toBe('/app/sign-in?error=invalid-link');
    expect((await confirm('not a token')).headers.get('location')).toBe('/app/sign-in?error=invalid-link');

    const url = await relance.running.app.get(LandlordAccessService).demoLink(relance.workspaceId, landlordId);
    const token = new URL(url).searchParams.get('token')!;
    // Another site posting the form would sign its visitor in to this session: refused, and the link is not used up.
    const crossSite = await confirm(token, 'https://evil.example');
    expect(crossSite.headers.get('location')).toBe('/app/sign-in?error=invalid-link');
    expect(crossSite.headers.getSetCookie()).toEqual([]);
    expect((await confirm(token)).headers.get('location')).toBe('/app/');

    const expiring = await relance.running.app.get(LandlordAccessService).demoLink(relance.workspaceId, landlordId);
    const expiringToken = new URL(expiring).searchParams.get('token')!;
    await relance.database.query(
      "UPDATE landlord_sign_in_token SET expires_at = now() - interval '1 second' WHERE used_at IS NULL AND created_by = 'demo'",
      [],
    );
    expect((await confirm(expiringToken)).headers.get('location')).toBe('/app/sign-in?error=invalid-link');
  });

  it('answers a link request the same for a known and an unknown address, and e-mails only the known one', async () => {
    const before = mailsTo('bailleur.deux@example.test').length;
    const known = await askLink('BAILLEUR.DEUX@example.test');
    const unknown = await askLink('nobody@example.test');
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(await known.json()).toEqual(await unknown.json());
    const mails = await eventually(
      async () => mailsTo('bailleur.deux@example.test'),
      (m) => m.length === before + 1,
      'the sign-in link e-mail',
    );
    const [, , token] = LINK.exec(mails[mails.length - 1].text ?? '')!;
    expect(mails[mails.length - 1].subject).toMatch(/lien de connexion/);
    const signedIn = await confirm(token);
    expect(signedIn.headers.get('location')).toBe('/app/');
    const viewer = await graphqlAs(sessionHeaders(setCookiesOf(signedIn)), '{ viewer { landlordId } }');
    expect(viewer.data!.viewer).toEqual({ landlordId: otherLandlordId });
    expect(mailsTo('nobody@example.test')).toEqual([]);
    // A malformed address is refused before it counts.
    linkRequests -= 1;
    expect((await askLink('not-an-address')).status).toBe(400);
  });

  it('sends one landlord at most three links a quarter of an hour, and rate-limits a client asking too often', async () => {
    const statuses: number[] = [];
    const allowed = 10 - linkRequests;
    for (let i = 0; i <= allowed; i++) statuses.push((await askLink('bailleur.un@example.test')).status);
    // Ten requests a client may make per quarter of an hour; the next one is told when to come back.
    expect(statuses.slice(0, allowed)).toEqual(Array(allowed).fill(202));
    expect(statuses[allowed]).toBe(429);
    const limited = await askLink('bailleur.un@example.test');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Of the accepted requests, three links went out (invitations and other links aside).
    const links = async () =>
      (
        await relance.database.query(
          "SELECT count(*)::int AS n FROM landlord_sign_in_token WHERE landlord_id = $1 AND purpose = 'SIGN_IN'",
          [landlordId],
        )
      )[0].n as number;
    await eventually(links, (n) => n === 3, 'three sign-in links');
    await eventually(
      async () => mailsTo('bailleur.un@example.test').filter((m) => /lien de connexion/.test(m.subject ?? '')),
      (m) => m.length === 3,
      'three sign-in e-mails',
    );
    expect(await links()).toBe(3);
  });

  it('signs out, and an agent revokes a landlord’s sessions at once', async () => {
    const first = await signInLandlord(relance, { workspaceId: relance.workspaceId, landlordId: otherLandlordId });
    const signOut = await fetch(`${base}/auth/sign-out`, { method: 'POST', headers: first.headers });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.getSetCookie().every((l) => /Max-Age=0/.test(l))).toBe(true);
    expect(codeOf(await graphqlAs(first.headers, '{ viewer { role } }'))).toBe('UNAUTHENTICATED');

    const second = await signInLandlord(relance, { workspaceId: relance.workspaceId, landlordId: otherLandlordId });
    const third = await signInLandlord(relance, { workspaceId: relance.workspaceId, landlordId: otherLandlordId });
    const { landlordSessions } = await relance.ok<{ landlordSessions: Array<{ id: string; userAgent: string | null }> }>(
      'query($l: ID!) { landlordSessions(landlordId: $l) { id userAgent createdAt lastSeenAt expiresAt } }',
      { l: otherLandlordId },
    );
    expect(landlordSessions.length).toBeGreaterThanOrEqual(2);
    const { revokeLandlordSessions } = await relance.ok<{ revokeLandlordSessions: number }>(
      'mutation($l: ID!) { revokeLandlordSessions(landlordId: $l) }',
      { l: otherLandlordId },
    );
    expect(revokeLandlordSessions).toBeGreaterThanOrEqual(2);
    for (const session of [second, third]) {
      const answer = await graphqlAs(session.headers, '{ viewer { role } }');
      expect(codeOf(answer)).toBe('UNAUTHENTICATED');
      expect(answer.errors![0].message).toMatch(/sign in again/);
    }
    // The other landlord's sessions are untouched.
    const own = await signInLandlord(relance, { workspaceId: relance.workspaceId, landlordId });
    expect(codeOf(await graphqlAs(own.headers, '{ viewer { role } }'))).toBeUndefined();
  });
});
