import { expect } from 'chai';
import type { Orchestrateur } from '../../src/orchestrateur/app.js';
import { call } from '../contract/http.js';
import {
  expectAccountsWhole,
  newPerson,
  signUp,
  type SignupParticipants,
  startSignupOrchestrateur,
  startSignupParticipants,
} from './support.js';

type View = {
  id: string;
  etat: string;
  actions_operateur: { action: string; par: string; motif: string | null; etat: string }[];
};
const viewOf = (body: Record<string, unknown>): View => body.inscription as View;

describe('operator actions on a sign-up waiting for one', () => {
  let p: SignupParticipants;
  let orch: Orchestrateur;
  before(async () => {
    p = await startSignupParticipants();
    orch = await startSignupOrchestrateur(p, { AUTH_REQUIRED: 'false' });
  });
  after(async () => {
    await orch.stop();
    await p.close();
  });

  /** A sign-up refused by the client service whose credentials cannot be deleted: parked. */
  async function parkedSignup(): Promise<string> {
    const taken = newPerson();
    expect((await signUp(orch.url, taken)).status).to.equal(201);
    p.gates.auth.failing(/\/annuler$/);
    const res = await signUp(orch.url, { ...newPerson(), email: taken.email });
    expect(res.status, JSON.stringify(res.body)).to.equal(502);
    expect(viewOf(res.body).etat).to.equal('COMPENSATION_ECHOUEE');
    return viewOf(res.body).id;
  }

  afterEach(() => p.gates.auth.failing(undefined));

  it('reprendre runs the compensation again once the service is back: ANNULEE, recorded, nothing left', async () => {
    const id = await parkedSignup();
    p.gates.auth.failing(undefined);
    const res = await call('POST', `${orch.url}/api/inscriptions/${id}/reprendre`, {
      json: { motif: 'auth est revenu' },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const view = viewOf(res.body);
    expect(view.etat).to.equal('ANNULEE');
    expect(view.actions_operateur).to.have.length(1);
    expect(view.actions_operateur[0]).to.include({
      action: 'reprendre',
      motif: 'auth est revenu',
      etat: 'COMPENSATION_ECHOUEE',
    });
    await expectAccountsWhole(p);
  });

  it('annuler needs a motif; a confirmed sign-up waits for nobody: 409', async () => {
    const id = await parkedSignup();
    const url = `${orch.url}/api/inscriptions/${id}/annuler`;
    expect((await call('POST', url, { json: {} })).status).to.equal(400);
    const done = viewOf((await signUp(orch.url, newPerson())).body);
    const res = await call('POST', `${orch.url}/api/inscriptions/${done.id}/reprendre`, {
      json: {},
    });
    expect(res.status).to.equal(409);
    expect((res.body.error as { code: string }).code).to.equal('ETAT_INCOMPATIBLE');
  });
});
