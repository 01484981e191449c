import type { Knex } from 'knex';

const ETATS = [
  'INITIEE',
  'PANIER_RECUPERE',
  'STOCK_RESERVE',
  'PAIEMENT_EFFECTUE',
  'COMMANDE_ENREGISTREE',
  'CONFIRMEE',
  'ECHEC_PANIER',
  'ECHEC_STOCK',
  'ECHEC_PAIEMENT',
  'ECHEC_ENREGISTREMENT',
  'COMPENSATION_ECHOUEE',
  'ANNULEE',
];
const etatList = ETATS.map((e) => `'${e}'`).join(', ');

export async function up(db: Knex): Promise<void> {
  await db.raw(`
    CREATE TABLE commandes (
      id               uuid PRIMARY KEY,
      client_id        integer NOT NULL CHECK (client_id > 0),
      magasin_id       integer NOT NULL CHECK (magasin_id > 0),
      etat_actuel      text NOT NULL CHECK (etat_actuel IN (${etatList})),
      total_cents      bigint CHECK (total_cents >= 0),
      lignes           jsonb,
      echec_etape      text,
      echec_code       text,
      echec_message    text,
      echec_type       text CHECK (echec_type IN ('METIER', 'TECHNIQUE')),
      idempotency_key  text UNIQUE,
      request_hash     text NOT NULL,
      version          integer NOT NULL DEFAULT 1,
      lease_owner      text,
      lease_until      timestamptz,
      created_at       timestamptz NOT NULL DEFAULT now(),
      updated_at       timestamptz NOT NULL DEFAULT now()
    )`);
  // The recovery worker's scan: unfinished sagas whose lease ran out, oldest first.
  await db.raw(`
    CREATE INDEX commandes_a_reprendre ON commandes (lease_until)
      WHERE etat_actuel NOT IN ('CONFIRMEE', 'ANNULEE', 'COMPENSATION_ECHOUEE')`);
  await db.raw('CREATE INDEX commandes_recentes ON commandes (created_at DESC, id DESC)');
  await db.raw('CREATE INDEX commandes_par_client ON commandes (client_id, created_at DESC)');
  await db.raw('CREATE INDEX commandes_par_etat ON commandes (etat_actuel, created_at DESC)');
  await db.raw(`
    CREATE TABLE etat_saga (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      commande_id  uuid NOT NULL REFERENCES commandes (id) ON DELETE CASCADE,
      etat         text NOT NULL CHECK (etat IN (${etatList})),
      version      integer NOT NULL,
      at           timestamptz NOT NULL,
      detail       jsonb NOT NULL DEFAULT '{}'::jsonb,
      -- one row per version: a transition can never be recorded twice
      UNIQUE (commande_id, version)
    )`);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP TABLE etat_saga');
  await db.raw('DROP TABLE commandes');
}
