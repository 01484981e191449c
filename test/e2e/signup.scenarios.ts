import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { GetE2e } from './support/context.js';
import type { InPage } from './support/in-page.js';
import {
  closeTab,
  eventually,
  expectAccessible,
  newTab,
  openAs,
  screenshot,
  waitForText,
} from './support/pages.js';
import { addToCart, orderAndConfirm, soldeShown, timeline } from './support/shop.js';
import { fill, newPerson, type Person } from './support/signup.js';

const SAGA = [
  'Inscription reçue',
  'Identifiants réservés',
  'Compte client créé',
  'Inscription confirmée',
];

/** What the form says next to a field: its error, tied to it by aria-describedby. */
async function fieldError(page: Page, label: string): Promise<string> {
  const field = page.getByLabel(label);
  expect(await field.getAttribute('aria-invalid'), label).to.equal('true');
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  const id = ids.split(' ').find((x) => x.endsWith('-error')) ?? '';
  return (await page.locator(`[id="${id}"]`).textContent()) ?? '';
}

/** From the login page, a wrong form first (errors next to the fields), a taken name, then right. */
async function signUp(page: Page, web: string, person: Person): Promise<void> {
  await page.goto(`${web}/connexion`);
  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await page.getByRole('heading', { level: 1, name: 'Créer un compte' }).waitFor();
  await expectAccessible(page, 'the sign-up page');
  await screenshot(page, 'inscription');

  await fill(page, { ...person, email: 'pas-un-email', password: person.username });
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  // React renders the errors after the click returns: wait for them.
  await eventually(async () => {
    expect(await fieldError(page, 'Adresse e-mail')).to.include('adresse e-mail valide');
    expect(await fieldError(page, 'Mot de passe')).to.include('nom d’utilisateur');
  });
  const focused = await page
    .getByLabel('Adresse e-mail')
    .evaluate((el) => el === (globalThis as unknown as InPage).document.activeElement);
  expect(focused, 'the first wrong field has the focus').to.equal(true);
  await expectAccessible(page, 'the sign-up page with its field errors');

  // alice exists: the server refuses the whole form, in words, without saying which field.
  await fill(page, { ...person, username: 'alice' });
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await waitForText(
    page.getByRole('alert'),
    /Ce nom d’utilisateur ou cette adresse e-mail est déjà utilisé\./,
  );

  await fill(page, person);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('heading', { level: 1, name: 'Boutique' }).waitFor({ timeout: 20_000 });
}

/** The operator finds the sign-up in the console, reads its saga and credits the account. */
async function creditFromConsole(op: Page, person: Person): Promise<number> {
  await op.getByRole('navigation').getByRole('link', { name: 'Inscriptions' }).click();
  await op.getByRole('heading', { level: 1, name: 'Inscriptions' }).waitFor();
  const row = op
    .getByRole('table', { name: 'Inscriptions' })
    .getByRole('row')
    .filter({ hasText: person.username });
  await waitForText(row, /Inscription confirmée/);
  await expectAccessible(op, 'the console’s sign-ups');
  await screenshot(op, 'console-inscriptions');
  await row.getByRole('link', { name: /^Inscription / }).click();
  await op.getByRole('heading', { level: 1, name: /^Inscription [0-9a-f]{8}$/ }).waitFor();
  expect(await timeline(op)).to.deep.equal(SAGA);

  const montant = op.getByLabel('Montant à créditer (€)');
  await montant.fill('12.345');
  await op.getByRole('button', { name: 'Créditer le compte' }).click();
  await op.getByText('Au plus deux décimales : des euros et des centimes.').waitFor();
  expect(await montant.getAttribute('aria-invalid')).to.equal('true');
  await montant.fill('25.50');
  await op.getByRole('button', { name: 'Créditer le compte' }).click();
  const done = await waitForText(
    op.getByRole('status').filter({ hasText: 'crédité de' }),
    /Compte n° \d+ crédité de 25,50\s€\. Nouveau solde : 25,50\s€\./,
  );
  await expectAccessible(op, 'a sign-up’s page, its account credited');
  await screenshot(op, 'console-inscription');
  return Number(/Compte n° (\d+)/.exec(done)?.[1]);
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** What the sign-up answers, in order, before the real orchestrator answers the last one. */
const STAGED = [
  json(
    429,
    { error: { code: 'TROP_DE_TENTATIVES', message: 'Too many' } },
    { 'Retry-After': '60' },
  ),
  json(502, {
    inscription: { id: '0192f3b4-5c6d-4e8f-9a0b-1c2d3e4f5a6b', etat: 'ANNULEE', historique: [] },
  }),
  // Longer than the front waits on its own (it sends a 503 again past a short Retry-After).
  json(503, { error: { code: 'SURCHARGE', message: 'Busy' } }, { 'Retry-After': '30' }),
];

/** The answers the page cannot provoke for real, staged: each in words, a retry with its key. */
async function refusalsInWords(page: Page, web: string, person: Person): Promise<string[]> {
  const keys: string[] = [];
  await page.route('**/api/inscriptions', async (route) => {
    keys.push((await route.request().headerValue('Idempotency-Key')) ?? '');
    const staged = STAGED[keys.length - 1];
    await (staged ? route.fulfill(staged) : route.continue());
  });
  await page.goto(`${web}/inscription`);
  await fill(page, person);
  const submit = page.getByRole('button', { name: 'Créer mon compte' });
  const alert = page.getByRole('alert');
  await submit.click();
  await waitForText(alert, /Trop de tentatives depuis cette adresse.*Réessayez dans 1 minute\./);
  await submit.click();
  await waitForText(alert, /Votre compte n’a pas pu être créé.*Rien n’a été conservé/);
  await submit.click();
  await waitForText(alert, /surchargé.*Réessayer ne créera pas de second compte/);
  await expectAccessible(page, 'the sign-up page with a refusal');
  await alert.getByRole('button', { name: 'Réessayer' }).click();
  await page.getByRole('heading', { level: 1, name: 'Boutique' }).waitFor({ timeout: 20_000 });
  return keys;
}

export function signupScenarios(get: GetE2e): void {
  describe('a new customer', () => {
    it('reads each refusal of the sign-up in words; a retry after 503 reuses its Idempotency-Key', async () => {
      const { browser, web } = get();
      const page = await newTab(browser);
      const keys = await refusalsInWords(page, web, newPerson());
      expect(keys).to.have.length(4);
      // A refusal or a failure closes the submission; no answer (503) keeps its key.
      expect(new Set(keys.slice(0, 3)).size).to.equal(3);
      expect(keys[3]).to.equal(keys[2]);
      await closeTab(page);
    });

    it('signs up, lands signed in on the shop with an empty cart, is credited by an operator from the console and orders: CONFIRMEE', async () => {
      const { browser, web } = get();
      const person = newPerson();
      const page = await newTab(browser);
      await signUp(page, web, person);
      await page.getByText('Votre panier est vide.').waitFor();
      const who = await waitForText(page.getByRole('banner'), /client n° \d+/);
      expect(who).to.include(person.username);
      expect(await soldeShown(page)).to.equal(0);

      const op = await openAs(browser, web, 'operateur');
      const clientId = await creditFromConsole(op, person);
      expect(who).to.include(`client n° ${clientId}`);
      const account = await get().op.get<{ solde_cents: number; email: string }>(
        `/api/clients/${clientId}`,
      );
      expect(account).to.include({ solde_cents: 2550, email: person.email });

      await op.getByRole('navigation').getByRole('link', { name: 'Inscriptions' }).click();
      await op.getByRole('link', { name: 'Comptes clients' }).click();
      await op.getByLabel('Nom, e-mail ou n°').fill(person.email);
      await expectAccessible(op, 'the client accounts');
      await op.getByRole('link', { name: `Compte client n° ${clientId}` }).click();
      await op.getByRole('heading', { level: 1, name: `Client n° ${clientId}` }).waitFor();
      await waitForText(op.getByRole('region', { name: `Compte client n° ${clientId}` }), /25,50/);
      await expectAccessible(op, 'a client account');

      await addToCart(page, 'Café moulu 250 g');
      await orderAndConfirm(page);
      await page.getByRole('link', { name: 'Retour à la boutique' }).click();
      await eventually(async () => expect(await soldeShown(page)).to.equal(2550 - 499));
      await closeTab(page);
      await closeTab(op);
    });
  });
}
