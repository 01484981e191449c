import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { apiAs } from './support/api.js';
import type { GetE2e } from './support/context.js';
import type { InPage } from './support/in-page.js';
import {
  closeTab,
  eventually,
  expectAccessible,
  newTab,
  openAs,
  screenshot,
  signIn,
  valueOf,
  waitForText,
} from './support/pages.js';
import { addToCart } from './support/shop.js';

/** Follows an address inside the app, as a link would (a reload would sign the tab out). */
const goInApp = (page: Page, path: string): Promise<void> =>
  page.evaluate((to) => {
    const w = globalThis as unknown as InPage;
    w.history.pushState(null, '', to);
    w.dispatchEvent(new w.PopStateEvent('popstate'));
  }, path);

const navLinks = (page: Page): Promise<string[]> =>
  page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link')
    .allTextContents();

export function pageScenarios(get: GetE2e): void {
  describe('every page', () => {
    it('the login and the client pages: accessible, operator pages out of reach', async () => {
      const { browser, web } = get();
      const page = await newTab(browser);
      await page.goto(web);
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await expectAccessible(page, 'the login page');
      await screenshot(page, 'connexion');

      await signIn(page, web, 'alice');
      expect(await navLinks(page)).to.deep.equal(['Boutique', 'Mes commandes']);
      await page.getByRole('link', { name: 'Mes commandes' }).click();
      const mine = page.getByRole('region', { name: 'Vos commandes' });
      await mine.getByRole('table').or(mine.getByText('Aucune commande')).first().waitFor();
      await expectAccessible(page, 'Mes commandes');
      await screenshot(page, 'mes-commandes');
      for (const path of [
        '/console',
        '/tableau-de-bord',
        '/pannes',
        '/catalogue',
        '/catalogue/1',
        '/magasins/1',
        '/stocks/1/produits/1',
      ]) {
        await goInApp(page, path);
        await page.getByRole('heading', { level: 1, name: 'Accès réservé' }).waitFor();
      }
      await expectAccessible(page, 'the page refused to a client');
      await closeTab(page);
    });

    it('the operator pages: dashboard, console and Pannes, accessible', async () => {
      const { browser, web } = get();
      const op = await openAs(browser, web, 'operateur');
      // Pannes shows once the front has seen the switches answer (demo mode).
      await eventually(async () =>
        expect(await navLinks(op)).to.deep.equal([
          'Tableau de bord',
          'Console',
          'Catalogue',
          'Magasins',
          'Stocks',
          'Inscriptions',
          'Pannes',
        ]),
      );
      await waitForText(valueOf(op, 'Ventes'), /\d/);
      await op.getByRole('figure', { name: /Meilleures ventes/ }).waitFor();
      await expectAccessible(op, 'the dashboard');
      await screenshot(op, 'tableau-de-bord');
      const pages = [
        ['Console', 'Console des commandes', 'Commandes'],
        ['Pannes', 'Pannes simulées', 'Comptes clients'],
      ] as const;
      for (const [link, title, region] of pages) {
        await op.getByRole('navigation').getByRole('link', { name: link }).click();
        await op.getByRole('heading', { level: 1, name: title }).waitFor();
        await op.getByRole('region', { name: region, exact: true }).waitFor();
        await expectAccessible(op, `the ${title} page`);
      }
      await closeTab(op);
    });

    it('the console filters by état, client and magasin', async () => {
      const { browser, web } = get();
      // chloe's cart holds a produit Magasin Centre does not have: ANNULEE.
      const chloe = await apiAs(web, 'chloe');
      const order = { magasin_id: 1 };
      const key = { 'Idempotency-Key': randomUUID() };
      expect((await chloe.post('/api/commande/checkout', order, key)).status).to.equal(409);
      const op = await openAs(browser, web, 'operateur');
      await op.getByRole('navigation').getByRole('link', { name: 'Console' }).click();
      const table = op.getByRole('table', { name: 'Commandes', exact: true });
      const clients = async (): Promise<string[]> => [
        ...new Set(await table.getByRole('row').locator('td:nth-child(2)').allTextContents()),
      ];
      await op.getByLabel('Client n°').fill('3');
      await eventually(async () => expect(await clients()).to.deep.equal(['n° 3']));
      await op
        .getByLabel('État', { exact: true })
        .selectOption({ label: 'Commande annulée (ANNULEE)' });
      await eventually(async () =>
        expect(await table.getByText('Commande annulée').count()).to.be.above(0),
      );
      await op
        .getByLabel('Magasin', { exact: true })
        .selectOption({ label: 'Magasin Rive Gauche' });
      await op.getByText('Aucune commande pour ces filtres.').waitFor();
      await closeTab(op);
    });

    it('when the session expires: back to the login, then to the same page and the same cart', async () => {
      const { browser, web } = get();
      const page = await newTab(browser);
      await page.clock.install();
      await signIn(page, web, 'bruno');
      await addToCart(page, 'Thé vert bio 100 g');
      const where = new URL(page.url()).pathname;
      // The token lasts AUTH_TOKEN_TTL_S (15 min): the tab signs out when it expires.
      await page.clock.fastForward('15:05');
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await page
        .getByText('Votre session a expiré. Reconnectez-vous : votre panier vous attend.')
        .waitFor();
      expect(await page.getByLabel('Nom d’utilisateur').inputValue()).to.equal('bruno');
      await page.getByLabel('Mot de passe').fill('bruno-demo');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Boutique' }).waitFor();
      expect(new URL(page.url()).pathname).to.equal(where);
      await page.getByRole('status', { name: 'Quantité de Thé vert bio 100 g' }).waitFor();
      await closeTab(page);
    });
  });
}
