import type { Knex } from 'knex';
import { AppError } from '../../lib/errors.js';
import { cancelTarget, type Echec, resumeTarget, TransitionConflict } from '../../saga/index.js';
import type { CheckoutSaga } from '../checkout/checkout-saga.js';
import type { CheckoutDefinitions } from '../checkout/versions.js';
import type { Commande, OperatorAction } from '../checkout/commande.js';
import { type EtatCommande, ROLES } from '../checkout/transitions.js';
import { toCommande } from '../data/commande-rows.js';
import { claimForOperator } from '../data/operator-repo.js';
import type { CommandeWrites } from '../data/commande-writes.js';
import type { CommandeQueries } from './commande-queries.js';
import type { CheckoutRunner } from './checkout.js';

export interface OperatorActionsOptions {
  db: Knex;
  runner: CheckoutRunner;
  writes: CommandeWrites;
  definitions: CheckoutDefinitions;
  queries: CommandeQueries;
  owner: string;
  leaseMs: number;
  budgetMs: number;
}

/** Who acts and why; recorded with the action. */
export interface Operator {
  par: string;
  motif: string | null;
}

export interface ActionAnswer {
  status: 200 | 202;
  commande: Commande;
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
 * What an operator may do to a commande that waits for one: suspended (a step that may
 * not give up kept failing) or parked in COMPENSATION_ECHOUEE (a compensation kept
 * failing). `reprendre` drives it on where it stands; `annuler` sends it back, compensating
 * whatever may have been done, which only a commande short of the pivot allows. Each
 * action takes the commande over and is recorded (who, why, the état) in one statement.
 */
export class OperatorActions {
  constructor(private readonly o: OperatorActionsOptions) {}

  async reprendre(id: string, who: Operator): Promise<ActionAnswer> {
    const current = await this.o.queries.get(id);
    this.assertWaiting(current);
    const saga = this.sagaOf(current);
    const takenAt = performance.now();
    const claimed = await this.claim(current, 'reprendre', who);
    // A suspended saga is driven on like a taken-over one: its step's outcome is unknown.
    if (current.suspension !== null) return this.drive(claimed, takenAt, true);
    const to = resumeTarget(saga, current.echec);
    const moved = await this.move(claimed, to, undefined, 'reprendre', who);
    return this.drive(moved, takenAt, false);
  }

  async annuler(id: string, who: Operator): Promise<ActionAnswer> {
    const current = await this.o.queries.get(id);
    this.assertWaiting(current);
    const parked = current.etat === ROLES.parked;
    const saga = this.sagaOf(current);
    const to = parked ? resumeTarget(saga, current.echec) : this.cancelTarget(saga, current);
    const etape = parked ? current.echec?.etape : current.suspension?.etape;
    const takenAt = performance.now();
    const claimed = await this.claim(current, 'annuler', who);
    const echec = cancelled(etape ?? 'operateur', who.motif);
    return this.drive(await this.move(claimed, to, echec, 'annuler', who), takenAt, false);
  }

  private assertWaiting(c: Commande): void {
    if (c.suspension === null && c.etat !== ROLES.parked) {
      throw incompatible(
        `Only a suspended or ${ROLES.parked} commande waits for an operator; this one is ${c.etat}`,
      );
    }
  }

  /** The definition the commande started under; 409 if this instance does not drive it. */
  private sagaOf(c: Commande): CheckoutSaga {
    if (!this.o.definitions.knows(c.definition.version)) {
      throw incompatible(
        `Commande ${c.id} started under version ${c.definition.version} of the saga, which ` +
          'this instance does not drive; retry on an instance that does',
        'VERSION_INCONNUE',
      );
    }
    return this.o.definitions.get(c.definition.version);
  }

  private cancelTarget(saga: CheckoutSaga, c: Commande): EtatCommande {
    const to = cancelTarget(saga, c.etat);
    if (to === undefined) {
      throw incompatible(
        `Commande ${c.id} waits on step ${c.suspension?.etape ?? '?'}, at or past the pivot: ` +
          'its sale may be recorded, so it can only go forward (reprendre)',
        'PIVOT_FRANCHI',
      );
    }
    return to;
  }

  private async claim(
    current: Commande,
    action: OperatorAction['action'],
    who: Operator,
  ): Promise<Commande> {
    const { db, owner, leaseMs } = this.o;
    const row = await claimForOperator(db, {
      id: current.id,
      etat: current.etat,
      owner,
      leaseMs,
      action,
      ...who,
    });
    if (!row) throw incompatible('Another operator or instance acted on this commande meanwhile');
    return toCommande(row, current.historique, []);
  }

  private async move(
    c: Commande,
    to: EtatCommande,
    echec: Echec | undefined,
    action: OperatorAction['action'],
    who: Operator,
  ): Promise<Commande> {
    const detail = { operateur: action, par: who.par, ...(who.motif ? { motif: who.motif } : {}) };
    try {
      return await this.o.writes.claim(c, {
        from: c.etat,
        to,
        ...(echec ? { echec } : {}),
        detail,
      });
    } catch (err) {
      if (err instanceof TransitionConflict) throw incompatible('This commande moved meanwhile');
      throw err;
    }
  }

  /** Drives the commande on, answering within the budget (202 if it is still running). */
  private async drive(c: Commande, takenAt: number, takenOver: boolean): Promise<ActionAnswer> {
    const { done } = this.o.runner.run(c, { takenAt, takenOver });
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<'budget'>(
      (r) => (timer = setTimeout(() => r('budget'), this.o.budgetMs)),
    );
    const first = await Promise.race([done, budget]).finally(() => clearTimeout(timer));
    return { status: first === 'budget' ? 202 : 200, commande: await this.o.queries.get(c.id) };
  }
}
