import type { Logger } from '../../lib/logger.js';
import type { Outcome, StepError, Transition } from '../../saga/index.js';
import type { Inscription, InscriptionData } from '../inscription/inscription.js';
import { type EtatInscription, ROLES_INSCRIPTION } from '../inscription/transitions.js';
import type { InscriptionMetrics } from '../inscription-metrics.js';
import type { RunnerObserver } from './saga-runner.js';

/** What the sign-up saga does, as metrics and log lines. */
export class InscriptionObserver implements RunnerObserver<Inscription> {
  constructor(
    private readonly metrics: InscriptionMetrics,
    private readonly logger: Logger,
  ) {}

  step(step: string, outcome: Outcome, _seconds: number, attempt: number, err?: StepError): void {
    this.metrics.steps.inc({ step, outcome });
    if (err)
      this.logger.warn('step failed', {
        step,
        outcome,
        attempt,
        code: err.code,
        error: err.message,
      });
  }

  compensation(compensation: string, outcome: Outcome, attempt: number, err?: StepError): void {
    this.metrics.compensations.inc({ compensation, outcome });
    if (err) {
      const fields = { compensation, outcome, attempt, code: err.code, error: err.message };
      this.logger.warn('compensation failed', fields);
    }
  }

  committed(state: Inscription, t: Transition<EtatInscription, InscriptionData>, created: boolean) {
    if (created) this.metrics.etatTotal.inc({ etat: t.from });
    this.metrics.etatTotal.inc({ etat: t.to });
    this.logger.debug('transition', { from: t.from, to: t.to, detail: t.detail });
    if (t.to === ROLES_INSCRIPTION.parked) {
      this.logger.error('sign-up compensation failed past its budget: operator action needed', {
        inscriptionId: state.id,
        username: state.data.username,
        echec: state.echec,
        detail: t.detail,
      });
    }
  }

  suspended(state: Inscription): void {
    this.metrics.suspended.inc();
    this.logger.error('sign-up suspended: a step kept failing past its budget', {
      inscriptionId: state.id,
      etat: state.etat,
      suspension: state.suspension,
    });
  }

  running(_n: number): void {}

  recovered(row: { id: string; etat_actuel: string; previous_owner: string | null }): void {
    this.metrics.recovered.inc();
    this.logger.info('recovering abandoned sign-up', {
      inscriptionId: row.id,
      etat: row.etat_actuel,
      previousOwner: row.previous_owner,
    });
  }
}
