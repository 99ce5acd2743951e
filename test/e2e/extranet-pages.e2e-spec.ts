import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EXTRANET_CSP } from '../../src/web/web-app-headers';
import {
  collectPageErrors,
  expectNoSeriousAxeViolations,
  launchBrowser,
  newScreenContext,
  saveScreenshot,
  Screen,
} from '../support/browser';
import { DebtCaseService } from '../../src/debt/debt-case.service';
import { addDays } from '../../src/domain/calendar-date';
import { todayIn } from '../../src/common/clock';
import { previousMonth } from '../../src/domain/statement-month';
import { eventually } from '../support/eventually';
import { FakeSmtpServer, startFakeSmtpServer } from '../support/fake-smtp-server';
import { signInLandlord } from '../support/landlord-session';
import { addTenant, createLeaseInArrears } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';
import {
  CompleteTaskDocument,
  ProposePaymentPlanDocument,
  PublishScenarioDocument,
  RunArrearsDetectionByLeaseDocument,
  SaveScenarioDraftDocument,
  SetChannelSettingDocument,
  UpdateLeaseDocument,
} from './graphql/generated';

const SCREENS: Screen[] = ['phone', 'desktop'];
const PENDING_FOR = 'query($d: String!) { approvalRequests(filter: { debtId: { eq: $d }, status: { eq: PENDING } }) { totalCount } }';
const TASKS_OF = 'query($d: String!) { tasks(filter: { debtId: { eq: $d } }) { edges { node { id title body status } } } }';
const MESSAGES_OF =
  'query($d: String!) { outboundMessages(filter: { debtId: { eq: $d } }) { edges { node { stepKey channel status documentId } } } }';
/** A call report's words: no answer the landlord's browser gets may hold them. */
const CALL_REPORT = 'Locataire joint au téléphone : conteste la régularisation de charges, rappel convenu mardi matin';
const LINK = /(http:\/\/[^\s]+\/auth\/landlord\/sign-in\?token=[A-Za-z0-9_-]{43})/;

/**
 * The landlord extranet's pages in a real headless Chromium (Debian's package through
 * playwright-core), served by Relance at /app: on a phone and a desktop, checked with
 * axe-core, pictured in docs/screenshots, under the extranet's Content-Security-Policy.
 */
describe('the landlord extranet in a browser', () => {
  let relance: TestRelance;
  let browser: Browser;
  let base: string;
  let landlordId: string;
  let debtId: string;
  let otherDebtId: string;
  let disputedDebtId: string;
  let smtp: FakeSmtpServer;
  const contexts: BrowserContext[] = [];

  /** A page on a fresh context; signed in as the landlord when asked. Its console errors are kept. */
  const open = async (screen: Screen, signedIn: boolean): Promise<{ page: Page; errors: string[] }> => {
    const context = await newScreenContext(browser, screen, base);
    contexts.push(context);
    if (signedIn) await context.addCookies((await signInLandlord(relance, { workspaceId: relance.workspaceId, landlordId })).cookies);
    const page = await context.newPage();
    return { page, errors: collectPageErrors(page) };
  };

  /** Axe and a screenshot of the page as it is, for one screen. */
  const checkAndPicture = async (page: Page, name: string, screen: Screen) => {
    await expectNoSeriousAxeViolations(page, `${name} (${screen})`);
    await saveScreenshot(page, name, screen);
  };

  beforeAll(async () => {
    smtp = await startFakeSmtpServer();
    relance = await startTestRelance('all-in-one');
    base = relance.running.httpUrl!;
    browser = await launchBrowser();
    await relance.ok(SetChannelSettingDocument, {
      i: { channel: 'EMAIL', provider: 'SMTP', host: '127.0.0.1', port: smtp.port, secure: false, from: 'extranet@agence.test' },
    });
    for (const channel of ['LETTER', 'REGISTERED_LETTER'] as const) {
      await relance.ok(SetChannelSettingDocument, { i: { channel, provider: 'PRINT_QUEUE' } });
    }
    // A letter sent, then a formal notice the landlord's approval holds: a file with something in it.
    await relance.ok(SaveScenarioDraftDocument, {
      d: {
        key: 'e2e-extranet',
        name: 'Lettre puis mise en demeure',
        steps: [
          { key: 'd2-letter', dayOffset: 2, action: 'LETTER', template: 'first-reminder-letter' },
          { key: 'd5-notice', dayOffset: 5, action: 'FORMAL_NOTICE', template: 'formal-notice', requiresLandlordApproval: true },
          { key: 'd45-handoff', dayOffset: 45, action: 'LITIGATION_HANDOFF', requiresLandlordApproval: true },
        ],
      },
    });
    await relance.ok(PublishScenarioDocument, { key: 'e2e-extranet' });
    const lease = async (reference: string, dueDaysAgo: number, landlord: Record<string, unknown>) => {
      const created = await createLeaseInArrears(relance, { reference, dueDaysAgo, landlord });
      await addTenant(relance, created.leaseId, { addressLine1: '12 rue Victor Hugo', postalCode: '69002', city: 'Lyon' });
      await relance.ok(UpdateLeaseDocument, { id: created.leaseId, d: { scenarioOverride: 'e2e-extranet' } });
      return created;
    };
    // The landlord's mandate reserves formal notices, hand-offs and payment plans for their approval, told by the extranet only.
    const own = await lease('TILLEULS-3B', 12, {
      companyName: 'SCI Les Tilleuls',
      email: 'tilleuls@example.test',
      mandateApprovalSteps: ['FORMAL_NOTICE', 'LITIGATION_HANDOFF', 'PAYMENT_PLAN'],
      mandateInformationChannels: ['PORTAL'],
    });
    const other = await lease('ACACIAS-1', 12, { companyName: 'SCI Les Acacias', email: 'acacias@example.test' });
    landlordId = own.landlordId;
    // A second lease of the same landlord, whose tenant disputes the debt on the phone (below).
    const disputed = await relance.ok<{ createLease: { id: string } }>(`mutation($d: CreateLeaseInput!) { createLease(data: $d) { id } }`, {
      d: {
        reference: 'TILLEULS-5A',
        unitId: await unitOf(own.leaseId),
        landlordId,
        kind: 'RESIDENTIAL_UNFURNISHED',
        signedOn: '2025-01-01',
        startsOn: '2025-01-01',
        monthlyRentCents: 60_000,
      },
    });
    await relance.ok('mutation($d: [CreateChargeInput!]!) { createCharges(data: $d) { id } }', {
      d: [{ leaseId: disputed.createLease.id, period: '2026-01', dueDate: addDays(todayIn(), -20), rentCents: 60_000, chargesCents: 0 }],
    });
    await relance.ok(UpdateLeaseDocument, { id: disputed.createLease.id, d: { scenarioOverride: 'e2e-extranet' } });
    const { runArrearsDetection } = await relance.ok(RunArrearsDetectionByLeaseDocument);
    debtId = runArrearsDetection.find((d) => d.leaseId === own.leaseId)!.id;
    otherDebtId = runArrearsDetection.find((d) => d.leaseId === other.leaseId)!.id;
    disputedDebtId = runArrearsDetection.find((d) => d.leaseId === disputed.createLease.id)!.id;
    await eventually(
      () =>
        relance.ok<{ documents: { edges: unknown[] } }>(
          'query($d: String!) { documents(filter: { debtId: { eq: $d }, draft: { eq: false } }) { edges { node { id } } } }',
          { d: debtId },
        ),
      (answer) => answer.documents.edges.length >= 1,
      'the reminder letter of TILLEULS-3B',
    );
    await eventually(
      () => relance.ok<{ approvalRequests: { totalCount: number } }>(PENDING_FOR, { d: debtId }),
      (answer) => answer.approvalRequests.totalCount === 1,
      'the formal notice of TILLEULS-3B awaiting approval',
    );
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await relance?.stop();
    await smtp?.close();
  });

  /** The unit of a lease, for another lease in the same building. */
  async function unitOf(leaseId: string): Promise<string> {
    const { lease } = await relance.ok<{ lease: { unitId: string } }>('query($id: ID!) { lease(id: $id) { unitId } }', { id: leaseId });
    return lease.unitId;
  }

  it('invites the landlord by e-mail: the link from the loopback SMTP server opens the extranet on their leases only', async () => {
    await relance.ok('mutation($l: ID!) { inviteLandlord(landlordId: $l) { email } }', { l: landlordId });
    const [mail] = await eventually(
      async () => smtp.received.filter((m) => JSON.stringify(m.to ?? '').includes('tilleuls@example.test')),
      (mails) => mails.length === 1,
      'the invitation e-mail',
    );
    const link = LINK.exec(mail.text ?? '')![1];
    const { page, errors } = await open('phone', false);
    await page.goto(link);
    await page.getByRole('button', { name: /Se connecter/ }).click();
    await page.waitForURL('**/app/');
    await page.getByRole('heading', { level: 1, name: 'Mon portefeuille' }).waitFor();
    const text = (await page.getByRole('table', { name: /Vos baux/ }).textContent()) ?? '';
    expect(text).toContain('TILLEULS-3B');
    expect(text).not.toContain('ACACIAS-1');
    // The link worked once: the same link again is refused, on a page that says so.
    const again = await open('desktop', false);
    await again.page.goto(link);
    await again.page.getByRole('button', { name: /Se connecter/ }).click();
    await again.page.waitForURL('**/app/sign-in?error=invalid-link');
    await expect(again.page.getByRole('alert').textContent()).resolves.toContain('Ce lien de connexion a déjà servi ou a expiré');
    await again.page.goto('/app/');
    await again.page.waitForURL('**/app/sign-in');
    expect(errors).toEqual([]);
  });

  it('serves the sign-in page under a strict CSP, the built files cached for good and the page revalidated', async () => {
    const response = await fetch(`${base}/app/sign-in`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(EXTRANET_CSP);
    expect(EXTRANET_CSP).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const html = await response.text();
    // No inline script or style: nothing the CSP would have to allow.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);

    const script = /<script[^>]+src="(\/app\/assets\/[^"]+\.js)"/.exec(html)![1];
    const asset = await fetch(`${base}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-security-policy')).toBe(EXTRANET_CSP);

    // A stale asset is a 404, never the page; /app goes to /app/.
    expect((await fetch(`${base}/app/assets/gone-1234.js`)).status).toBe(404);
    const bare = await fetch(`${base}/app`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([308, '/app/']);
    // Path tricks stay inside the build.
    const escape = await fetch(`${base}/app/..%2f..%2fpackage.json`);
    expect(await escape.text()).not.toContain('"dependencies"');
  });

  it('answers an unknown /app path with the app and a 404, and sends a visitor without a session to sign in', async () => {
    const response = await fetch(`${base}/app/x/y`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<div id="root">');
    // Without a session a debt's address is the sign-in's to answer: nothing is told about the debt.
    expect((await fetch(`${base}/app/debts/${otherDebtId}`)).status).toBe(200);

    const { page, errors } = await open('desktop', false);
    await page.goto('/app/');
    await page.waitForURL('**/app/sign-in');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Connexion');
    expect(errors).toEqual([]);
  });

  for (const screen of SCREENS) {
    it(`shows the sign-in page on a ${screen} in French, with no serious accessibility violation`, async () => {
      const { page, errors } = await open(screen, false);
      await page.goto('/app/sign-in');
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      expect(await page.title()).toBe('Connexion — Relance — Extranet bailleurs');
      await expect(page.getByLabel('Adresse e-mail').isVisible()).resolves.toBe(true);
      await checkAndPicture(page, 'sign-in', screen);
      // The skip link is the first stop of the keyboard.
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.textContent')).toBe('Aller au contenu');
      expect(errors).toEqual([]);
    });
  }

  it('asks for a sign-in link and says one is on its way, whether or not the address is known', async () => {
    const { page } = await open('phone', false);
    await page.goto('/app/sign-in');
    await page.getByLabel('Adresse e-mail').fill('nobody@example.test');
    const [request] = await Promise.all([
      page.waitForRequest('**/auth/landlord/sign-in-link'),
      page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click(),
    ]);
    expect(request.method()).toBe('POST');
    expect(request.postDataJSON()).toEqual({ email: 'nobody@example.test' });
    expect((await request.response())?.status()).toBe(202);
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'Si cette adresse est connue, un lien de connexion est en route',
    );
  });

  it('says clearly when a sign-in link was used or has expired, and speaks English on request', async () => {
    const { page } = await open('desktop', false);
    await page.goto('/app/sign-in?error=invalid-link');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Ce lien de connexion a déjà servi ou a expiré');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('already used or has expired');
    // The choice holds on the next page load.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  for (const screen of SCREENS) {
    it(`shows the landlord's portfolio on a ${screen}: only their leases, balance, age, case and next action`, async () => {
      const { page, errors } = await open(screen, true);
      await page.goto('/app/');
      await page.getByRole('heading', { level: 1, name: 'Mon portefeuille' }).waitFor();
      const table = page.getByRole('table', { name: /Vos baux/ });
      await table.waitFor();
      // Intl separates the euro sign with a narrow no-break space.
      const text = ((await table.textContent()) ?? '').replace(/\s/g, ' ');
      expect(text).toContain('TILLEULS-3B');
      expect(text).not.toContain('ACACIAS-1');
      expect(text).toContain('900,00 €');
      expect(text).toContain('12 jours');
      await page.getByText('Relances en cours').first().waitFor();
      await expect(page.locator('header').textContent()).resolves.toContain('SCI Les Tilleuls');
      await expect(page.locator('header').textContent()).resolves.toContain('Agence de test');
      // The chart says its amounts in words.
      const chart = page.getByRole('img', { name: /Ancienneté des impayés/ });
      await expect(chart.getAttribute('aria-labelledby')).resolves.toBeTruthy();
      await checkAndPicture(page, 'portfolio', screen);
      expect(errors).toEqual([]);
    });
  }

  it('filters out the leases not in arrears and keeps the choice in the address', async () => {
    const { page } = await open('desktop', true);
    await page.goto('/app/');
    await page.getByRole('table', { name: /Vos baux/ }).waitFor();
    await page.getByLabel('Baux en impayé seulement').uncheck();
    await page.getByLabel('Trier par').selectOption('reference');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.waitForURL(/sort=reference/);
    expect(page.url()).toContain('arrears=0');
    await expect(page.getByRole('table', { name: /Vos baux/ }).textContent()).resolves.toContain('TILLEULS-3B');
    // By balance TILLEULS-3B (900 €) leads; by days late TILLEULS-5A (20 days against 12).
    const order = async () =>
      (
        await page
          .getByRole('table', { name: /Vos baux/ })
          .locator('tbody tr th')
          .allTextContents()
      ).map((t) => t.trim().slice(0, 11));
    await page.getByLabel('Trier par').selectOption('balance-desc');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.waitForURL(/sort=balance-desc/);
    await expect(eventually(order, (refs) => refs.length === 2, 'the leases by balance')).resolves.toEqual(['TILLEULS-3B', 'TILLEULS-5A']);
    await page.getByLabel('Trier par').selectOption('late-desc');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.waitForURL(/sort=late-desc/);
    await expect(eventually(order, (refs) => refs[0] === 'TILLEULS-5A', 'the leases by days late')).resolves.toEqual([
      'TILLEULS-5A',
      'TILLEULS-3B',
    ]);
  });

  for (const screen of SCREENS) {
    it(`opens a debt's file on a ${screen}: what was done, the letters with their SHA-256, the steps ahead`, async () => {
      const { page, errors } = await open(screen, true);
      await page.goto('/app/');
      await page.getByRole('link', { name: 'Ouvrir le dossier du bail TILLEULS-3B' }).click();
      await page.waitForURL(`**/app/debts/${debtId}`);
      await page.getByRole('heading', { level: 1, name: 'Dossier d’impayé — bail TILLEULS-3B' }).waitFor();
      await expect(page.getByRole('table', { name: /Journal des relances/ }).textContent()).resolves.toMatch(/\d{4}/);
      const letters = page.getByRole('table', { name: /Courriers envoyés/ });
      await letters.waitFor();
      const sha = (await letters.locator('code.sha256').first().textContent())!;
      expect(sha).toMatch(/^[0-9a-f]{64}$/);
      const view = letters.getByRole('link', { name: /^Voir le PDF/ }).first();
      const href = (await view.getAttribute('href'))!;
      expect(href).toMatch(/^\/documents\/[0-9a-f-]+\?disposition=inline$/);
      // The link opens the PDF with the session, the same bytes as the hash says.
      const pdf = await page.context().request.get(href);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect(pdf.headers()['x-content-sha256']).toBe(sha);
      await page.getByRole('table', { name: /Étapes prévues/ }).waitFor();
      await expect(page.getByRole('table', { name: /Étapes prévues/ }).textContent()).resolves.toContain('Mise en demeure (LRAR)');
      // The legal dates that concern the landlord: the truce (whatever the season), the commandement's delay for a lease
      // signed in 2025, and the assignation waiting for it and for the CCAPEX (the landlord is a company).
      const legal = page.getByRole('region', { name: 'Dates légales' });
      await legal.waitFor();
      const legalText = (await legal.textContent())!;
      expect(legalText).toMatch(/Trêve hivernale.*aucune expulsion/);
      expect(legalText).toContain('Pas encore signifié. Une fois signifié, le locataire disposera de six semaines pour payer.');
      expect(legalText).toContain('En attente de : la signification du commandement de payer, la saisine de la CCAPEX (deux mois avant).');
      await checkAndPicture(page, 'debt-file', screen);
      expect(errors).toEqual([]);
    });
  }

  for (const screen of SCREENS) {
    it(`shows another landlord's debt as a page not found on a ${screen}, and nothing of it`, async () => {
      const { page } = await open(screen, true);
      // The server says 404 too, for the debt file and the decision page alike, and 200 for the landlord's own.
      expect((await page.goto(`/app/decisions/${otherDebtId}`))!.status()).toBe(404);
      expect((await page.goto(`/app/debts/${debtId}`))!.status()).toBe(200);
      expect((await page.goto(`/app/debts/${otherDebtId}`))!.status()).toBe(404);
      await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
      expect(await page.content()).not.toContain('ACACIAS');
      await checkAndPicture(page, 'not-found', screen);
    });
  }

  for (const screen of SCREENS) {
    it(`shows the decisions and the statements pages on a ${screen}`, async () => {
      // Last month's statements, issued on demand (a second call makes nothing new).
      await relance.ok('mutation($m: String!) { issueLandlordStatements(month: $m) { alreadyIssued } }', { m: previousMonth(todayIn()) });
      const { page, errors } = await open(screen, true);
      await page.goto('/app/decisions');
      await page.getByRole('heading', { level: 1, name: 'Décisions à prendre' }).waitFor();
      const requests = page.getByRole('table', { name: 'Demandes en attente de votre décision' });
      await requests.waitFor();
      await expect(requests.textContent()).resolves.toContain('Mise en demeure (LRAR) — TILLEULS-3B');
      await checkAndPicture(page, 'decisions', screen);
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Relevés mensuels' }).click();
      await page.getByRole('heading', { level: 1, name: 'Relevés mensuels' }).waitFor();
      const statements = page.getByRole('table', { name: 'Vos relevés, du plus récent au plus ancien' });
      await statements.waitFor();
      expect(await statements.locator('tbody tr').count()).toBe(1);
      const href = (await statements.getByRole('link', { name: /^Voir le PDF/ }).getAttribute('href'))!;
      const pdf = await page.context().request.get(href);
      expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
      await checkAndPicture(page, 'statements', screen);
      expect(errors).toEqual([]);
    });
  }

  for (const screen of SCREENS) {
    it(`shows the formal notice to approve on a ${screen}: the letter, the deadline and what happens at it`, async () => {
      const { page, errors } = await open(screen, true);
      await page.goto('/app/decisions');
      await page.getByRole('link', { name: 'Décider : Mise en demeure (LRAR) — TILLEULS-3B' }).click();
      await page.waitForURL(`**/app/decisions/${debtId}?step=d5-notice`);
      await page.getByRole('heading', { level: 1, name: 'Décision : Mise en demeure (LRAR) — TILLEULS-3B' }).waitFor();
      await expect(page.locator('main').textContent()).resolves.toContain('Sans décision à cette date, la demande expire');
      await expect(page.locator('main').textContent()).resolves.toMatch(/À décider avant le \d/);
      // The letter itself, as a draft PDF with its hash.
      const letter = page.getByRole('region', { name: 'Le courrier soumis à votre accord' });
      const href = (await letter.getByRole('link', { name: /^Voir le PDF/ }).getAttribute('href'))!;
      const pdf = await page.context().request.get(href);
      expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
      const sha = (await letter.locator('code.sha256').textContent())!;
      expect(sha).toBe(pdf.headers()['x-content-sha256']);
      await page.getByRole('group', { name: 'Votre décision' }).waitFor();
      await checkAndPicture(page, 'decision', screen);
      expect(errors).toEqual([]);
    });
  }

  it('records the landlord’s approval through decideApproval, in the session’s name', async () => {
    const { page, errors } = await open('desktop', true);
    await page.goto(`/app/decisions/${debtId}`);
    await page.getByRole('group', { name: 'Votre décision' }).waitFor();
    // A rejection needs a reason; an approval does not.
    await page.getByLabel('Je refuse').check();
    await page.getByRole('button', { name: 'Envoyer ma décision' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Dites en quelques mots pourquoi vous refusez.');
    await page.getByLabel('J’approuve').check();
    await page.getByLabel('Commentaire (facultatif)').fill('Accord pour la mise en demeure.');
    const [sent] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/graphql') && (r.postData() ?? '').includes('ExtranetDecideApproval')),
      page.getByRole('button', { name: 'Envoyer ma décision' }).click(),
    ]);
    expect(sent.postDataJSON().variables).toEqual({
      debtId,
      stepKey: 'd5-notice',
      approve: true,
      comment: 'Accord pour la mise en demeure.',
    });
    await expect(page.getByRole('status').textContent()).resolves.toContain('vous avez approuvé');
    const { approvalRequests } = await relance.ok<{
      approvalRequests: { edges: Array<{ node: { status: string; decidedBy: string; decisionComment: string | null } }> };
    }>('query($d: String!) { approvalRequests(filter: { debtId: { eq: $d } }) { edges { node { status decidedBy decisionComment } } } }', {
      d: debtId,
    });
    expect(approvalRequests.edges.map((e) => e.node)).toEqual([
      { status: 'APPROVED', decidedBy: expect.stringMatching(/^session:/), decisionComment: 'Accord pour la mise en demeure.' },
    ]);
    // The workflow acts on it: the formal notice goes to the print queue as a registered letter.
    const notices = await eventually(
      async () =>
        (
          await relance.ok<{ outboundMessages: { edges: Array<{ node: { stepKey: string; channel: string; status: string } }> } }>(
            MESSAGES_OF,
            { d: debtId },
          )
        ).outboundMessages.edges
          .map((e) => e.node)
          .filter((m) => m.stepKey === 'd5-notice'),
      (messages) => messages.length === 1 && messages[0].status === 'SENT',
      'the approved formal notice sent',
    );
    expect(notices[0].channel).toBe('REGISTERED_LETTER');
    // The landlord sees it in the debt's file, among the letters sent (the draft is not one of them).
    await page.goto(`/app/debts/${debtId}`);
    const letters = page.getByRole('table', { name: /Courriers envoyés/ });
    await letters.waitFor();
    expect(await letters.locator('tbody tr').count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('rejects a payment plan with a reason: the plan ends and an agent gets a task with the landlord’s words', async () => {
    const inAWeek = addDays(todayIn(), 7);
    const proposed = await relance.ok(ProposePaymentPlanDocument, {
      id: debtId,
      i: [
        { dueDate: inAWeek, amountCents: 45_000 },
        { dueDate: addDays(inAWeek, 30), amountCents: 45_000 },
      ],
    });
    expect(proposed.proposePaymentPlan.paymentPlan?.awaitingApproval).toBe(true);
    await eventually(
      () => relance.ok<{ approvalRequests: { totalCount: number } }>(PENDING_FOR, { d: debtId }),
      (answer) => answer.approvalRequests.totalCount === 1,
      'the plan awaiting approval',
    );
    const { page, errors } = await open('phone', true);
    await page.goto('/app/decisions');
    await page.getByRole('link', { name: /^Décider : .*TILLEULS-3B/ }).click();
    await page.waitForURL(`**/app/decisions/${debtId}?step=payment-plan`);
    const plan = page.getByRole('table', { name: /Échéances du plan/ });
    await plan.waitFor();
    expect(await plan.locator('tbody tr').count()).toBe(2);
    await checkAndPicture(page, 'decision-plan', 'phone');
    await page.getByLabel('Je refuse').check();
    await page.getByLabel(/Commentaire/).fill('Deux échéances ne suffisent pas, je préfère six mois.');
    await page.getByRole('button', { name: 'Envoyer ma décision' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('vous avez refusé');
    const tasks = await eventually(
      async () =>
        (await relance.ok<{ tasks: { edges: Array<{ node: { title: string; body: string } }> } }>(TASKS_OF, { d: debtId })).tasks.edges,
      (edges) => edges.some((e) => e.node.title === 'Landlord rejected the payment plan: tell the tenant'),
      'the agent’s task after the rejected plan',
    );
    const task = tasks.find((e) => e.node.title === 'Landlord rejected the payment plan: tell the tenant')!;
    expect(task.node.body).toBe('Deux échéances ne suffisent pas, je préfère six mois.');
    expect(errors).toEqual([]);
  });

  it('never lets a call report reach the landlord’s browser, in any answer on any page', async () => {
    // An agent calls the tenant of TILLEULS-5A, who disputes the charges: the report names it, the debt pauses.
    await relance.running.app.get(DebtCaseService).createAgentTask({
      workspaceId: relance.workspaceId,
      debtId: disputedDebtId,
      key: 'e2e-call',
      title: 'Appeler le locataire',
      body: 'Vérifier le décompte',
      dueAt: new Date().toISOString(),
    });
    const taskId = (await relance.ok<{ tasks: { edges: Array<{ node: { id: string } }> } }>(TASKS_OF, { d: disputedDebtId })).tasks.edges[0]
      .node.id;
    await relance.ok(CompleteTaskDocument, { id: taskId, outcome: 'DISPUTE', report: CALL_REPORT });
    await eventually(
      () => relance.ok<{ debt: { status: string } }>('query($id: ID!) { debt(id: $id) { status } }', { id: disputedDebtId }),
      (answer) => answer.debt.status === 'PAUSED',
      'the disputed debt paused',
    );

    const { page, errors } = await open('desktop', true);
    const bodies: Promise<string>[] = [];
    page.on('response', (response) => bodies.push(response.text().catch(() => '')));
    await page.goto('/app/');
    await page.getByRole('table', { name: /Vos baux/ }).waitFor();
    await page.getByRole('link', { name: 'Ouvrir le dossier du bail TILLEULS-5A' }).click();
    await page.getByRole('table', { name: /Journal des relances/ }).waitFor();
    // The call is in the file, with its outcome, and without the report's words.
    await expect(page.getByRole('table', { name: /Journal des relances/ }).textContent()).resolves.toMatch(/Appeler le locataire/);
    for (const path of ['/app/decisions', '/app/statements', `/app/debts/${debtId}`]) {
      await page.goto(path);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
    }
    const answers = await Promise.all(bodies);
    expect(answers.length).toBeGreaterThan(8);
    expect(answers.some((text) => text.includes('TILLEULS-5A'))).toBe(true);
    for (const text of answers) {
      expect(text).not.toContain('conteste la régularisation');
      expect(text).not.toContain('rappel convenu');
    }
    expect(errors).toEqual([]);
  });

  it('speaks English when asked, on every signed-in page, and remembers it', async () => {
    const { page, errors } = await open('desktop', true);
    await page.goto('/app/');
    await page.getByRole('heading', { level: 1, name: 'Mon portefeuille' }).waitFor();
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { level: 1, name: 'My portfolio' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await checkAndPicture(page, 'portfolio-en', 'desktop');
    await page.goto(`/app/debts/${debtId}`);
    await page.getByRole('heading', { level: 1, name: 'Arrears case — lease TILLEULS-3B' }).waitFor();
    await page.goto('/app/decisions');
    await page.getByRole('heading', { level: 1, name: 'Decisions to take' }).waitFor();
    await page.goto('/app/statements');
    await page.getByRole('heading', { level: 1, name: 'Monthly statements' }).waitFor();
    await expectNoSeriousAxeViolations(page, 'statements (English)');
    expect(errors).toEqual([]);
  });

  it('signs out: the session ends and the extranet sends back to sign-in', async () => {
    const { page } = await open('desktop', true);
    await page.goto('/app/');
    await page.getByRole('heading', { level: 1, name: 'Mon portefeuille' }).waitFor();
    const [signOut] = await Promise.all([
      page.waitForRequest('**/auth/sign-out'),
      page.getByRole('button', { name: 'Se déconnecter' }).click(),
    ]);
    expect(signOut.headers()['x-relance-csrf']).toMatch(/\S{20,}/);
    expect((await signOut.response())?.status()).toBe(204);
    await page.waitForURL('**/app/sign-in');
    await page.goto('/app/');
    await page.waitForURL('**/app/sign-in');
  });
});
