import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import type { Browser } from './browser.js';
import type { InPage } from './in-page.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Written on every run (git-ignored); with UPDATE_SCREENSHOTS=true into docs/ as well. */
const SHOTS = ['dist/e2e-screenshots'];
if (process.env.UPDATE_SCREENSHOTS === 'true') SHOTS.push('docs/screenshots');

export const DEMO_PASSWORD = (username: string): string => `${username}-demo`;

const pageErrors = new WeakMap<Page, string[]>();

/** A new tab (its own session: the token lives in the page's memory), its errors recorded. */
export async function newTab(browser: Browser): Promise<Page> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    // A refused request (a 409 refusal) is the browser's own log line, not an error of the app.
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) {
      errors.push(msg.text());
    }
  });
  return page;
}

/** Closes the tab; an uncaught error or a CSP refusal in it fails the test. */
export async function closeTab(page: Page): Promise<void> {
  await page.close();
  expect(pageErrors.get(page) ?? [], 'errors in the page').to.deep.equal([]);
}

/** Signs in from the login page with the mouse, and waits for the user's home page. */
export async function signIn(page: Page, web: string, username: string): Promise<void> {
  await page.goto(`${web}/connexion`);
  await page.getByLabel('Nom d’utilisateur').fill(username);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD(username));
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const home = username === 'operateur' ? 'Tableau de bord' : 'Boutique';
  await page.getByRole('heading', { level: 1, name: home }).waitFor();
}

export async function openAs(browser: Browser, web: string, username: string): Promise<Page> {
  const page = await newTab(browser);
  await signIn(page, web, username);
  return page;
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core, injected into the page, over the whole document: no serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  // Serialised into the page: it may use nothing from this module (hence no inPage()).
  const violations = await page.evaluate(async () => {
    const w = globalThis as unknown as InPage;
    const result = await w.axe.run(w.document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  const serious = (violations as Violation[]).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious, `accessibility of ${what}`).to.deep.equal([]);
}

/** The page as it looks, for the README (docs/screenshots) and CI's artefacts. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as InPage).document.fonts.ready);
  for (const dir of SHOTS) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  }
}

/** An amount as the page writes it ("1 234,56 €") in cents. */
export function cents(text: string | null): number {
  const m = /(-?[\d\s\u202f\u00a0]+),(\d{2})/.exec(text ?? '');
  if (!m) throw new Error(`No amount in "${text}"`);
  return Number((m[1] ?? '').replace(/\D/g, '')) * 100 + Number(m[2]);
}

const exactly = (text: string): RegExp =>
  new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/** The value of a term in a description list: "Votre solde", "Ventes", "Total"… */
export const valueOf = (page: Page, term: string): Locator =>
  page
    .getByRole('term')
    .filter({ hasText: exactly(term) })
    .locator('xpath=following-sibling::*[1]');

/** Presses Tab until `target` has the focus: proves it is reachable with the keyboard. */
export async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await target.evaluate(
      (el) => el === (globalThis as unknown as InPage).document.activeElement,
    );
    if (focused) return;
  }
  throw new Error(`${String(target)} never got the focus after ${max} Tab presses`);
}

/** Waits until the locator's text matches. */
export async function waitForText(locator: Locator, pattern: RegExp, timeout = 15_000) {
  const until = Date.now() + timeout;
  let last: string | null = null;
  while (Date.now() < until) {
    last = await locator.textContent({ timeout }).catch(() => null);
    if (last !== null && pattern.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${String(locator)}: "${last}" never matched ${pattern}`);
}

/** Retries an assertion until it holds (the page polls, a saga moves on). */
export async function eventually(check: () => Promise<unknown>, timeout = 15_000): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}
