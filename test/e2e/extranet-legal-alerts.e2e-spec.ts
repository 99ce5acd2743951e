import type { Browser, BrowserContext, Page } from 'playwright-core';
import { todayIn } from '../../src/common/clock';
import { addDays, addMonths } from '../../src/domain/calendar-date';
import { prescribesOn } from '../../src/domain/legal-rules';
import {
  collectPageErrors,
  expectNoSeriousAxeViolations,
  launchBrowser,
  newScreenContext,
  saveScreenshot,
  Screen,
} from '../support/browser';
import { signInLandlord } from '../support/landlord-session';
import { createLeaseInArrears } from '../support/lease-fixture';
import { startTestRelance, TestRelance } from '../support/test-relance';

const SCREENS: Screen[] = ['phone', 'desktop'];
const spellDate = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/**
 * The portfolio's legal alerts in a real headless Chromium, on a phone and a desktop: a
 * landlord whose one case owes a rent that prescribed some fifteen days ago and one whose last day to
 * act is in about twenty days (both placed from Relance's today), and whose other lease is
 * recent. The panel names the sums, links each deadline to its case, passes axe, and is
 * pictured in docs/screenshots; a landlord with nothing to watch sees no panel at all.
 */
describe('the extranet portfolio’s legal alerts', () => {
  let relance: TestRelance;
  let browser: Browser;
  let base: string;
  let landlordId: string;
  let quietLandlordId: string;
  let debtId: string;
  const contexts: BrowserContext[] = [];
  const today = todayIn();
  // A rent whose last day to act (the eve of its prescription) is `days` from today; month ends only bring it forward.
  const dueFor = (days: number) => addMonths(addDays(today, days), -36);
  const soonDue = dueFor(20);

  const open = async (screen: Screen, landlord: string): Promise<{ page: Page; errors: string[] }> => {
    const context = await newScreenContext(browser, screen, base);
    contexts.push(context);
    await context.addCookies((await signInLandlord(relance, { workspaceId: relance.workspaceId, landlordId: landlord })).cookies);
    const page = await context.newPage();
    return { page, errors: collectPageErrors(page) };
  };

  beforeAll(async () => {
    relance = await startTestRelance('all-in-one');
    base = relance.running.httpUrl!;
    browser = await launchBrowser();
    const landlord = { companyName: 'SCI Les Platanes', email: 'platanes@example.test' };
    const old = await createLeaseInArrears(relance, { reference: 'PLATANES-2', period: soonDue.slice(0, 7), dueDate: soonDue, landlord });
    landlordId = old.landlordId;
    // The same lease owes an older rent too, prescribed some fifteen days ago: 35 days apart, always another month.
    const prescribedDue = dueFor(-15);
    await relance.ok('mutation($d: [CreateChargeInput!]!) { createCharges(data: $d) { id } }', {
      d: [{ leaseId: old.leaseId, period: prescribedDue.slice(0, 7), dueDate: prescribedDue, rentCents: 45_000, chargesCents: 0 }],
    });
    const quiet = await createLeaseInArrears(relance, {
      reference: 'CEDRES-1',
      dueDaysAgo: 12,
      landlord: { companyName: 'SCI Les Cèdres', email: 'cedres@example.test' },
    });
    quietLandlordId = quiet.landlordId;
    const { runArrearsDetection } = await relance.ok<{ runArrearsDetection: Array<{ id: string; leaseId: string }> }>(
      'mutation { runArrearsDetection { id leaseId } }',
    );
    debtId = runArrearsDetection.find((d) => d.leaseId === old.leaseId)!.id;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await relance?.stop();
  });

  for (const screen of SCREENS) {
    it(`shows the sums prescribed and prescribing, each deadline linking to its case, on a ${screen}`, async () => {
      const { page, errors } = await open(screen, landlordId);
      await page.goto('/app/');
      const panel = page.getByRole('region', { name: 'Échéances à surveiller' });
      await panel.waitFor();
      // Intl separates the euro sign with a narrow no-break space.
      const text = ((await panel.textContent()) ?? '').replace(/\s/g, ' ');
      expect(text).toContain('450,00 € déjà prescrits');
      expect(text).toContain('900,00 € se prescrivent dans les six mois');
      const lastDay = addDays(prescribesOn(soonDue), -1);
      const link = panel.getByRole('link', { name: `900,00 € du bail PLATANES-2 : dernier jour pour agir le ${spellDate(lastDay)}` });
      await expect(link.count()).resolves.toBe(1);
      expect(text).toMatch(/dépassé de 1[5-8] jours/);
      expect(text).toMatch(/dans (1[7-9]|20) jours/);
      await expectNoSeriousAxeViolations(page, `portfolio alerts (${screen})`);
      await saveScreenshot(page, 'portfolio-alerts', screen);
      await link.click();
      await page.waitForURL(new RegExp(`/app/debts/${debtId}$`));
      await page.getByRole('region', { name: 'Dates légales' }).waitFor();
      expect(errors).toEqual([]);
    });
  }

  it('shows no panel to a landlord with nothing to watch', async () => {
    const { page, errors } = await open('desktop', quietLandlordId);
    await page.goto('/app/');
    await page.getByRole('table', { name: /Vos baux/ }).waitFor();
    // The alerts are read beside the leases: wait for that answer before saying there is no panel.
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('region', { name: 'Échéances à surveiller' }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });
});
