import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { type Api, apiAs } from './support/api.js';
import type { GetE2e } from './support/context.js';
import {
  cents,
  closeTab,
  eventually,
  expectAccessible,
  openAs,
  screenshot,
  valueOf,
  waitForText,
} from './support/pages.js';
import { addToCart, card, orderAndConfirm, stockShown } from './support/shop.js';

/** Clicks an entry of the operator's navigation and waits for the page's heading. */
async function goTo(page: Page, nav: string, heading: string | RegExp): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: nav, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** A field's error message, found through the control's accessible description. */
async function errorOf(page: Page, label: string): Promise<string> {
  const control = page.getByLabel(label, { exact: true });
  expect(await control.getAttribute('aria-invalid'), label).to.equal('true');
  const ids = (await control.getAttribute('aria-describedby')) ?? '';
  const id = ids.split(' ').find((i) => i.endsWith('-error')) ?? '';
  return (await page.locator(`[id="${id}"]`).textContent()) ?? '';
}

/** The operator creates the produit from the catalogue, checked field by field first. */
async function createProduit(op: Page, nom: string): Promise<void> {
  await goTo(op, 'Catalogue', 'Catalogue');
  const form = op.getByRole('form', { name: 'Nouveau produit' });
  await form.getByRole('button', { name: 'Créer le produit' }).click();
  expect(await errorOf(op, 'Nom')).to.equal('Indiquez le nom du produit.');
  expect(await errorOf(op, 'Prix (€)')).to.equal('Indiquez le prix.');
  await form.getByLabel('Prix (€)').fill('12,999');
  expect(await errorOf(op, 'Prix (€)')).to.match(/au plus deux décimales/);
  await expectAccessible(op, 'the catalogue with field errors');
  await form.getByLabel('Nom', { exact: true }).fill(nom);
  await form.getByLabel('Catégorie').fill('epicerie');
  await form.getByLabel('Prix (€)').fill('18,50');
  await form.getByLabel('Description (facultative)').fill('Poudre de thé vert, 30 g.');
  await form.getByRole('button', { name: 'Créer le produit' }).click();
  await op
    .getByRole('status')
    .filter({ hasText: `Produit « ${nom} » créé.` })
    .waitFor();
  // Found by the search, with its price in euros.
  await op.getByRole('searchbox', { name: 'Rechercher' }).fill('MATCHA');
  const row = op.getByRole('table', { name: 'Produits du catalogue' }).getByRole('row');
  await waitForText(row.filter({ hasText: nom }), /18,50\s€/);
  expect(await row.count()).to.equal(2); // the heading row and this produit
  await screenshot(op, 'catalogue');
}

/** The operator raises the price on the produit's page: the history says from what, and who. */
async function changePrice(op: Page, nom: string): Promise<void> {
  await op.getByRole('link', { name: nom }).click();
  await op.getByRole('heading', { level: 1, name: `Produit : ${nom}` }).waitFor();
  const form = op.getByRole('form', { name: 'Modifier le produit' });
  await form.getByLabel('Prix (€)').fill('19,90');
  await form.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await op.getByRole('status').filter({ hasText: 'Modifications enregistrées.' }).waitFor();
  const history = op.getByRole('region', { name: 'Historique du produit' }).getByRole('listitem');
  await waitForText(history.first(), /Prix : 18,50\s€ → 19,90\s€/);
  expect(await history.first().textContent()).to.include('par operateur');
  expect(await history.last().textContent()).to.match(/Création du produit.*18,50/);
  await expectAccessible(op, "a produit's page with its history");
  await screenshot(op, 'catalogue-produit');
}

/** The operator opens a magasin, then stocks the produit there from its stock page. */
async function createMagasinAndStock(op: Page, magasin: string, nom: string): Promise<void> {
  await goTo(op, 'Magasins', 'Magasins');
  const form = op.getByRole('form', { name: 'Nouveau magasin' });
  await form.getByLabel('Nom du magasin').fill(magasin);
  await form.getByLabel('Ville').fill('Nantes');
  await form.getByRole('button', { name: 'Créer le magasin' }).click();
  expect(await errorOf(op, 'Adresse')).to.equal('Indiquez l’adresse.');
  await form.getByLabel('Adresse').fill('4 rue de la Fosse');
  await form.getByRole('button', { name: 'Créer le magasin' }).click();
  await op
    .getByRole('table', { name: 'Magasins' })
    .getByRole('link', { name: magasin, exact: true })
    .waitFor();
  await expectAccessible(op, 'the magasins');
  await screenshot(op, 'magasins');
  await op.getByRole('link', { name: 'Mettre des produits en stock' }).click();
  await op.getByRole('heading', { level: 1, name: `Stocks : ${magasin}` }).waitFor();
  await op.getByText('Ce magasin n’a encore aucun produit en stock.').waitFor();
  const stocker = op.getByRole('form', { name: 'Mettre un produit en stock' });
  await stocker.getByLabel('Produit').selectOption({ label: nom });
  await stocker.getByLabel('Quantité initiale').fill('12');
  await stocker.getByRole('button', { name: 'Mettre en stock' }).click();
  await op
    .getByRole('status')
    .filter({ hasText: `${nom} : 12 en stock.` })
    .waitFor();
  const niveaux = op.getByRole('table', { name: 'Niveaux de stock' });
  await waitForText(niveaux.getByRole('row').filter({ hasText: nom }), /12/);
}

/** On the line's page: an adjustment needs its motif; the history keeps it with who and why. */
async function adjustLine(op: Page, nom: string): Promise<void> {
  const niveaux = op.getByRole('table', { name: 'Niveaux de stock' });
  await niveaux.getByRole('link', { name: nom }).click();
  await op.getByRole('heading', { level: 1, name: `Stock : ${nom}` }).waitFor();
  const form = op.getByRole('form', { name: 'Ajuster le stock' });
  await form.getByLabel('Unités à ajouter ou retirer').fill('-2');
  await form.getByRole('button', { name: 'Ajuster le stock' }).click();
  expect(await form.getByRole('textbox', { name: 'Motif' }).getAttribute('aria-invalid')).to.equal(
    'true',
  );
  await form.getByText('Indiquez le motif de l’ajustement.').waitFor();
  await form.getByRole('textbox', { name: 'Motif' }).fill('Casse en rayon');
  await form.getByRole('button', { name: 'Ajuster le stock' }).click();
  await op.getByRole('status').filter({ hasText: 'Enregistré : 12 → 10 unités.' }).waitFor();
  await waitForText(valueOf(op, 'En stock'), /^10$/);
  const history = op.getByRole('region', { name: 'Historique de cette ligne' });
  const items = history.getByRole('listitem');
  await waitForText(items.first(), /Ajustement de -2 : 12 → 10/);
  expect(await items.first().textContent())
    .to.include('par operateur')
    .and.include('Casse en rayon');
  expect(await items.last().textContent()).to.include('Mise en stock : 12');
  await expectAccessible(op, "a stock line's page with its history");
  await screenshot(op, 'stock-ligne');
  await op.getByRole('link', { name: 'Tout le stock du magasin' }).click();
  await op.getByRole('button', { name: 'Ruptures' }).click();
  await op.getByText('Aucun produit en rupture.').waitFor();
  await op.getByRole('button', { name: 'Tous les produits' }).click();
  await waitForText(op.getByRole('table', { name: 'Niveaux de stock' }), new RegExp(nom));
  await expectAccessible(op, "a magasin's stock");
  await screenshot(op, 'stocks');
}

/** David, his cart emptied and his balance topped up, buys the new produit in the new magasin. */
async function buyThere(web: string, op: Api, magasin: string, nom: string, page: Page) {
  const david = await apiAs(web, 'david');
  const panier = await david.get<{ lignes: { produit_id: number }[] }>('/api/panier/4');
  for (const l of panier.lignes) await david.del(`/api/panier/4/lignes/${l.produit_id}`);
  expect((await op.post('/api/clients/4/crediter', { montant_cents: 2000 })).status).to.equal(200);
  await page.getByLabel('Magasin').selectOption({ label: `${magasin} — Nantes` });
  expect(await stockShown(page, nom)).to.equal(10);
  await waitForText(card(page, nom), /19,90\s€/);
  await addToCart(page, nom);
  expect(cents(await valueOf(page, 'Total').textContent())).to.equal(1990);
  await orderAndConfirm(page);
  await page.getByRole('link', { name: 'Retour à la boutique' }).click();
  await page.getByLabel('Magasin').selectOption({ label: `${magasin} — Nantes` });
  await eventually(async () => expect(await stockShown(page, nom)).to.equal(9));
}

export function employeeScenarios(get: GetE2e): void {
  describe("the employees' pages", () => {
    it('an employee creates a produit and a magasin and stocks them; a customer buys it there', async () => {
      const { browser, web, op: opApi } = get();
      // Each run has its own databases: the names need not be unique across runs.
      const nom = 'Thé matcha 30 g';
      const magasin = 'Magasin de la Fosse';
      const op = await openAs(browser, web, 'operateur');
      await createProduit(op, nom);
      await changePrice(op, nom);
      await createMagasinAndStock(op, magasin, nom);
      await adjustLine(op, nom);
      const client = await openAs(browser, web, 'david');
      await buyThere(web, opApi, magasin, nom, client);
      await closeTab(client);
      // The operator's page of the line follows the sale (it polls the level).
      await op
        .getByRole('table', { name: 'Niveaux de stock' })
        .getByRole('link', { name: nom })
        .click();
      await waitForText(valueOf(op, 'En stock'), /^9$/, 20_000);
      await closeTab(op);
    });
  });
}
