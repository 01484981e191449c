import { expect } from 'chai';
import { checkout } from '../support/checkout.js';
import { call } from '../support/orchestrateur.js';
import { seedClients, useFakeSystem, waitFor } from '../support/sagas.js';

async function metric(base: string, name: string): Promise<number> {
  const line = (await call(base, 'GET', '/metrics')).text
    .split('\n')
    .find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').at(-1)) : Number.NaN;
}

describe('work that goes on after the answer', function () {
  this.timeout(30_000);
  const system = useFakeSystem('background', {
    SAGA_MAX_IN_FLIGHT: '2',
    SAGA_MAX_QUEUED: '0',
    SAGA_BUDGET_MS: '300',
    SAGA_RETRY_MAX_MS: '50',
    SAGA_SUSPEND_AFTER_MS: '1500',
    RECOVERY_INTERVAL_MS: '100',
    SAGA_LEASE_MS: '1000',
  });

  it('holds no checkout slot, shows in the metrics, and is parked for an operator past its budget', async () => {
    seedClients(system().fake, [8001, 8002, 8003], 81);
    // The sales service answers 503 to everything: the pivot cannot learn its outcome.
    system().fake.setFaultMix([
      { route: 'enregistrer_vente', probability: 1, fault: { kind: 'status', status: 503 } },
    ]);
    const stuck = await Promise.all([
      checkout(system().orch.url, 8001),
      checkout(system().orch.url, 8002),
    ]);
    expect(stuck.map((r) => r.status)).to.deep.equal([202, 202]);
    expect(await metric(system().orch.url, 'sagas_en_arriere_plan')).to.equal(2);

    const third = await checkout(system().orch.url, 8003);
    expect(third.status, 'both slots are free once their checkouts answered').to.equal(202);

    await waitFor('the three sagas parked', async () => {
      const { rows } = await system().orch.db.raw<{ rows: { n: number }[] }>(
        'SELECT count(*)::int AS n FROM commandes WHERE suspendue_at IS NOT NULL AND lease_owner IS NULL',
      );
      return rows[0]?.n === 3;
    });
    expect(await metric(system().orch.url, 'sagas_en_arriere_plan')).to.equal(0);
    expect(await metric(system().orch.url, 'saga_suspendue_total')).to.equal(3);
    const parked = await call(system().orch.url, 'GET', `/api/commande/${third.commande.id}`);
    expect((parked.body as { suspension: unknown }).suspension).to.include({
      etape: 'vente',
      code: 'HTTP_503',
    });

    // Recovery leaves parked sagas alone; an operator resumes one once ventes is back.
    await new Promise((r) => setTimeout(r, 300));
    system().fake.setFaultMix([]);
    const resumed = await call(
      system().orch.url,
      'POST',
      `/api/commande/${third.commande.id}/reprendre`,
    );
    expect(resumed.status, resumed.text).to.equal(200);
    expect((resumed.body as { etat: string; suspension: unknown }).etat).to.equal('CONFIRMEE');
    expect((resumed.body as { suspension: unknown }).suspension).to.equal(null);
  });
});
