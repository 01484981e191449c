import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { cents, eventually, valueOf, waitForText } from './pages.js';

/** A produit's card in the catalogue, found by its name. */
export const card = (page: Page, nom: string): Locator =>
  page
    .getByRole('region', { name: 'Catalogue' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: nom, exact: true }) });

/** The stock the catalogue shows for a produit in the chosen magasin. */
export async function stockShown(page: Page, nom: string): Promise<number> {
  const text = await waitForText(card(page, nom), /(\d+) en stock|Rupture/);
  return Number(/(\d+) en stock/.exec(text)?.[1] ?? 0);
}

export const soldeShown = async (page: Page): Promise<number> =>
  cents(await waitForText(valueOf(page, 'Votre solde'), /€/));

/** Adds one of a produit to the cart and waits for the cart to show it. */
export async function addToCart(page: Page, nom: string): Promise<void> {
  const quantite = page.getByRole('status', { name: `Quantité de ${nom}` });
  await valueOf(page, 'Total').waitFor(); // the cart is loaded
  const before = (await quantite.count()) > 0 ? Number(await quantite.textContent()) : 0;
  await page.getByRole('button', { name: `Ajouter au panier : ${nom}` }).click();
  await eventually(async () => expect(Number(await quantite.textContent())).to.equal(before + 1));
}

/** The saga's états as the timeline lists them, oldest first. */
export const timeline = (page: Page): Promise<string[]> =>
  page
    .getByRole('region', { name: 'Chronologie' })
    .getByRole('heading', { level: 3 })
    .allTextContents();

/** One état's entry in the timeline (the last one of that name). */
export const step = (page: Page, titre: string): Locator =>
  page
    .getByRole('region', { name: 'Chronologie' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 3, name: titre, exact: true }) })
    .last();

export const CONFIRMEE = 'Commande confirmée : le stock est réservé';

/** "Commander", then the commande's page, followed live until the saga is confirmed. */
export async function orderAndConfirm(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Commander' }).click();
  await page.waitForURL(/\/commandes\/[0-9a-f-]{36}$/);
  await page.getByText(CONFIRMEE).waitFor({ timeout: 20_000 });
  return page.url().split('/').pop() ?? '';
}
