import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { findProjectRoot } from '../../src/config/project-root';

/**
 * A real headless Chromium for the extranet's specs: Debian's `chromium` package driven by
 * playwright-core through its executable path (nothing downloads a browser; `.ci/run`
 * installs the package). CHROMIUM_PATH points elsewhere.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // Root in a container has no user namespace for the sandbox.
    args: ['--no-sandbox'],
  });
}

/** The two screens each page is checked and pictured on. */
export const SCREENS = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
} as const;
export type Screen = keyof typeof SCREENS;

/** A fresh context (its own cookies and storage) sized as a phone or a desktop, in French. */
export async function newScreenContext(browser: Browser, screen: Screen, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ ...SCREENS[screen], baseURL, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
}

/** What a page logged as errors, and the CSP violations it met: a spec asserts there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now and throws with a
 * readable list when any violation is serious or critical. Returns the minor and moderate
 * ones for a spec that wants to look.
 */
export async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Through the debugging protocol, not a <script>: the page's CSP does not apply to it.
  await page.evaluate(axeSource);
  // A string, run in the page: this file is Node code and knows no DOM types.
  const options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } };
  const violations = await page.evaluate<AxeViolation[]>(
    `axe.run(document, ${JSON.stringify(options)}).then((result) => result.violations)`,
  );
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    const list = serious
      .map(
        (v) =>
          `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`.replace(/\n/g, ' ')).join('\n')}`,
      )
      .join('\n');
    throw new Error(`axe-core found ${serious.length} serious or critical violation(s) on ${label}:\n${list}`);
  }
  return violations.filter((v) => !serious.includes(v));
}

/** docs/screenshots/<name>-<screen>.png, the whole page; returns the path written. */
export async function saveScreenshot(page: Page, name: string, screen: Screen): Promise<string> {
  const dir = join(findProjectRoot(), 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}-${screen}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}
