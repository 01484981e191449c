import { expect } from 'chai';
import { commandesOf } from './support/api.js';
import type { GetE2e } from './support/context.js';
import { refusedUnder, restoreClients, scenario, soldeOf } from './support/faults.js';
import {
  cents,
  closeTab,
  expectAccessible,
  openAs,
  screenshot,
  valueOf,
  waitForText,
} from './support/pages.js';
import { addToCart, orderAndConfirm, soldeShown, step, timeline } from './support/shop.js';

export function faultScenarios(get: GetE2e): void {
  describe('faults switched on from the Pannes page', () => {
    it('"paiement: 503 ×2": the timeline shows the retries, the commande confirms once', async () => {
      const { browser, web, op: api } = get();
      const op = await openAs(browser, web, 'operateur');
      await scenario(op, 'Paiement indisponible 2 fois');
      const client = op.getByRole('region', { name: 'Comptes clients' });
      await client.getByText('Paiement : indisponible pour encore 2 appels').waitFor();
      await expectAccessible(op, 'the Pannes page');
      await screenshot(op, 'pannes');

      const page = await openAs(browser, web, 'david');
      await addToCart(page, 'Café moulu 250 g');
      const total = cents(await valueOf(page, 'Total').textContent());
      const soldeAvant = await soldeShown(page);
      const avant = (await commandesOf(api, 4)).length;
      await orderAndConfirm(page);
      expect(await step(page, 'Paiement effectué').textContent()).to.include(
        '3 tentatives (2 nouveaux essais)',
      );
      expect((await commandesOf(api, 4)).length).to.equal(avant + 1);
      expect(await soldeOf(api, 4)).to.equal(soldeAvant - total);
      await client.getByText('Aucune panne active').waitFor();
      await closeTab(page);
      await closeTab(op);
    });

    it('"ventes refuse": the refund, then the stock release, then ANNULEE', async () => {
      const { op, page, soldeAvant, text } = await refusedUnder(
        get(),
        'Ventes refuse la vente',
        'Commande annulée.',
      );
      expect(text).to.include('Rien ne vous a été débité.');
      await waitForText(valueOf(page, 'État'), /Commande annulée/);
      expect((await timeline(page)).slice(-3)).to.deep.equal([
        'Paiement effectué',
        'Échec à l’enregistrement de la vente',
        'Commande annulée',
      ]);
      const compensations = await step(page, 'Commande annulée')
        .getByRole('listitem')
        .allTextContents();
      expect(compensations.map((c) => c.replace(/\s*\(.*$/, ''))).to.deep.equal([
        '✓ Remboursement réussi',
        '✓ Libération du stock réussie',
      ]);
      await expectAccessible(page, 'a compensated commande');
      await screenshot(page, 'commande-compensee');
      expect(await soldeOf(get().op, 1)).to.equal(soldeAvant);
      await closeTab(page);
      await closeTab(op);
    });

    it('a parked commande (the refund kept failing) is resumed from the console', async () => {
      const { op, page, soldeAvant, text, id } = await refusedUnder(
        get(),
        'Remboursement impossible',
        'La commande n’a pas abouti.',
      );
      expect(text).to.include('en attente d’un opérateur');
      await waitForText(valueOf(page, 'État'), /Compensation échouée/);

      // Fix the service first, then resume.
      await restoreClients(op);
      await op.getByRole('navigation').getByRole('link', { name: 'Console' }).click();
      const aTraiter = op.getByRole('region', { name: 'À traiter' });
      const reprendre = aTraiter.getByRole('button', {
        name: `Reprendre la commande ${id.slice(0, 8)}`,
      });
      await reprendre.waitFor();
      await expectAccessible(op, 'the console with a parked commande');
      await screenshot(op, 'console');
      await reprendre.click();
      // The motif is optional to resume: confirmed without one.
      const dialog = op.getByRole('dialog', { name: `Reprendre la commande ${id.slice(0, 8)} ?` });
      await dialog.getByRole('button', { name: 'Confirmer la reprise' }).click();
      await waitForText(
        op.getByRole('status').filter({ hasText: 'reprise.' }),
        /Elle est maintenant : Commande annulée\./,
      );
      await op.getByRole('link', { name: 'Voir son déroulé' }).click();
      await waitForText(valueOf(op, 'État'), /Commande annulée/);
      expect((await timeline(op)).slice(-4)).to.deep.equal([
        'Échec à l’enregistrement de la vente',
        'Compensation échouée : en attente d’un opérateur',
        'Échec à l’enregistrement de la vente',
        'Commande annulée',
      ]);
      expect(await step(op, 'Échec à l’enregistrement de la vente').textContent()).to.include(
        'Reprise par l’opérateur operateur',
      );
      expect(await soldeOf(get().op, 1)).to.equal(soldeAvant);
      await closeTab(page);
      await closeTab(op);
    });
  });
}
