import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { GetE2e } from './support/context.js';
import { refusedUnder, restoreClients, soldeOf } from './support/faults.js';
import { closeTab, expectAccessible, screenshot, valueOf, waitForText } from './support/pages.js';
import { step } from './support/shop.js';

const MOTIF = 'Client injoignable, commande abandonnée';

/** The operator opens a commande from the console's "À traiter" list. */
async function openFromConsole(op: Page, short: string): Promise<void> {
  await op.getByRole('navigation').getByRole('link', { name: 'Console' }).click();
  const aTraiter = op.getByRole('region', { name: 'À traiter' });
  await aTraiter.getByRole('link', { name: `Commande ${short}` }).click();
  await op.getByRole('heading', { level: 1, name: `Commande ${short}` }).waitFor();
}

export function operatorScenarios(get: GetE2e): void {
  describe('an operator acts on a commande waiting for them', () => {
    it('cancels a parked commande from its page with a motif: ANNULEE, the action listed, and in the console', async () => {
      const { op, page, soldeAvant, id } = await refusedUnder(
        get(),
        'Remboursement impossible',
        'La commande n’a pas abouti.',
      );
      const short = id.slice(0, 8);
      await restoreClients(op);
      await openFromConsole(op, short);
      await waitForText(valueOf(op, 'État'), /Compensation échouée/);
      const actions = op.getByRole('region', { name: 'Actions des opérateurs' });
      await actions.getByText('Aucun opérateur n’est intervenu sur cette commande.').waitFor();

      // The motif is required: confirming without one says so next to the field.
      await op.getByRole('button', { name: `Annuler la commande ${short}` }).click();
      const dialog = op.getByRole('dialog', { name: `Annuler la commande ${short} ?` });
      const motif = dialog.getByRole('textbox', { name: 'Motif' });
      await dialog.getByRole('button', { name: 'Confirmer l’annulation' }).click();
      expect(await motif.getAttribute('aria-invalid')).to.equal('true');
      await dialog.getByText('Indiquez le motif de l’annulation.').waitFor();
      await expectAccessible(op, 'the motif prompt with its validation message');
      await motif.fill(MOTIF);
      await dialog.getByRole('button', { name: 'Confirmer l’annulation' }).click();

      await waitForText(
        op.getByRole('status').filter({ hasText: `Commande ${short} annulée.` }),
        /Elle est maintenant : Commande annulée\./,
      );
      await waitForText(valueOf(op, 'État'), /Commande annulée/);
      await waitForText(
        op.getByRole('status').filter({ hasText: /^\s*Commande annulée\./ }),
        new RegExp(`Annulée par un opérateur\\. Motif : « ${MOTIF} »`),
      );
      expect(await step(op, 'Échec à l’enregistrement de la vente').textContent()).to.include(
        `Annulée par l’opérateur operateur : « ${MOTIF} »`,
      );
      const listed = await actions.getByRole('listitem').allTextContents();
      expect(listed).to.have.length(1);
      expect(listed[0]).to.match(/^Annulée par l’opérateur operateur le .+Compensation échouée/);
      expect(listed[0]).to.include(`Motif : « ${MOTIF} »`);
      expect(await soldeOf(get().op, 1)).to.equal(soldeAvant);
      await expectAccessible(op, 'a commande cancelled by the operator');
      await screenshot(op, 'commande-annulee');

      // The console shows the last action on its row.
      await op.getByRole('navigation').getByRole('link', { name: 'Console' }).click();
      const row = op
        .getByRole('table', { name: 'Commandes', exact: true })
        .getByRole('row')
        .filter({ has: op.getByRole('link', { name: `Commande ${short}` }) });
      const text = await waitForText(row, /Annulée par l’opérateur operateur/);
      expect(text).to.include(`« ${MOTIF} »`);
      expect(await row.getByRole('button').count(), 'nothing left to do on it').to.equal(0);
      await closeTab(page);
      await closeTab(op);
    });
  });
}
