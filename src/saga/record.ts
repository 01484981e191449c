import type { SagaState } from './types.js';

/** Why a saga stopped to wait for an operator although it is not finished. */
export interface Suspension {
  etape: string;
  code: string;
  message: string;
  tentatives: number;
  at: string;
}

/** One état a saga reached, when, and what the step said about it. */
export interface HistoryEntry<E extends string> {
  etat: E;
  at: Date;
  detail: Readonly<Record<string, unknown>>;
}

/** The saga definition a saga started under: readable name and shape fingerprint. */
export interface DefinitionRef {
  nom: string;
  version: string;
}

/** The request a saga answers, kept until the saga is first written. */
export interface Origin {
  idempotencyKey: string | null;
  requestHash: string;
  /** performance.now() when the request arrived. */
  startedAt: number;
}

/**
 * A saga as an orchestrator keeps it: where it stands and what it carries (SagaState),
 * the definition that drives it to its end, its version (0 until first written), its
 * history and, while it waits for an operator in a forward état, why.
 */
export interface SagaRecord<E extends string, D> extends SagaState<E, D> {
  readonly definition: DefinitionRef;
  /** Set only on a new saga not written yet (version 0): its first write inserts it. */
  readonly origin?: Origin;
  /** The W3C traceparent of the request that created it, once written (null: not traced). */
  readonly traceParent?: string | null;
  readonly suspension: Suspension | null;
  readonly version: number;
  readonly created_at: Date;
  readonly updated_at: Date;
  /** Oldest first. Complete when read from the database or started here. */
  readonly historique: readonly HistoryEntry<E>[];
}
