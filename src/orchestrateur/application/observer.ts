import type { RequestHandler } from 'express';
import type { Logger } from '../../lib/logger.js';
import { linkTo, recordFailure, SpanKind, SpanStatusCode, tracerOf } from '../../lib/tracing.js';
import { type AttemptStart, type Outcome, type SagaObserver, StepError } from '../../saga/index.js';
import type { Commande } from '../checkout/commande.js';
import { ROLES } from '../checkout/transitions.js';
import type { CheckoutTransition } from '../data/commande-writes.js';
import type { AbandonedRow } from '../data/commandes-repo.js';
import type { SagaMetrics } from '../metrics.js';

/**
 * The one place where what the orchestrator does becomes metrics and log lines: the
 * engine's steps and compensations, committed transitions, checkout answers, recoveries.
 */
/** How an attempt ended, in a span's words. */
const outcomeOf = (err: unknown): [string, string | undefined] => {
  const kind = err instanceof StepError ? err.kind : 'transient';
  return kind === 'business' ? ['refusal', kind] : ['technical_failure', kind];
};

/** The orchestrator's spans are made with the tracer of the service started as such. */
const tracer = () => tracerOf('orchestrateur');

export class CheckoutObserver implements SagaObserver {
  constructor(
    private readonly metrics: SagaMetrics,
    private readonly logger: Logger,
  ) {}

  step(step: string, outcome: Outcome, seconds: number, attempt: number, err?: StepError): void {
    this.metrics.stepDuration.observe({ step, outcome }, seconds);
    if (err) this.failed('step', { step, outcome, attempt }, err);
  }

  compensation(compensation: string, outcome: Outcome, attempt: number, err?: StepError): void {
    this.metrics.compensations.inc({ compensation, outcome });
    if (err) this.failed('compensation', { compensation, outcome, attempt }, err);
  }

  /**
   * A span per attempt of a step or a compensation, current while it runs: the participant
   * call it makes is its child. Attributes: commande, états from and to, attempt, outcome.
   */
  attempt<T>(a: AttemptStart, run: () => Promise<T>): Promise<T> {
    const t = tracer();
    if (t === undefined) return run();
    const attributes = {
      'commande.id': a.sagaId,
      'saga.etat.from': a.from,
      'saga.attempt': a.attempt,
    };
    return t.startActiveSpan(`${a.kind} ${a.name}`, { attributes }, async (span) => {
      try {
        const result = await run();
        span.setAttributes({ 'saga.outcome': 'success', 'saga.etat.to': a.to.success });
        return result;
      } catch (err) {
        const [outcome, kind] = outcomeOf(err);
        span.setAttributes({ 'saga.outcome': outcome, 'saga.etat.to': a.to.failure });
        if (kind !== undefined) span.setAttribute('saga.failure.kind', kind);
        if (outcome === 'refusal') span.setStatus({ code: SpanStatusCode.UNSET });
        else recordFailure(span, err);
        throw err;
      } finally {
        span.end();
      }
    });
  }

  /**
   * A saga taken over from another instance runs in a trace of its own, linked to the one
   * it started in (its `trace_parent`, stored at creation).
   */
  recovering(row: AbandonedRow, run: () => { done: Promise<unknown> }): void {
    const t = tracer();
    if (t === undefined) {
      void run();
      return;
    }
    const links = linkTo(row.trace_parent, { 'saga.link': 'started_in' });
    const attributes = { 'commande.id': row.id, 'saga.etat.from': row.etat_actuel };
    t.startActiveSpan(
      'saga recovery',
      { kind: SpanKind.INTERNAL, root: true, links, attributes },
      (span) => {
        if (row.previous_owner) span.setAttribute('saga.previous_owner', row.previous_owner);
        try {
          run();
        } finally {
          span.end();
        }
      },
    );
  }

  private failed(what: string, fields: Record<string, unknown>, err: StepError): void {
    this.logger.warn(`${what} failed`, { ...fields, code: err.code, error: err.message });
  }

  /**
   * A transition is durable: count it (and the état the commande was created in, when this
   * was its first write), time the saga if it ended, alert if it is parked.
   */
  committed(state: Commande, t: CheckoutTransition, created: boolean): void {
    if (created) this.metrics.etatTotal.inc({ etat: t.from });
    this.metrics.etatTotal.inc({ etat: t.to });
    this.logger.debug('transition', { from: t.from, to: t.to, detail: t.detail });
    if (t.to === ROLES.confirmed || t.to === ROLES.cancelled) {
      const seconds = (state.updated_at.getTime() - state.created_at.getTime()) / 1000;
      this.metrics.sagaDuration.observe({ etat_final: t.to }, seconds);
    } else if (t.to === ROLES.parked) {
      this.metrics.compensationEchouee.inc();
      this.logger.error('compensation failed past its budget: operator action needed', {
        etat: t.to,
        from: t.from,
        client_id: state.data.client_id,
        magasin_id: state.data.magasin_id,
        total_cents: state.data.total_cents,
        echec: state.echec,
        detail: t.detail,
        resume: `POST /api/commande/${state.id}/reprendre`,
      });
    }
  }

  /** A step that may not give up kept failing: the saga waits for an operator. */
  suspended(state: Commande): void {
    this.metrics.suspended.inc();
    this.logger.error(
      'saga suspended: a step kept failing past its budget; operator action needed',
      {
        etat: state.etat,
        client_id: state.data.client_id,
        total_cents: state.data.total_cents,
        suspension: state.suspension,
        resume: `POST /api/commande/${state.id}/reprendre`,
      },
    );
  }

  running(n: number): void {
    this.metrics.inProgress.set(n);
  }

  recovered(row: AbandonedRow): void {
    this.metrics.recovered.inc();
    this.metrics.recoveryLag.observe(row.lag_seconds);
    this.logger.info('recovering abandoned saga', {
      commandeId: row.id,
      etat: row.etat_actuel,
      previousOwner: row.previous_owner,
      lagSeconds: row.lag_seconds,
    });
  }

  overloaded(): void {
    this.metrics.overload.inc();
  }

  /** Middleware: counts every checkout answer by HTTP status. */
  readonly checkoutAnswers: RequestHandler = (_req, res, next) => {
    res.on('finish', () => this.metrics.checkouts.inc({ status: String(res.statusCode) }));
    next();
  };
}
