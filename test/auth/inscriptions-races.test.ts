import { expect } from 'chai';
import { serviceForSuite } from '../services/support/services.js';
import { startTestAuth } from './support/identity.js';
import { accountOf, authSteps, newCredentials, tombstoned } from './support/inscriptions.js';

/** Refused for 120 s past 5 attempts counted under one address. */
const THROTTLE = {
  AUTH_LOGIN_ADDRESS_FREE_ATTEMPTS: '2',
  AUTH_LOGIN_ADDRESS_MAX_ATTEMPTS: '5',
  AUTH_LOGIN_BLOCK_S: '120',
  AUTH_LOGIN_DELAY_MS: '3000',
  AUTH_LOGIN_MAX_DELAY_MS: '6000',
};

const statuses = (answers: { status: number }[]) => answers.map((a) => a.status).sort();

describe('the sign-up saga in the auth service: concurrent calls and the throttle', function () {
  this.timeout(60_000);
  const auth = serviceForSuite(() => startTestAuth(THROTTLE));
  const steps = authSteps(auth);
  let address = 0;
  /** Each test its own address: the throttle's counts are per address. */
  const fresh = () => newCredentials(`198.51.100.${(address += 1)}`);

  it('two identical reservations at once: one 201, one 200, one account', async () => {
    for (let i = 0; i < 4; i += 1) {
      const c = fresh();
      const answers = await Promise.all([steps.reserver(c), steps.reserver(c)]);
      expect(statuses(answers)).to.deep.equal([200, 201]);
      expect(answers[0]?.body).to.deep.equal(answers[1]?.body);
      expect(await accountOf(auth(), c.inscription_id)).to.include({ etat: 'EN_ATTENTE' });
    }
  });

  it('two inscriptions of one username at once: one 201, one 409 COMPTE_EXISTANT', async () => {
    const a = fresh();
    const b = { ...fresh(), username: a.username };
    const answers = await Promise.all([steps.reserver(a), steps.reserver(b)]);
    expect(statuses(answers)).to.deep.equal([201, 409]);
    const made = [
      await accountOf(auth(), a.inscription_id),
      await accountOf(auth(), b.inscription_id),
    ];
    expect(made.filter((m) => m !== undefined)).to.have.length(1);
  });

  it('a compensation racing its late reservation: the tombstone wins, no account is left', async () => {
    for (let i = 0; i < 8; i += 1) {
      const c = fresh();
      const [late, annulee] = await Promise.all([
        steps.reserver(c),
        steps.annuler(c.inscription_id),
      ]);
      expect(annulee.status).to.equal(200);
      // Either it landed first and was deleted, or it came second and was refused.
      expect([201, 409]).to.include(late.status);
      if (late.status === 409) expect(late.body.error?.code).to.equal('INSCRIPTION_ANNULEE');
      expect(await accountOf(auth(), c.inscription_id)).to.equal(undefined);
      expect(await tombstoned(auth(), c.inscription_id)).to.equal(true);
    }
  });

  it('a compensation racing the activation: exactly one wins, and the books agree', async () => {
    for (let i = 0; i < 8; i += 1) {
      const c = fresh();
      await steps.reserver(c);
      const [activee, annulee] = await Promise.all([
        steps.activer(c.inscription_id, 10 + i),
        steps.annuler(c.inscription_id),
      ]);
      const account = await accountOf(auth(), c.inscription_id);
      if (activee.status === 200) {
        expect(annulee.status).to.equal(409);
        expect(annulee.body.error?.code).to.equal('INSCRIPTION_ACTIVE');
        expect(account).to.include({ etat: 'ACTIVE', client_id: 10 + i });
      } else {
        expect(activee.status).to.equal(409);
        expect(activee.body.error?.code).to.equal('INSCRIPTION_ANNULEE');
        expect(annulee.status).to.equal(200);
        expect(account).to.equal(undefined);
      }
    }
  });

  it('repeated sign-ups from one address: 429 TROP_DE_TENTATIVES with Retry-After, nothing created; others go on', async () => {
    const adresse = '192.0.2.77';
    const sent = Array.from({ length: 7 }, () => newCredentials(adresse));
    const answers = [];
    for (const c of sent) answers.push(await steps.reserver(c));
    expect(answers.map((a) => a.status)).to.deep.equal([201, 201, 201, 201, 201, 429, 429]);
    const refused = answers[5];
    expect(refused?.body.error?.code).to.equal('TROP_DE_TENTATIVES');
    expect(Number(refused?.headers['retry-after'])).to.be.within(1, 120);
    expect(await accountOf(auth(), sent[5]?.inscription_id ?? '')).to.equal(undefined);
    // A refusal counts too: the address of a refused password is blocked the same way.
    const other = '192.0.2.78';
    const refusals = [];
    for (let i = 0; i < 6; i += 1) {
      refusals.push(await steps.reserver({ ...newCredentials(other), password: 'password123' }));
    }
    expect(refusals.map((a) => a.status)).to.deep.equal([422, 422, 422, 422, 422, 429]);
    // A repeat of a reservation already made is no new attempt: answered, not refused.
    const made = {
      ...newCredentials(adresse),
      inscription_id: answers[0]?.body.inscription_id ?? '',
    };
    const { username } = (await accountOf(auth(), made.inscription_id)) ?? { username: '' };
    expect((await steps.reserver({ ...made, username })).status).to.equal(200);
    // Another address is not concerned.
    expect((await steps.reserver(newCredentials('192.0.2.79'))).status).to.equal(201);
  });

  it('a sign-up past the free attempts is counted but never delayed, unlike a sign-in', async () => {
    const adresse = '192.0.2.90';
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      expect((await steps.reserver(newCredentials(adresse))).status).to.equal(201);
      // A sign-in this far past the free attempts would wait AUTH_LOGIN_DELAY_MS (3 s) or more.
      expect(performance.now() - started).to.be.below(2500);
    }
  });
});
