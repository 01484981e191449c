import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { post } from '../contract/http.js';
import { serviceForSuite } from '../services/support/services.js';
import { claimsOf, startTestAuth } from './support/identity.js';
import {
  accountOf,
  type Answer,
  authSteps,
  newCredentials,
  sagaCall,
  tombstoned,
} from './support/inscriptions.js';

const errorOf = (res: Answer) => res.body.error;

const COMPTE_EXISTANT = {
  code: 'COMPTE_EXISTANT',
  message: 'This username or e-mail is already in use',
};

describe('the sign-up saga in the auth service: credentials reserved, cancelled, activated', () => {
  const auth = serviceForSuite(() => startTestAuth());
  const steps = authSteps(auth);
  const signIn = (username: string, password: string) =>
    post<{ access_token?: string }>(`${auth().url}/api/auth/token`, { username, password });

  describe('POST /api/auth/inscriptions (step identifiants)', () => {
    it('reserves a pending client account: 201 EN_ATTENTE, then 200 with the same body on a repeat', async () => {
      const c = newCredentials();
      const first = await steps.reserver(c);
      expect(first.status).to.equal(201);
      expect(first.body).to.deep.equal({ inscription_id: c.inscription_id, etat: 'EN_ATTENTE' });
      const again = await steps.reserver(c);
      expect(again.status).to.equal(200);
      expect(again.body).to.deep.equal(first.body);
      const account = await accountOf(auth(), c.inscription_id);
      expect(account).to.include({
        username: c.username,
        etat: 'EN_ATTENTE',
        role: 'client',
        client_id: null,
      });
      expect(account?.password_hash).to.match(/^\$argon2id\$/);
    });

    it('stores the username lowercase', async () => {
      const c = { ...newCredentials(), username: `Zoe.Martin.${Date.now()}` };
      expect((await steps.reserver(c)).status).to.equal(201);
      expect((await accountOf(auth(), c.inscription_id))?.username).to.equal(
        c.username.toLowerCase(),
      );
    });

    it('a repeat naming another username: 422 IDEMPOTENCY_MISMATCH, nothing changed', async () => {
      const c = newCredentials();
      await steps.reserver(c);
      const other = await steps.reserver({ ...c, username: `${c.username}x` });
      expect(other.status).to.equal(422);
      expect(errorOf(other)?.code).to.equal('IDEMPOTENCY_MISMATCH');
      expect((await accountOf(auth(), c.inscription_id))?.username).to.equal(c.username);
    });

    it('a username already used by an account or another pending inscription: 409 COMPTE_EXISTANT saying no more, nothing created', async () => {
      const taken = newCredentials();
      await steps.reserver(taken);
      for (const username of ['alice', 'operateur', taken.username]) {
        const c = { ...newCredentials(), username };
        const res = await steps.reserver(c);
        expect(res.status, username).to.equal(409);
        expect(errorOf(res)).to.deep.equal(COMPTE_EXISTANT);
        expect(await accountOf(auth(), c.inscription_id)).to.equal(undefined);
      }
    });

    it('a password the policy refuses: 422 MOT_DE_PASSE_REFUSE naming the rule, nothing created', async () => {
      const base = newCredentials();
      const cases = [
        ['court', /at least 10 characters/],
        ['password123', /too common/],
        [`x${base.username.toUpperCase()}y`, /must not contain the username/],
        ['aaaaaaaaaaaa', /repeat a single character/],
        ['é'.repeat(100) + 'f'.repeat(29), /at most 128 characters/],
      ] as const;
      for (const [password, rule] of cases) {
        const c = { ...newCredentials(), username: base.username, password };
        const res = await steps.reserver(c);
        expect(res.status, password).to.equal(422);
        expect(errorOf(res)?.code).to.equal('MOT_DE_PASSE_REFUSE');
        expect(errorOf(res)?.message).to.match(rule);
        expect(await accountOf(auth(), c.inscription_id)).to.equal(undefined);
      }
    });

    it('malformed input: 400 VALIDATION_ERROR, not a refusal', async () => {
      const c = newCredentials();
      for (const body of [
        { ...c, username: 'a b' },
        { ...c, username: 'ab' },
        { ...c, username: 'x'.repeat(33) },
        { ...c, inscription_id: 'pas-un-uuid' },
        { ...c, adresse: 'x'.repeat(65) },
        { ...c, adresse: undefined },
        { ...c, password: '' },
        { ...c, extra: 1 },
      ]) {
        const res = await sagaCall(
          `${auth().url}/api/auth/inscriptions`,
          c.inscription_id,
          'identifiants',
          body,
        );
        expect(res.status, JSON.stringify(body)).to.equal(400);
        expect(errorOf(res)?.code).to.equal('VALIDATION_ERROR');
        expect(JSON.stringify(res.body)).not.to.include(c.password);
      }
      expect(await accountOf(auth(), c.inscription_id)).to.equal(undefined);
    });

    it('a pending account cannot sign in: the answer of a wrong password, counted as a failure', async () => {
      const c = newCredentials();
      await steps.reserver(c);
      const pending = await signIn(c.username, c.password);
      const wrong = await signIn('alice', 'not-her-password');
      expect(pending.status).to.equal(401);
      expect(pending.body).to.deep.equal(wrong.body);
      expect(pending.body).not.to.have.property('access_token');
      const { rows } = await auth().db.raw<{ rows: { attempts: number }[] }>(
        `SELECT attempts FROM login_throttle
          WHERE scope = 'account' AND key = encode(sha256(convert_to(:u, 'UTF8')), 'hex')`,
        { u: c.username },
      );
      expect(rows[0]?.attempts).to.equal(1);
    });
  });

  describe('POST /api/auth/inscriptions/{id}/activer (step activation, the pivot)', () => {
    it('links the account to its client: 200 ACTIVE, repeatable; it signs in as that client', async () => {
      const c = newCredentials();
      await steps.reserver(c);
      const res = await steps.activer(c.inscription_id, 4242);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({
        inscription_id: c.inscription_id,
        etat: 'ACTIVE',
        client_id: 4242,
      });
      expect((await steps.activer(c.inscription_id, 4242)).body).to.deep.equal(res.body);
      const token = await signIn(c.username, c.password);
      expect(token.status).to.equal(200);
      const claims = claimsOf(token.body.access_token ?? '');
      expect(claims).to.include({ sub: c.username, client_id: 4242 });
      expect(claims.roles).to.deep.equal(['client']);
      // A late repeat of the reservation finds it active.
      const late = await steps.reserver(c);
      expect(late.status).to.equal(200);
      expect(late.body).to.deep.equal({ inscription_id: c.inscription_id, etat: 'ACTIVE' });
    });

    it('another client id on a repeat: 422 IDEMPOTENCY_MISMATCH, the first one stays', async () => {
      const c = newCredentials();
      await steps.reserver(c);
      await steps.activer(c.inscription_id, 7);
      const other = await steps.activer(c.inscription_id, 8);
      expect(other.status).to.equal(422);
      expect((await accountOf(auth(), c.inscription_id))?.client_id).to.equal(7);
    });

    it('no pending account and no tombstone: 404 INSCRIPTION_INCONNUE', async () => {
      const res = await steps.activer(randomUUID(), 1);
      expect(res.status).to.equal(404);
      expect(errorOf(res)?.code).to.equal('INSCRIPTION_INCONNUE');
    });

    it('the path and the body must name the same inscription: 400', async () => {
      const c = newCredentials();
      await steps.reserver(c);
      const res = await sagaCall(
        `${auth().url}/api/auth/inscriptions/${c.inscription_id}/activer`,
        c.inscription_id,
        'activation',
        { inscription_id: randomUUID(), client_id: 1 },
      );
      expect(res.status).to.equal(400);
      expect((await accountOf(auth(), c.inscription_id))?.etat).to.equal('EN_ATTENTE');
    });
  });

  describe('POST /api/auth/inscriptions/{id}/annuler (the compensation)', () => {
    it('deletes the pending account and leaves a tombstone: 200 ANNULEE, repeatable; later steps refused', async () => {
      const c = newCredentials();
      await steps.reserver(c);
      const res = await steps.annuler(c.inscription_id);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ inscription_id: c.inscription_id, etat: 'ANNULEE' });
      expect((await steps.annuler(c.inscription_id)).body).to.deep.equal(res.body);
      expect(await accountOf(auth(), c.inscription_id)).to.equal(undefined);
      expect(await tombstoned(auth(), c.inscription_id)).to.equal(true);
      for (const late of [await steps.reserver(c), await steps.activer(c.inscription_id, 3)]) {
        expect(late.status).to.equal(409);
        expect(errorOf(late)?.code).to.equal('INSCRIPTION_ANNULEE');
      }
      expect(await accountOf(auth(), c.inscription_id)).to.equal(undefined);
      // The username is free again for another sign-up.
      expect((await steps.reserver({ ...newCredentials(), username: c.username })).status).to.equal(
        201,
      );
    });

    it('before the step (a null compensation): 200, and the late step is refused, nothing created', async () => {
      const c = newCredentials();
      const res = await steps.annuler(c.inscription_id);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ inscription_id: c.inscription_id, etat: 'ANNULEE' });
      const late = await steps.reserver(c);
      expect(late.status).to.equal(409);
      expect(errorOf(late)?.code).to.equal('INSCRIPTION_ANNULEE');
      expect(await accountOf(auth(), c.inscription_id)).to.equal(undefined);
    });

    it('never deletes an active account: 409 INSCRIPTION_ACTIVE, it still signs in', async () => {
      const c = newCredentials();
      await steps.reserver(c);
      await steps.activer(c.inscription_id, 99);
      const res = await steps.annuler(c.inscription_id);
      expect(res.status).to.equal(409);
      expect(errorOf(res)?.code).to.equal('INSCRIPTION_ACTIVE');
      expect(await tombstoned(auth(), c.inscription_id)).to.equal(false);
      expect((await signIn(c.username, c.password)).status).to.equal(200);
    });
  });

  it('the database keeps the states whole: no active client account without a client, no pending operator', async () => {
    const c = newCredentials();
    await steps.reserver(c);
    const hash = (await accountOf(auth(), c.inscription_id))?.password_hash ?? '';
    for (const [sql, what] of [
      [`UPDATE accounts SET etat = 'ACTIVE' WHERE inscription_id = :id`, 'active, no client'],
      [`UPDATE accounts SET client_id = 5 WHERE inscription_id = :id`, 'pending with a client'],
      [
        `INSERT INTO accounts (username, password_hash, role, etat) VALUES ('op-x', :hash, 'operateur', 'EN_ATTENTE')`,
        'pending operator',
      ],
    ] as const) {
      const attempt = auth().db.raw(sql, { id: c.inscription_id, hash });
      await attempt.then(
        () => expect.fail(`accepted: ${what}`),
        (err: { code?: string }) => expect(err.code, what).to.equal('23514'),
      );
    }
  });
});
