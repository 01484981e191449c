import { expect } from 'chai';
import type { Knex } from 'knex';
import { createDb, migrate } from '../../src/lib/db.js';
import { MIGRATIONS_DIR, type Orchestrateur } from '../../src/orchestrateur/app.js';
import type { HeldCall } from '../support/call-gate.js';
import {
  type ChildOrchestrateur,
  FAST_RECOVERY,
  spawnOrchestrateur,
} from '../support/child-orchestrateur.js';
import { freshDatabaseUrl } from '../support/postgres.js';
import {
  expectAccountsWhole,
  newPerson,
  signUp,
  type SignupParticipants,
  startSignupOrchestrateur,
  startSignupParticipants,
} from './support.js';

/** Where each call of the sign-up goes, as the gate sees it. */
const CALLS = {
  identifiants: { service: 'auth', match: /^POST \/api\/auth\/inscriptions$/ },
  client: { service: 'client', match: /^POST \/api\/clients\/inscriptions$/ },
  activation: { service: 'auth', match: /^POST \/api\/auth\/inscriptions\/[^/]+\/activer$/ },
  supprimer_identifiants: {
    service: 'auth',
    match: /^POST \/api\/auth\/inscriptions\/[^/]+\/annuler$/,
  },
} as const;
type Step = keyof typeof CALLS;

/** How a held call ends: it reaches the service before or after the recovery, or never. */
type Fate = 'lands' | 'lost' | 'lands late';

const SETTINGS = { ...FAST_RECOVERY, SAGA_STEP_RETRIES: '6' };

describe('sign-up: a crash at every step leaves no credentials without a client record, nor the reverse', function () {
  this.timeout(60_000);
  let p: SignupParticipants;
  let url: string;
  let db: Knex;
  let survivor: Orchestrateur;

  before(async () => {
    p = await startSignupParticipants();
    url = await freshDatabaseUrl('inscription_crash');
    db = createDb({ url, poolMax: 2, applicationName: 'inscription-crash-test' });
    await migrate(db, MIGRATIONS_DIR);
    survivor = await startSignupOrchestrateur(p, SETTINGS, url);
  });
  after(async () => {
    await survivor.stop();
    await db.destroy();
    await p.close();
  });

  /** Where the sign-up of `username` rests, once it does. */
  async function restingEtat(username: string): Promise<string> {
    const until = Date.now() + 20_000;
    for (;;) {
      const { rows } = await db.raw<{ rows: { etat_actuel: string }[] }>(
        "SELECT etat_actuel FROM sagas WHERE data->>'username' = :username",
        { username },
      );
      const etat = rows[0]?.etat_actuel;
      if (etat === 'CONFIRMEE' || etat === 'ANNULEE') return etat;
      if (Date.now() > until) throw new Error(`sign-up of ${username} still ${etat ?? 'absent'}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A sign-up on a child orchestrator, the call of `step` held in flight. */
  async function heldAt(step: Step, person = newPerson()) {
    const child: ChildOrchestrateur = await spawnOrchestrateur({
      ...p.env,
      ...SETTINGS,
      DATABASE_URL: url,
    });
    const held = p.gates[CALLS[step].service].hold(CALLS[step].match);
    const answer = signUp(child.url, person).catch(() => undefined);
    return { child, person, call: await held, answer };
  }

  async function killed(child: ChildOrchestrateur): Promise<void> {
    child.proc.kill('SIGKILL');
    await child.exited;
  }

  async function orchestratorDiesAt(step: Step, fate: Fate, person = newPerson()) {
    const { child, call } = await heldAt(step, person);
    await killed(child);
    if (fate === 'lands') call.pass();
    if (fate === 'lost') call.drop();
    const etat = await restingEtat(person.username);
    if (fate === 'lands late') {
      call.pass();
      await new Promise((r) => setTimeout(r, 300));
    }
    await expectAccountsWhole(p);
    return etat;
  }

  for (const fate of ['lands', 'lost', 'lands late'] as const) {
    it(`orchestrator killed while reserving the credentials (the call ${fate}): cancelled, nothing left`, async () => {
      expect(await orchestratorDiesAt('identifiants', fate)).to.equal('ANNULEE');
    });
  }

  for (const step of ['client', 'activation'] as const) {
    for (const fate of ['lands', 'lost'] as const) {
      it(`orchestrator killed during ${step} (the call ${fate}): another instance confirms it`, async () => {
        expect(await orchestratorDiesAt(step, fate)).to.equal('CONFIRMEE');
      });
    }
  }

  it('orchestrator killed while deleting the credentials of a refused sign-up: cancelled, nothing left', async () => {
    const taken = newPerson();
    expect((await signUp(survivor.url, taken)).status).to.equal(201);
    const person = { ...newPerson(), email: taken.email };
    expect(await orchestratorDiesAt('supprimer_identifiants', 'lands', person)).to.equal('ANNULEE');
  });

  /** The service dies with the call in flight (before or after doing it), and comes back. */
  async function serviceDiesAt(step: Step, how: (c: HeldCall) => void) {
    const person = newPerson();
    const held = p.gates[CALLS[step].service].hold(CALLS[step].match);
    const answer = signUp(survivor.url, person);
    const call = await held;
    await p.restart(CALLS[step].service);
    how(call);
    const res = await answer;
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await expectAccountsWhole(p);
  }

  for (const step of ['identifiants', 'client', 'activation'] as const) {
    it(`${CALLS[step].service} service crashes during ${step} before doing it: retried, confirmed`, async () => {
      await serviceDiesAt(step, (c) => c.drop());
    });
    it(`${CALLS[step].service} service crashes during ${step} after doing it: retried with the same key, confirmed`, async () => {
      await serviceDiesAt(step, (c) => c.passAndCut());
    });
  }
});
