import { expect } from 'chai';
import { commandesOf } from './support/api.js';
import type { GetE2e } from './support/context.js';
import {
  cents,
  closeTab,
  eventually,
  expectAccessible,
  newTab,
  openAs,
  screenshot,
  tabTo,
  valueOf,
  waitForText,
} from './support/pages.js';
import {
  addToCart,
  CONFIRMEE,
  orderAndConfirm,
  soldeShown,
  step,
  stockShown,
  timeline,
} from './support/shop.js';

const FORWARD = [
  'Commande créée',
  'Panier récupéré',
  'Stock réservé',
  'Paiement effectué',
  'Vente enregistrée',
  'Commande confirmée',
];

export function shopScenarios(get: GetE2e): void {
  describe('the shop', () => {
    it('fills a cart and orders: CONFIRMEE timeline, balance and stock updated, the sale on the dashboard', async () => {
      const { browser, web } = get();
      const op = await openAs(browser, web, 'operateur');
      const ventes = Number((await waitForText(valueOf(op, 'Ventes'), /\d/)).replace(/\D/g, ''));
      const page = await openAs(browser, web, 'alice');
      const the = 'Thé vert bio 100 g';
      const stockAvant = await stockShown(page, the);
      const soldeAvant = await soldeShown(page);
      await addToCart(page, the);
      const total = cents(await valueOf(page, 'Total').textContent());
      const quantite = Number(
        await page.getByRole('status', { name: `Quantité de ${the}` }).textContent(),
      );
      await expectAccessible(page, 'the shop with a cart');
      await screenshot(page, 'boutique');

      await orderAndConfirm(page);
      expect(await timeline(page)).to.deep.equal(FORWARD);
      expect(await step(page, 'Paiement effectué').textContent()).to.include('1 tentative');
      await expectAccessible(page, 'a confirmed commande');
      await screenshot(page, 'commande-confirmee');

      await page.getByRole('link', { name: 'Retour à la boutique' }).click();
      await eventually(async () => expect(await soldeShown(page)).to.equal(soldeAvant - total));
      await eventually(async () =>
        expect(await stockShown(page, the)).to.equal(stockAvant - quantite),
      );
      await page.getByText('Votre panier est vide.').waitFor();

      await op.getByRole('button', { name: 'Actualiser' }).click();
      await waitForText(valueOf(op, 'Ventes'), new RegExp(`^${ventes + 1}$`));
      await closeTab(page);
      await closeTab(op);
    });

    it('orders more than the stock: ANNULEE with the reason in words, nothing charged', async () => {
      const { browser, web, op } = get();
      const page = await openAs(browser, web, 'chloe');
      // Her cart holds a moulin, which Magasin Centre no longer has.
      await page.getByText('En rupture dans ce magasin').waitFor();
      const soldeAvant = await soldeShown(page);
      await page.getByRole('button', { name: 'Commander' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Commande annulée.' });
      const text = await waitForText(alert, /Rien ne vous a été débité/);
      expect(text).to.include(
        'Stock insuffisant pour « Moulin à café manuel » : 1 demandé(s), 0 disponible(s) dans ce magasin.',
      );
      expect(await soldeShown(page)).to.equal(soldeAvant);
      const client = await op.get<{ solde_cents: number }>('/api/clients/3');
      expect(client.solde_cents).to.equal(soldeAvant);

      await alert.getByRole('link', { name: 'Voir le déroulé de la commande' }).click();
      await waitForText(valueOf(page, 'État'), /Commande annulée/);
      expect(await timeline(page)).to.deep.equal([
        'Commande créée',
        'Panier récupéré',
        'Échec à la réservation du stock',
        'Commande annulée',
      ]);
      expect(await step(page, 'Commande annulée').textContent()).to.include(
        'Aucune compensation nécessaire',
      );
      await expectAccessible(page, 'a cancelled commande');
      await closeTab(page);
    });

    it('a double click on "Commander" orders once', async () => {
      const { browser, web, op } = get();
      const page = await openAs(browser, web, 'david');
      await addToCart(page, 'Café moulu 250 g');
      const total = cents(await valueOf(page, 'Total').textContent());
      const soldeAvant = await soldeShown(page);
      const avant = (await commandesOf(op, 4)).length;
      await page.getByRole('button', { name: 'Commander' }).dblclick();
      await page.getByText(CONFIRMEE).waitFor({ timeout: 20_000 });
      // Long enough for a second checkout to have been recorded, had there been one.
      await new Promise((r) => setTimeout(r, 500));
      expect((await commandesOf(op, 4)).length).to.equal(avant + 1);
      const client = await op.get<{ solde_cents: number }>('/api/clients/4');
      expect(client.solde_cents).to.equal(soldeAvant - total);
      await closeTab(page);
    });

    it('orders with the keyboard only: sign in, add to the cart, order', async () => {
      const { browser, web } = get();
      const page = await newTab(browser);
      await page.goto(`${web}/connexion`);
      await tabTo(page, page.getByLabel('Nom d’utilisateur'));
      await page.keyboard.type('alice');
      await tabTo(page, page.getByLabel('Mot de passe'));
      await page.keyboard.type('alice-demo');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Boutique' }).waitFor();
      const produit = 'Chocolat noir 70 % 100 g';
      await stockShown(page, produit);
      await tabTo(page, page.getByRole('button', { name: `Ajouter au panier : ${produit}` }));
      await page.keyboard.press('Enter');
      await page.getByRole('status', { name: `Quantité de ${produit}` }).waitFor();
      await tabTo(page, page.getByRole('button', { name: 'Commander' }));
      await page.keyboard.press('Enter');
      await page.getByText(CONFIRMEE).waitFor({ timeout: 20_000 });
      await closeTab(page);
    });
  });
}
