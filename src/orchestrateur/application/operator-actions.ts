import { AppError } from '../../lib/errors.js';
import {
  cancelTarget,
  type DefinitionRegistry,
  type Echec,
  resumeTarget,
  type SagaDefinition,
  type SagaRecord,
  type Transition,
  TransitionConflict,
} from '../../saga/index.js';
import type { SagaRunner } from './saga-runner.js';

/** Who acts and why; recorded with the action. */
export interface Operator {
  par: string;
  motif: string | null;
}

export type ActionName = 'reprendre' | 'annuler';

export interface ActionAnswer<S> {
  status: 200 | 202;
  saga: S;
}

export interface OperatorActionsOptions<
  E extends string,
  C extends string,
  D,
  S extends SagaRecord<E, D>,
> {
  /** What the saga is called in messages: "commande", "inscription". */
  noun: string;
  /** The saga as the database holds it, history included (404 if none). */
  get(id: string): Promise<S>;
  /**
   * Takes the saga, waiting in `current.etat`, for this instance and records the action in
   * the same statement; undefined when it no longer waits there or another instance holds it.
   */
  claim(current: S, action: ActionName, who: Operator): Promise<S | undefined>;
  /** Writes a transition of a saga this instance just claimed. */
  move(current: S, t: Transition<E, D>): Promise<S>;
  runner: SagaRunner<E, C, D, S>;
  definitions: DefinitionRegistry<E, C, D>;
  budgetMs: number;
}

/** The echec an operator's cancel records: it may follow a step whose outcome is unknown. */
const cancelled = (etape: string, motif: string | null): Echec => ({
  etape,
  code: 'ANNULEE_PAR_OPERATEUR',
  message: motif ?? 'Cancelled by an operator',
  type: 'METIER',
  incertain: true,
});

const incompatible = (message: string, code = 'ETAT_INCOMPATIBLE'): AppError =>
  new AppError(code, message, 409);

/**
 * What an operator may do to a saga (of any kind) that waits for one: suspended (a step
 * that may not give up kept failing) or parked (a compensation kept failing). `reprendre`
 * drives it on where it stands; `annuler` sends it back, compensating whatever may have
 * been done, which only a saga short of the pivot allows. Each action takes the saga over
 * and is recorded (who, why, the état) in one statement.
 */
export class OperatorActions<E extends string, C extends string, D, S extends SagaRecord<E, D>> {
  constructor(private readonly o: OperatorActionsOptions<E, C, D, S>) {}

  async reprendre(id: string, who: Operator): Promise<ActionAnswer<S>> {
    const current = await this.o.get(id);
    const saga = this.sagaOf(current);
    this.assertWaiting(current, saga);
    const takenAt = performance.now();
    const claimed = await this.claim(current, 'reprendre', who);
    // A suspended saga is driven on like a taken-over one: its step's outcome is unknown.
    if (current.suspension !== null) return this.drive(claimed, takenAt, true);
    const to = resumeTarget(saga, current.echec);
    const moved = await this.move(claimed, to, undefined, 'reprendre', who);
    return this.drive(moved, takenAt, false);
  }

  async annuler(id: string, who: Operator): Promise<ActionAnswer<S>> {
    const current = await this.o.get(id);
    const saga = this.sagaOf(current);
    this.assertWaiting(current, saga);
    const parked = current.etat === saga.states.parked;
    const to = parked ? resumeTarget(saga, current.echec) : this.cancelTarget(saga, current);
    const etape = parked ? current.echec?.etape : current.suspension?.etape;
    const takenAt = performance.now();
    const claimed = await this.claim(current, 'annuler', who);
    const echec = cancelled(etape ?? 'operateur', who.motif);
    return this.drive(await this.move(claimed, to, echec, 'annuler', who), takenAt, false);
  }

  private assertWaiting(s: S, saga: SagaDefinition<E, C, D>): void {
    if (s.suspension === null && s.etat !== saga.states.parked) {
      throw incompatible(
        `Only a suspended or ${saga.states.parked} ${this.o.noun} waits for an operator; ` +
          `this one is ${s.etat}`,
      );
    }
  }

  /** The definition the saga started under; 409 if this instance does not drive it. */
  private sagaOf(s: S): SagaDefinition<E, C, D> {
    if (!this.o.definitions.knows(s.definition.version)) {
      throw incompatible(
        `${this.o.noun} ${s.id} started under version ${s.definition.version} of its saga, ` +
          'which this instance does not drive; retry on an instance that does',
        'VERSION_INCONNUE',
      );
    }
    return this.o.definitions.get(s.definition.version);
  }

  private cancelTarget(saga: SagaDefinition<E, C, D>, s: S): E {
    const to = cancelTarget(saga, s.etat);
    if (to === undefined) {
      throw incompatible(
        `${this.o.noun} ${s.id} waits on step ${s.suspension?.etape ?? '?'}, at or past the ` +
          'pivot: what it did may stand, so it can only go forward (reprendre)',
        'PIVOT_FRANCHI',
      );
    }
    return to;
  }

  private async claim(current: S, action: ActionName, who: Operator): Promise<S> {
    const claimed = await this.o.claim(current, action, who);
    if (!claimed) {
      throw incompatible(`Another operator or instance acted on this ${this.o.noun} meanwhile`);
    }
    return claimed;
  }

  private async move(s: S, to: E, echec: Echec | undefined, action: ActionName, who: Operator) {
    const detail = { operateur: action, par: who.par, ...(who.motif ? { motif: who.motif } : {}) };
    try {
      return await this.o.move(s, { from: s.etat, to, ...(echec ? { echec } : {}), detail });
    } catch (err) {
      if (err instanceof TransitionConflict) {
        throw incompatible(`This ${this.o.noun} moved meanwhile`);
      }
      throw err;
    }
  }

  /** Drives the saga on, answering within the budget (202 if it is still running). */
  private async drive(s: S, takenAt: number, takenOver: boolean): Promise<ActionAnswer<S>> {
    const { done } = this.o.runner.run(s, { takenAt, takenOver });
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<'budget'>(
      (r) => (timer = setTimeout(() => r('budget'), this.o.budgetMs)),
    );
    const first = await Promise.race([done, budget]).finally(() => clearTimeout(timer));
    return { status: first === 'budget' ? 202 : 200, saga: await this.o.get(s.id) };
  }
}
