import type { CallSpec } from './participant-calls.js';

/**
 * The sign-up saga's participant calls, each declared once, as the saga contract's
 * "sign-up saga" section describes them (docs/saga-contract.md). The same form as the
 * checkout's record (participant-calls.ts); the saga's id travels as `inscription_id`, and
 * each POST carries `Idempotency-Key: <inscription_id>:<step>`.
 */
const NONE = [] as const;

export const INSCRIPTION_CALLS = {
  creer_identifiants: {
    service: 'auth',
    method: 'POST',
    path: '/api/auth/inscriptions',
    body: ['username', 'password', 'adresse'],
    ok: [200, 201],
    answer: { kind: 'etat', etat: 'EN_ATTENTE' },
    refusals: [
      { status: 409, codes: ['COMPTE_EXISTANT', 'INSCRIPTION_ANNULEE'] },
      { status: 422, codes: ['MOT_DE_PASSE_REFUSE'] },
      { status: 429, codes: ['TROP_DE_TENTATIVES'] },
    ],
    compensation: 'supprimer_identifiants',
    label: 'Réservation des identifiants',
  },
  supprimer_identifiants: {
    service: 'auth',
    method: 'POST',
    path: '/api/auth/inscriptions/:inscription_id/annuler',
    body: [],
    ok: [200],
    answer: { kind: 'etat', etat: 'ANNULEE' },
    refusals: NONE,
    label: 'Suppression des identifiants',
  },
  creer_client: {
    service: 'client',
    method: 'POST',
    path: '/api/clients/inscriptions',
    body: ['nom', 'email'],
    ok: [200, 201],
    answer: { kind: 'etat', etat: 'CREE' },
    refusals: [{ status: 409, codes: ['COMPTE_EXISTANT', 'INSCRIPTION_ANNULEE'] }],
    compensation: 'supprimer_client',
    label: 'Création du compte client',
  },
  supprimer_client: {
    service: 'client',
    method: 'POST',
    path: '/api/clients/inscriptions/:inscription_id/annuler',
    body: [],
    ok: [200],
    answer: { kind: 'etat', etat: 'ANNULEE' },
    refusals: NONE,
    label: 'Suppression du compte client',
  },
  activer_identifiants: {
    service: 'auth',
    method: 'POST',
    path: '/api/auth/inscriptions/:inscription_id/activer',
    body: ['client_id'],
    ok: [200],
    answer: { kind: 'etat', etat: 'ACTIVE', echo: ['client_id'] },
    refusals: [
      { status: 409, codes: ['INSCRIPTION_ANNULEE'] },
      { status: 404, codes: ['INSCRIPTION_INCONNUE'] },
    ],
    label: 'Activation des identifiants',
  },
} as const satisfies Record<string, CallSpec>;

export type InscriptionCallName = keyof typeof INSCRIPTION_CALLS;
export type InscriptionService = (typeof INSCRIPTION_CALLS)[InscriptionCallName]['service'];

/** The services the sign-up calls. */
export const inscriptionServices = (): InscriptionService[] => [
  ...new Set(Object.values(INSCRIPTION_CALLS).map((c) => c.service)),
];
