import type { Page } from 'playwright-core';
import type { Api } from './api.js';
import type { E2e } from './context.js';
import { openAs, waitForText } from './pages.js';
import { addToCart, soldeShown } from './shop.js';

/** The operator switches a ready-made scenario on from the Pannes page. */
export async function scenario(op: Page, titre: string): Promise<void> {
  await op.getByRole('navigation').getByRole('link', { name: 'Pannes' }).click();
  await op.getByRole('button', { name: titre }).click();
  await op.getByText(`Scénario « ${titre} » activé pour les prochaines commandes.`).waitFor();
}

/** The client orders what is in her cart and reads the refusal the shop shows. */
async function orderRefused(page: Page, heading: string): Promise<{ text: string; id: string }> {
  await page.getByRole('button', { name: 'Commander' }).click();
  const alert = page.getByRole('alert').filter({ hasText: heading });
  const text = await waitForText(alert, /./);
  const link = alert.getByRole('link', { name: 'Voir le déroulé de la commande' });
  const id = (await link.getAttribute('href'))?.split('/').pop() ?? '';
  await link.click();
  return { text, id };
}

/** The operator switches a scenario on, then alice orders a café and the shop refuses. */
export async function refusedUnder(e: E2e, titre: string, heading: string) {
  const op = await openAs(e.browser, e.web, 'operateur');
  await scenario(op, titre);
  const page = await openAs(e.browser, e.web, 'alice');
  await addToCart(page, 'Café moulu 250 g');
  const soldeAvant = await soldeShown(page);
  return { op, page, soldeAvant, ...(await orderRefused(page, heading)) };
}

/** From the Pannes page, every switch of the client service off (the refund works again). */
export async function restoreClients(op: Page): Promise<void> {
  const client = op.getByRole('region', { name: 'Comptes clients' });
  await client.getByRole('button', { name: 'Tout rétablir' }).click();
  await client.getByText('Aucune panne active').waitFor();
}

export const soldeOf = async (api: Api, clientId: number): Promise<number> =>
  (await api.get<{ solde_cents: number }>(`/api/clients/${clientId}`)).solde_cents;
