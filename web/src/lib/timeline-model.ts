import { isActionKind } from './action-labels.js';
import type { ActionKind } from './api-types.js';
import type { EtatCommande } from './saga-table.js';

/** One entry of a saga's history, whichever saga (a commande's, a sign-up's). */
export interface HistoryEntry<E extends string> {
  etat: E;
  at: string;
  detail: Readonly<Record<string, unknown>>;
}

export interface CompensationRun {
  compensation: string;
  tentatives: number;
}

/** One état of the timeline with what the saga recorded about reaching it. */
export interface TimelineStep<E extends string = EtatCommande> {
  etat: E;
  at: string;
  /** Since the previous état (null for the first). */
  sinceMs: number | null;
  etape?: string;
  tentatives?: number;
  code?: string;
  status?: number | null;
  /** ANNULEE: the compensations that ran, in order. */
  compensations?: CompensationRun[];
  /** COMPENSATION_ECHOUEE: the one that kept failing, and those done before it. */
  compensationEchouee?: CompensationRun & {
    code: string;
    message: string;
    faites: CompensationRun[];
  };
  /** Recorded by an older orchestrator when an operator resumed. */
  reprise?: string;
  /** The transition an operator's action made: who (not told to a client) and why. */
  operateur?: { action: ActionKind; par?: string; motif?: string };
  montantCents?: number;
  venteId?: number;
  lignes?: number;
  totalCents?: number;
  /** The client record a step created (the sign-up's). */
  clientId?: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

function runs(v: unknown): CompensationRun[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.flatMap((item: unknown) => {
    const r = item as { compensation?: unknown; tentatives?: unknown } | null;
    const compensation = str(r?.compensation);
    return compensation ? [{ compensation, tentatives: num(r?.tentatives) ?? 1 }] : [];
  });
}

/** Keeps only what is there: an older or newer orchestrator may record more or less. */
type StepFacts = Omit<TimelineStep, 'etat' | 'at' | 'sinceMs'>;

function fromDetail(d: Readonly<Record<string, unknown>>): StepFacts {
  const step: StepFacts = {};
  const set = <K extends keyof typeof step>(key: K, value: (typeof step)[K] | undefined): void => {
    if (value !== undefined) step[key] = value;
  };
  set('etape', str(d.etape));
  set('tentatives', num(d.tentatives));
  set('code', str(d.code));
  if (d.status === null || typeof d.status === 'number') step.status = d.status;
  set('compensations', runs(d.compensations));
  const failed = str(d.compensation);
  if (failed) {
    step.compensationEchouee = {
      compensation: failed,
      tentatives: num(d.tentatives) ?? 1,
      code: str(d.code) ?? '',
      message: str(d.message) ?? '',
      faites: runs(d.faites) ?? [],
    };
  }
  set('reprise', str(d.reprise));
  if (isActionKind(d.operateur)) {
    const par = str(d.par);
    const motif = str(d.motif);
    step.operateur = { action: d.operateur, ...(par && { par }), ...(motif && { motif }) };
  }
  set('montantCents', num(d.montant_cents));
  set('venteId', num(d.vente_id));
  set('lignes', num(d.lignes));
  set('totalCents', num(d.total_cents));
  set('clientId', num(d.client_id));
  return step;
}

export function timelineOf<E extends string>(
  historique: readonly HistoryEntry<E>[],
): TimelineStep<E>[] {
  return historique.map((h, i) => {
    const previous = historique[i - 1];
    const sinceMs = previous ? Date.parse(h.at) - Date.parse(previous.at) : null;
    return { etat: h.etat, at: h.at, sinceMs, ...fromDetail(h.detail) };
  });
}

/** First état to last: how long the saga has run (so far). */
export function totalDurationMs(historique: readonly HistoryEntry<string>[]): number | null {
  const first = historique[0];
  const last = historique[historique.length - 1];
  return first && last ? Date.parse(last.at) - Date.parse(first.at) : null;
}
