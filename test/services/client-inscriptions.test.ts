import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { type ApiResponse, call, get, post } from '../contract/http.js';
import { expectDocumented } from './support/openapi.js';
import { serviceForSuite, startTestClient } from './support/services.js';

type Answer = ApiResponse<{
  inscription_id?: string;
  etat?: string;
  client_id?: number;
  error?: { code: string; message: string };
}>;

let n = 0;
const person = () => {
  n += 1;
  return {
    inscription_id: randomUUID(),
    nom: `Personne ${n}`,
    email: `inscrit-${n}-${Date.now()}@example.test`,
  };
};

describe('the sign-up saga in the client service: the client record of an inscription', function () {
  this.timeout(30_000);
  const svc = serviceForSuite(startTestClient);
  const key = (id: string, step: string) => ({ 'idempotency-key': `${id}:${step}` });
  /** Every answer must be one docs/openapi/services.yaml describes. */
  const documented = async (url: string, json: unknown, headers: Record<string, string>) => {
    const res: Answer = await call('POST', url, { json, headers });
    expectDocumented('POST', url, res);
    return res;
  };
  const creer = (body: { inscription_id: string } & Record<string, unknown>): Promise<Answer> =>
    documented(`${svc().url}/api/clients/inscriptions`, body, key(body.inscription_id, 'client'));
  const annuler = (id: string): Promise<Answer> =>
    documented(
      `${svc().url}/api/clients/inscriptions/${id}/annuler`,
      { inscription_id: id },
      key(id, 'supprimer_client'),
    );
  const clientOf = async (inscriptionId: string) => {
    const { rows } = await svc().db.raw<{ rows: { id: number; solde_cents: number }[] }>(
      'SELECT id, solde_cents FROM clients WHERE inscription_id = :inscriptionId',
      { inscriptionId },
    );
    return rows[0];
  };
  const tombstoned = async (inscriptionId: string) => {
    const { rows } = await svc().db.raw<{ rows: unknown[] }>(
      'SELECT 1 FROM inscriptions_annulees WHERE inscription_id = :inscriptionId',
      { inscriptionId },
    );
    return rows.length === 1;
  };

  describe('POST /api/clients/inscriptions (step client)', () => {
    it('creates the client with balance 0: 201 CREE and its id, then 200 with the same body', async () => {
      const p = person();
      const first = await creer(p);
      expect(first.status).to.equal(201);
      expect(first.body).to.include({ inscription_id: p.inscription_id, etat: 'CREE' });
      const id = first.body.client_id ?? 0;
      expect(id).to.be.a('number').above(0);
      const again = await creer(p);
      expect(again.status).to.equal(200);
      expect(again.body).to.deep.equal(first.body);
      const client = await get<{ nom: string; email: string; solde_cents: number }>(
        `${svc().url}/api/clients/${id}`,
      );
      expect(client.body).to.include({ nom: p.nom, email: p.email, solde_cents: 0 });
    });

    it('a repeat with another name or e-mail: 422 IDEMPOTENCY_MISMATCH', async () => {
      const p = person();
      await creer(p);
      for (const other of [
        { ...p, nom: 'Autre' },
        { ...p, email: `x${p.email}` },
      ]) {
        const res = await creer(other);
        expect(res.status).to.equal(422);
        expect(res.body.error?.code).to.equal('IDEMPOTENCY_MISMATCH');
      }
    });

    it('an e-mail already used (whatever its case): 409 COMPTE_EXISTANT saying no more, nothing created', async () => {
      const first = person();
      await creer(first);
      const operatorMade = person();
      await post(`${svc().url}/api/clients`, { nom: 'Déjà là', email: operatorMade.email });
      for (const email of [first.email.toUpperCase(), operatorMade.email]) {
        const p = { ...person(), email };
        const res = await creer(p);
        expect(res.status, email).to.equal(409);
        expect(res.body.error).to.deep.equal({
          code: 'COMPTE_EXISTANT',
          message: 'This username or e-mail is already in use',
        });
        expect(await clientOf(p.inscription_id)).to.equal(undefined);
      }
    });

    it('malformed input: 400 VALIDATION_ERROR', async () => {
      const p = person();
      for (const body of [
        { ...p, email: 'pas-un-email' },
        { ...p, nom: '' },
        { ...p, inscription_id: '42' },
        { ...p, solde_cents: 100 },
      ]) {
        const res = await call('POST', `${svc().url}/api/clients/inscriptions`, { json: body });
        expect(res.status, JSON.stringify(body)).to.equal(400);
        expect(res.body).to.have.nested.property('error.code', 'VALIDATION_ERROR');
      }
      expect(await clientOf(p.inscription_id)).to.equal(undefined);
    });

    it('the /api/clients/:id routes never take it for a client id, nor it theirs', async () => {
      // GET has no inscription route: the read of one client refuses the id (400, not 500).
      const read = await get(`${svc().url}/api/clients/inscriptions`);
      expect(read.status).to.equal(400);
      expect(read.body).to.have.nested.property('error.code', 'VALIDATION_ERROR');
      const credit = await post(`${svc().url}/api/clients/inscriptions/crediter`, {
        montant_cents: 1,
      });
      expect(credit.status).to.equal(400);
    });
  });

  describe('POST /api/clients/inscriptions/{id}/annuler (the compensation)', () => {
    it('deletes the client and leaves a tombstone: 200 ANNULEE, repeatable; a late creation is refused', async () => {
      const p = person();
      const { client_id } = (await creer(p)).body;
      const res = await annuler(p.inscription_id);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ inscription_id: p.inscription_id, etat: 'ANNULEE' });
      expect((await annuler(p.inscription_id)).body).to.deep.equal(res.body);
      expect((await get(`${svc().url}/api/clients/${client_id}`)).status).to.equal(404);
      expect(await tombstoned(p.inscription_id)).to.equal(true);
      const late = await creer(p);
      expect(late.status).to.equal(409);
      expect(late.body.error?.code).to.equal('INSCRIPTION_ANNULEE');
      expect(await clientOf(p.inscription_id)).to.equal(undefined);
      // The e-mail is free again.
      expect((await creer({ ...person(), email: p.email })).status).to.equal(201);
    });

    it('before the step (a null compensation): 200, then the late step is refused, nothing created', async () => {
      const p = person();
      const res = await annuler(p.inscription_id);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ inscription_id: p.inscription_id, etat: 'ANNULEE' });
      const late = await creer(p);
      expect(late.status).to.equal(409);
      expect(late.body.error?.code).to.equal('INSCRIPTION_ANNULEE');
      expect(await clientOf(p.inscription_id)).to.equal(undefined);
    });

    it('keeps a client that was credited or paid: 409 CLIENT_UTILISE, no tombstone', async () => {
      const credited = person();
      const a = (await creer(credited)).body.client_id;
      await post(`${svc().url}/api/clients/${a}/crediter`, { montant_cents: 500 });
      const paid = person();
      const b = (await creer(paid)).body.client_id;
      await post(`${svc().url}/api/clients/${b}/crediter`, { montant_cents: 300 });
      const payment = await post(`${svc().url}/api/clients/${b}/payer`, {
        commande_id: randomUUID(),
        montant_cents: 300,
      });
      expect(payment.status).to.equal(201);
      for (const p of [credited, paid]) {
        const res = await annuler(p.inscription_id);
        expect(res.status).to.equal(409);
        expect(res.body.error?.code).to.equal('CLIENT_UTILISE');
        expect(await clientOf(p.inscription_id)).not.to.equal(undefined);
        expect(await tombstoned(p.inscription_id)).to.equal(false);
      }
    });

    it('the path and the body must name the same inscription: 400, nothing deleted', async () => {
      const p = person();
      await creer(p);
      const res = await call(
        'POST',
        `${svc().url}/api/clients/inscriptions/${p.inscription_id}/annuler`,
        {
          json: { inscription_id: randomUUID() },
        },
      );
      expect(res.status).to.equal(400);
      expect(await clientOf(p.inscription_id)).not.to.equal(undefined);
    });
  });

  describe('concurrent calls', () => {
    it('two identical creations at once: one 201, one 200, one client', async () => {
      for (let i = 0; i < 4; i += 1) {
        const p = person();
        const answers = await Promise.all([creer(p), creer(p)]);
        expect(answers.map((a) => a.status).sort()).to.deep.equal([200, 201]);
        expect(answers[0]?.body).to.deep.equal(answers[1]?.body);
      }
    });

    it('a compensation racing its late creation: the tombstone wins, no client is left', async () => {
      for (let i = 0; i < 8; i += 1) {
        const p = person();
        const [late, annulee] = await Promise.all([creer(p), annuler(p.inscription_id)]);
        expect(annulee.status).to.equal(200);
        expect([201, 409]).to.include(late.status);
        if (late.status === 409) expect(late.body.error?.code).to.equal('INSCRIPTION_ANNULEE');
        expect(await clientOf(p.inscription_id)).to.equal(undefined);
        expect(await tombstoned(p.inscription_id)).to.equal(true);
      }
    });

    it('a credit racing the compensation: either the credit lands and the client stays, or neither', async () => {
      for (let i = 0; i < 6; i += 1) {
        const p = person();
        const id = (await creer(p)).body.client_id;
        const [credit, annulee] = await Promise.all([
          post(`${svc().url}/api/clients/${id}/crediter`, { montant_cents: 100 }),
          annuler(p.inscription_id),
        ]);
        const left = await clientOf(p.inscription_id);
        if (credit.status === 200) {
          expect(annulee.status).to.equal(409);
          expect(left?.solde_cents).to.equal(100);
        } else {
          expect(credit.status).to.equal(404);
          expect(annulee.status).to.equal(200);
          expect(left).to.equal(undefined);
        }
      }
    });
  });
});
