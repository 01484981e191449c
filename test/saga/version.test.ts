import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { checkoutSaga } from '../../src/orchestrateur/checkout/checkout-saga.js';
import { checkoutDefinitions } from '../../src/orchestrateur/checkout/versions.js';
import { DefinitionRegistry, defineSaga, UnknownVersion } from '../../src/saga/index.js';

const table = {
  A: { next: ['B', 'A_KO'] },
  B: { next: ['C', 'B_KO'], compensate: 'undo_b' },
  C: { next: [] },
  A_KO: { next: ['X'] },
  B_KO: { next: ['X', 'P'] },
  P: { next: ['B_KO'] },
  X: { next: [] },
} as const;
const states = { confirmed: 'C', cancelled: 'X', parked: 'P' } as const;
const run = () => Promise.resolve({});
const spec = (retry: 'bounded' | 'until-definitive') => ({
  name: 'trip',
  table,
  states,
  steps: [
    { name: 'a', from: 'A' as const, retry: 'bounded' as const, run },
    { name: 'b', from: 'B' as const, retry, run },
  ],
  compensations: { undo_b: () => Promise.resolve() },
});

/** A saga definition's version: the fingerprint of its shape, nothing else. */
describe('saga definition versions', () => {
  it('is the same for the same shape, whatever the step functions', () => {
    const one = defineSaga(spec('bounded'));
    const two = defineSaga({ ...spec('bounded'), compensations: { undo_b: async () => {} } });
    expect(one.version)
      .to.match(/^[0-9a-f]{12}$/)
      .and.equal(two.version);
    expect(one.name).to.equal('trip');
  });

  it('changes with the shape (here one retry policy)', () => {
    expect(defineSaga(spec('until-definitive')).version).to.not.equal(
      defineSaga(spec('bounded')).version,
    );
  });

  it('keeps earlier versions registered and refuses an unknown one', () => {
    const older = defineSaga(spec('bounded'));
    const current = defineSaga(spec('until-definitive'));
    const registry = new DefinitionRegistry(current, [older]);
    expect(registry.versions).to.deep.equal([current.version, older.version]);
    expect(registry.get(older.version)).to.equal(older);
    expect(() => registry.get('000000000000')).to.throw(UnknownVersion);
  });

  it('registers the checkout version the migration gave every commande written before versions', () => {
    const migration = readFileSync(
      'migrations/orchestrateur/20261204140000_add_definition_version.ts',
      'utf8',
    );
    const backfilled = /version: '([0-9a-f]{12})'/.exec(migration)?.[1] ?? '';
    const registry = checkoutDefinitions({} as never);
    expect(registry.knows(backfilled), `version ${backfilled}`).to.equal(true);
    expect(checkoutSaga({} as never).name).to.equal('commande');
  });
});
