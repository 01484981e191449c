import { expect } from 'chai';
import type { Orchestrateur } from '../../src/orchestrateur/app.js';
import { bearer, login } from '../auth/support/identity.js';
import { call, post } from '../contract/http.js';
import { startTestOrchestrateur } from '../support/orchestrateur.js';
import {
  expectAccountsWhole,
  newPerson,
  signUp,
  signupAccounts,
  type SignupParticipants,
  startSignupOrchestrateur,
  startSignupParticipants,
} from './support.js';

type View = { id: string; etat: string; client_id: number | null; historique: { etat: string }[] };
const viewOf = (body: Record<string, unknown>): View => body.inscription as View;
const errorOf = (body: Record<string, unknown>) => body.error as { code: string; message: string };

describe('POST /api/inscriptions (the sign-up saga, real auth and client services)', () => {
  let p: SignupParticipants;
  let orch: Orchestrateur;
  before(async () => {
    p = await startSignupParticipants();
    // Identity off on the orchestrator's own routes (the next suite has it on); its calls
    // still carry the service token the services check.
    orch = await startSignupOrchestrateur(p, { AUTH_REQUIRED: 'false' });
  });
  after(async () => {
    await orch.stop();
    await p.close();
  });

  it('creates credentials and a client record with balance 0; the person signs in as that client', async () => {
    const person = newPerson();
    const res = await signUp(orch.url, person);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const view = viewOf(res.body);
    expect(view.etat).to.equal('CONFIRMEE');
    expect(view.historique.map((h) => h.etat)).to.deep.equal([
      'INITIEE',
      'IDENTIFIANTS_RESERVES',
      'CLIENT_CREE',
      'CONFIRMEE',
    ]);
    expect(res.headers.location).to.equal(`/api/inscriptions/${view.id}`);
    const token = await post<{ access_token: string }>(`${p.auth.url}/api/auth/token`, {
      username: person.username,
      password: person.password,
    });
    expect(token.status).to.equal(200);
    const claims = JSON.parse(
      Buffer.from(token.body.access_token.split('.')[1] ?? '', 'base64url').toString(),
    ) as { client_id: number };
    expect(claims.client_id).to.equal(view.client_id);
    const { rows } = await p.client.db.raw<{ rows: { solde_cents: string }[] }>(
      'SELECT solde_cents FROM clients WHERE id = :id',
      { id: view.client_id },
    );
    expect(Number(rows[0]?.solde_cents)).to.equal(0);
    await expectAccountsWhole(p);
  });

  it('refuses a password the policy rejects with 400 before anything is written', async () => {
    const person = { ...newPerson(), password: 'password123' };
    const res = await signUp(orch.url, person);
    expect(res.status).to.equal(400);
    expect(errorOf(res.body).code).to.equal('MOT_DE_PASSE_REFUSE');
    const { rows } = await orch.db.raw<{ rows: unknown[] }>(
      "SELECT 1 FROM sagas WHERE data->>'username' = :u",
      { u: person.username },
    );
    expect(rows).to.have.length(0);
  });

  it('answers 400 naming the field for a malformed username, e-mail or missing field', async () => {
    for (const body of [
      { ...newPerson(), username: 'a b' },
      { ...newPerson(), email: 'not-an-email' },
      { nom: 'x', email: 'x@example.test', username: 'xyz' },
    ]) {
      const res = await call('POST', `${orch.url}/api/inscriptions`, { json: body });
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(errorOf(res.body).code).to.equal('VALIDATION_ERROR');
    }
  });

  it('a username in use: 409 COMPTE_EXISTANT, and no client record is made', async () => {
    const first = newPerson();
    expect((await signUp(orch.url, first)).status).to.equal(201);
    const again = { ...newPerson(), username: first.username };
    const res = await signUp(orch.url, again);
    expect(res.status).to.equal(409);
    expect(errorOf(res.body)).to.deep.equal({
      code: 'COMPTE_EXISTANT',
      message: 'This username or e-mail is already in use',
    });
    await expectAccountsWhole(p);
  });

  it('an e-mail in use: 409 COMPTE_EXISTANT, and the credentials reserved are deleted again', async () => {
    const first = newPerson();
    expect((await signUp(orch.url, first)).status).to.equal(201);
    const again = { ...newPerson(), email: first.email.toUpperCase() };
    const res = await signUp(orch.url, again);
    expect(res.status).to.equal(409);
    expect(errorOf(res.body).code).to.equal('COMPTE_EXISTANT');
    const accounts = await signupAccounts(p.auth.db);
    expect(accounts.filter((a) => a.client_id === null)).to.deep.equal([]);
    const signIn = await post(`${p.auth.url}/api/auth/token`, {
      username: again.username,
      password: again.password,
    });
    expect(signIn.status).to.equal(401);
    await expectAccountsWhole(p);
  });

  it('the same Idempotency-Key answers the same sign-up; with another body, 422', async () => {
    const person = newPerson();
    const headers = { 'idempotency-key': `signup-${person.username}` };
    const first = await signUp(orch.url, person, headers);
    const again = await signUp(orch.url, person, headers);
    expect(again.status).to.equal(201);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    expect(viewOf(again.body).id).to.equal(viewOf(first.body).id);
    const other = await signUp(orch.url, { ...person, nom: 'Quelqu’un d’autre' }, headers);
    expect(other.status).to.equal(422);
  });

  it('operators list and read sign-ups; nobody else may', async () => {
    const person = newPerson();
    const { id } = viewOf((await signUp(orch.url, person)).body);
    const list = await call('GET', `${orch.url}/api/inscriptions?etat=CONFIRMEE&limit=200`);
    const ids = (list.body.inscriptions as { id: string; historique?: unknown }[]).map((i) => i.id);
    expect(ids).to.include(id);
    const one = await call('GET', `${orch.url}/api/inscriptions/${id}`);
    expect(viewOf(one.body).historique).to.have.length(4);
    expect(JSON.stringify(one.body)).not.to.include(person.password);
    expect((await call('GET', `${orch.url}/api/inscriptions/nope`)).status).to.equal(400);
    expect((await call('GET', `${orch.url}/api/inscriptions?etat=NIMPORTE`)).status).to.equal(400);
  });
});

describe('/api/inscriptions with identity on', () => {
  let p: SignupParticipants;
  let orch: Orchestrateur;
  before(async () => {
    p = await startSignupParticipants();
    orch = await startSignupOrchestrateur(p, { AUTH_REQUIRED: 'true' });
  });
  after(async () => {
    await orch.stop();
    await p.close();
  });

  it('signing up needs no token; reading sign-ups needs the operator role (401, 403)', async () => {
    expect((await signUp(orch.url, newPerson())).status).to.equal(201);
    const url = `${orch.url}/api/inscriptions`;
    expect((await call('GET', url)).status).to.equal(401);
    const client = bearer(await login(p.auth.url, 'alice'));
    expect((await call('GET', url, { headers: client })).status).to.equal(403);
    const operateur = bearer(await login(p.auth.url, 'operateur'));
    expect((await call('GET', url, { headers: operateur })).status).to.equal(200);
  });
});

describe('/api/inscriptions without AUTH_URL', () => {
  it('takes no sign-up: 503 INSCRIPTION_INDISPONIBLE, and still lists them', async () => {
    const p = await startSignupParticipants();
    const { AUTH_URL: _none, ...env } = p.env;
    const orch = await startTestOrchestrateur({ ...env, AUTH_REQUIRED: 'false' });
    try {
      const res = await signUp(orch.url, newPerson());
      expect(res.status).to.equal(503);
      expect(errorOf(res.body).code).to.equal('INSCRIPTION_INDISPONIBLE');
      expect(orch.inscriptions).to.equal(undefined);
      expect((await call('GET', `${orch.url}/api/inscriptions`)).status).to.equal(200);
    } finally {
      await orch.stop();
      await p.close();
    }
  });
});
