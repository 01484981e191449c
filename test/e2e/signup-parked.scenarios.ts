import { expect } from 'chai';
import type { GetE2e } from './support/context.js';
import {
  closeTab,
  expectAccessible,
  newTab,
  openAs,
  valueOf,
  waitForText,
} from './support/pages.js';
import { fill, newPerson } from './support/signup.js';

/** Freezes a service of the running system (SIGSTOP) until the returned function thaws it. */
function freeze(pid: number | undefined): () => void {
  if (pid === undefined) throw new Error('no such process');
  process.kill(pid, 'SIGSTOP');
  return () => process.kill(pid, 'SIGCONT');
}

export function signupParkedScenarios(get: GetE2e): void {
  describe('a sign-up waiting for an operator', () => {
    it('the client service stops answering mid-sign-up: the person reads that nothing is kept; the operator resumes it from the console and it ends ANNULEE', async function () {
      this.timeout(120_000);
      const { browser, web, system } = get();
      const person = newPerson();
      const page = await newTab(browser);
      await page.goto(`${web}/inscription`);
      await fill(page, person);
      // The client record's creation times out, and so does its deletion: parked.
      const thaw = freeze(system.pids().client);
      try {
        await page.getByRole('button', { name: 'Créer mon compte' }).click();
        await waitForText(
          page.getByRole('alert'),
          /Votre compte n’a pas pu être créé.*Un opérateur termine l’annulation/,
          60_000,
        );
      } finally {
        thaw();
      }
      const op = await openAs(browser, web, 'operateur');
      await op.getByRole('navigation').getByRole('link', { name: 'Inscriptions' }).click();
      const row = op
        .getByRole('table', { name: 'Inscriptions' })
        .getByRole('row')
        .filter({ hasText: person.username });
      await waitForText(row, /Compensation échouée/);
      const reprendre = row.getByRole('button', { name: /^Reprendre l’inscription / });
      await expectAccessible(op, 'the sign-ups with one waiting for an operator');
      await reprendre.click();
      const dialog = op.getByRole('dialog', { name: /^Reprendre l’inscription [0-9a-f]{8} \?$/ });
      await dialog
        .getByRole('textbox', { name: 'Motif (facultatif)' })
        .fill('Service client rétabli');
      await dialog.getByRole('button', { name: 'Confirmer la reprise' }).click();
      await waitForText(
        op.getByRole('status').filter({ hasText: /^\s*Inscription [0-9a-f]{8} reprise\./ }),
        /Elle est maintenant : Inscription annulée\./,
        30_000,
      );
      await row.getByRole('link', { name: /^Inscription / }).click();
      await waitForText(valueOf(op, 'État'), /Inscription annulée/);
      const timeline = await op
        .getByRole('region', { name: 'Chronologie' })
        .getByRole('listitem')
        .allTextContents();
      expect(timeline.join('\n')).to.include('Reprise par l’opérateur operateur');
      // Neither half of the account was kept: the credentials do not sign in.
      const login = await fetch(`${web}/api/auth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: person.username, password: person.password }),
      });
      expect(login.status).to.equal(401);
      await closeTab(page);
      await closeTab(op);
    });
  });
}
