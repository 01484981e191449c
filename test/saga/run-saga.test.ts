import { expect } from 'chai';
import {
  defineSaga,
  runSaga,
  type SagaObserver,
  type SagaState,
  type SagaStore,
  StepError,
  type StepSpec,
  type TransitionTable,
} from '../../src/saga/index.js';

/** A made-up trip booking: nothing of the checkout, other names everywhere. */
type Etat =
  | 'NEW'
  | 'FLIGHT_HELD'
  | 'HOTEL_HELD'
  | 'BOOKED'
  | 'FLIGHT_FAILED'
  | 'HOTEL_FAILED'
  | 'INVOICE_FAILED'
  | 'STUCK'
  | 'VOID';
type Undo = 'release_flight' | 'release_hotel';
interface Trip {
  traveller: string;
  flight?: string;
}

const table: TransitionTable<Etat, Undo> = {
  NEW: { next: ['FLIGHT_HELD', 'FLIGHT_FAILED'] },
  FLIGHT_HELD: { next: ['HOTEL_HELD', 'HOTEL_FAILED'], compensate: 'release_flight' },
  HOTEL_HELD: { next: ['BOOKED', 'INVOICE_FAILED'], compensate: 'release_hotel' },
  BOOKED: { next: [] },
  FLIGHT_FAILED: { next: ['VOID'] },
  HOTEL_FAILED: { next: ['VOID', 'STUCK'] },
  INVOICE_FAILED: { next: ['VOID', 'STUCK'] },
  STUCK: { next: ['HOTEL_FAILED', 'INVOICE_FAILED'] },
  VOID: { next: [] },
};
const states = { confirmed: 'BOOKED', cancelled: 'VOID', parked: 'STUCK' } as const;

type Behaviour = 'ok' | 'refuse' | 'fail';

function trip(behaviour: Record<string, Behaviour[]>) {
  const calls: string[] = [];
  const act = (name: string) => () => {
    const next = behaviour[name]?.shift() ?? 'ok';
    calls.push(`${name}:${next}`);
    if (next === 'refuse') return Promise.reject(new StepError('business', 'NO', 'refused'));
    if (next === 'fail') return Promise.reject(new StepError('transient', 'DOWN', 'down'));
    return Promise.resolve();
  };
  const step = (name: string, from: Etat): StepSpec<Etat, Trip> => ({
    name,
    from,
    retry: 'bounded',
    run: async () => {
      await act(name)();
      return name === 'flight' ? { patch: { flight: 'AF123' } } : {};
    },
  });
  const def = defineSaga<Etat, Undo, Trip>({
    table,
    states,
    steps: [step('flight', 'NEW'), step('hotel', 'FLIGHT_HELD'), step('invoice', 'HOTEL_HELD')],
    compensations: { release_flight: act('release_flight'), release_hotel: act('release_hotel') },
  });
  return { def, calls };
}

class MemoryStore implements SagaStore<Etat, Trip, SagaState<Etat, Trip>> {
  readonly path: Etat[] = [];
  apply(
    current: SagaState<Etat, Trip>,
    t: Parameters<SagaStore<Etat, Trip, SagaState<Etat, Trip>>['apply']>[1],
  ) {
    this.path.push(t.to);
    return Promise.resolve({
      ...current,
      etat: t.to,
      data: { ...current.data, ...t.patch },
      echec: t.echec ?? current.echec,
    });
  }
}

const silent: SagaObserver = { step: () => undefined, compensation: () => undefined };

async function drive(behaviour: Record<string, Behaviour[]>, retries = 0, takenOver = false) {
  const { def, calls } = trip(behaviour);
  const store = new MemoryStore();
  const final = await runSaga(
    def,
    { id: 't1', etat: 'NEW', data: { traveller: 'ada' }, echec: null },
    {
      store,
      observer: silent,
      signal: new AbortController().signal,
      retry: {
        stepRetries: retries,
        compensationRetries: 1,
        baseDelayMs: 1,
        maxDelayMs: 1,
        untilBudgetMs: 1000,
      },
    },
    { takenOver },
  );
  return { final, path: store.path, calls };
}

describe('the generic saga engine, on a saga that is not the checkout', () => {
  it('runs every step in order into the confirmed state, carrying what steps return', async () => {
    const { final, path } = await drive({});
    expect(path).to.deep.equal(['FLIGHT_HELD', 'HOTEL_HELD', 'BOOKED']);
    expect(final.data).to.deep.equal({ traveller: 'ada', flight: 'AF123' });
  });

  it('after a refusal undoes only what happened, newest first, and ends cancelled', async () => {
    const { final, path, calls } = await drive({ invoice: ['refuse'] });
    expect(path).to.deep.equal(['FLIGHT_HELD', 'HOTEL_HELD', 'INVOICE_FAILED', 'VOID']);
    expect(calls.slice(-2)).to.deep.equal(['release_hotel:ok', 'release_flight:ok']);
    expect(final.echec).to.include({ etape: 'invoice', type: 'METIER', incertain: false });
  });

  it('after a failure of unknown effect also undoes the failed step itself', async () => {
    const { path, calls } = await drive({ hotel: ['fail'] });
    expect(path).to.deep.equal(['FLIGHT_HELD', 'HOTEL_FAILED', 'VOID']);
    expect(calls.slice(-2)).to.deep.equal(['release_hotel:ok', 'release_flight:ok']);
  });

  it('retries a transient failure, then carries on', async () => {
    const { path, calls } = await drive({ flight: ['fail', 'fail'] }, 2);
    expect(path.at(-1)).to.equal('BOOKED');
    expect(calls.filter((c) => c.startsWith('flight'))).to.have.length(3);
  });

  it('taken over, waits out technical failures instead of going back (the pivot may be past)', async () => {
    const { path, calls } = await drive({ hotel: ['fail', 'fail', 'fail', 'fail'] }, 1, true);
    expect(path).to.deep.equal(['FLIGHT_HELD', 'HOTEL_HELD', 'BOOKED']);
    expect(calls.filter((c) => c.startsWith('hotel'))).to.have.length(5);
  });

  it('taken over, still goes back on a refusal, undoing the refused step too', async () => {
    const { final, path, calls } = await drive({ hotel: ['fail', 'refuse'] }, 0, true);
    expect(path).to.deep.equal(['FLIGHT_HELD', 'HOTEL_FAILED', 'VOID']);
    expect(calls.slice(-2)).to.deep.equal(['release_hotel:ok', 'release_flight:ok']);
    expect(final.echec).to.include({ etape: 'hotel', type: 'METIER', incertain: true });
  });

  it('parks the saga when a compensation keeps failing', async () => {
    const { final } = await drive({ invoice: ['refuse'], release_hotel: ['fail', 'fail'] });
    expect(final.etat).to.equal('STUCK');
  });

  it('refuses at load time a step list that disagrees with the table', () => {
    const { def } = trip({});
    const bad = (steps: StepSpec<Etat, Trip>[]) => () =>
      defineSaga<Etat, Undo, Trip>({ table, states, steps, compensations: def.compensations });
    const [flight, hotel, invoice] = def.steps as readonly StepSpec<Etat, Trip>[] as [
      StepSpec<Etat, Trip>,
      StepSpec<Etat, Trip>,
      StepSpec<Etat, Trip>,
    ];
    expect(bad([flight, invoice, hotel])).to.throw(/missing/);
    expect(bad([flight, hotel])).to.throw(/missing/);
    expect(bad([hotel, invoice])).to.throw(/no step reaches/);
    expect(() =>
      defineSaga<Etat, Undo, Trip>({
        table,
        states,
        steps: [flight, hotel, invoice],
        compensations: {
          release_flight: def.compensations.release_flight,
        } as typeof def.compensations,
      }),
    ).to.throw(/release_hotel is not bound/);
  });
});
