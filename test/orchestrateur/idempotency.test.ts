import { expect } from 'chai';
import { checkout, expectError } from '../support/checkout.js';
import { participants } from '../support/nock-participants.js';
import { useOrchestrateur } from '../support/orchestrateur.js';

describe('POST /api/commande/checkout — Idempotency-Key', () => {
  const orch = useOrchestrateur();
  const commandesWithKey = async (key: string): Promise<number> => {
    const { rows } = await orch().db.raw<{ rows: { n: number }[] }>(
      'SELECT count(*)::int AS n FROM commandes WHERE idempotency_key = ?',
      [key],
    );
    return rows[0]?.n ?? -1;
  };

  function happy(clientId: number, delayMs = 0): ReturnType<typeof participants> {
    const p = participants(clientId);
    p.lire_panier(200, undefined, delayMs);
    p.reserver_stock();
    p.payer();
    p.enregistrer_vente();
    p.vider_panier();
    return p;
  }

  it('a sequential repeat returns the same commande and status and calls nothing again', async () => {
    const p = happy(31);
    const first = await checkout(orch().url, 31, { 'Idempotency-Key': 'k-31' });
    expect(first.status).to.equal(201);
    const again = await checkout(orch().url, 31, { 'Idempotency-Key': 'k-31' });
    expect(again.status).to.equal(201);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    expect(again.commande.id).to.equal(first.commande.id);
    expect(again.commande.historique).to.deep.equal(first.commande.historique);
    expect(p.log).to.have.length(5);
    expect(await commandesWithKey('k-31')).to.equal(1);
  });

  it('concurrent repeats create one commande and all get its outcome', async () => {
    const p = happy(32, 150);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => checkout(orch().url, 32, { 'Idempotency-Key': 'k-32' })),
    );
    expect(answers.map((a) => a.status)).to.deep.equal([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.commande.id)).size).to.equal(1);
    expect(p.log).to.have.length(5);
    expect(await commandesWithKey('k-32')).to.equal(1);
  });

  it('a repeat of a failed checkout returns the same failure', async () => {
    const p = participants(33);
    p.lire_panier(200, { client_id: 33, lignes: [], total_cents: 0 });
    const first = await checkout(orch().url, 33, { 'Idempotency-Key': 'k-33' });
    const again = await checkout(orch().url, 33, { 'Idempotency-Key': 'k-33' });
    expect([first.status, again.status]).to.deep.equal([409, 409]);
    expect(again.commande.echec).to.deep.equal(first.commande.echec);
  });

  it('the same key with another body → 422 and nothing is written', async () => {
    happy(34);
    await checkout(orch().url, 34, { 'Idempotency-Key': 'k-34' });
    const other = await checkout(orch().url, 35, { 'Idempotency-Key': 'k-34' });
    expectError(other, 422, 'IDEMPOTENCY_KEY_REUSED');
    const otherStore = await checkout(orch().url, 34, { 'Idempotency-Key': 'k-34' }, 9);
    expectError(otherStore, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await commandesWithKey('k-34')).to.equal(1);
  });

  it('without a key, two identical checkouts are two commandes', async () => {
    happy(36);
    happy(36);
    const a = await checkout(orch().url, 36);
    const b = await checkout(orch().url, 36);
    expect([a.status, b.status]).to.deep.equal([201, 201]);
    expect(a.commande.id).to.not.equal(b.commande.id);
  });
});
