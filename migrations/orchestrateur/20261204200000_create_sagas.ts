import type { Knex } from 'knex';

// Sagas other than the checkout (the sign-up today), in one table for them all: which
// saga (`nom`) and version drove it, its état, its data as JSON, its lease. A new kind of
// saga needs no table and no data-access code of its own. The checkout keeps `commandes`,
// whose columns its hot statement writes directly. `au_repos`: terminal or waiting for an
// operator (each saga's table says which états are), so recovery's scan needs no list.
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    CREATE TABLE sagas (
      id                  uuid PRIMARY KEY,
      nom                 text NOT NULL CHECK (nom ~ '^[a-z_]{1,40}$'),
      definition_version  text NOT NULL,
      etat_actuel         text NOT NULL CHECK (etat_actuel ~ '^[A-Z_]{1,60}$'),
      au_repos            boolean NOT NULL DEFAULT false,
      data                jsonb NOT NULL,
      echec               jsonb,
      idempotency_key     text,
      request_hash        text NOT NULL,
      version             integer NOT NULL CHECK (version > 0),
      lease_owner         text,
      lease_until         timestamptz,
      suspendue_at        timestamptz,
      suspension          jsonb,
      trace_parent        text,
      created_at          timestamptz NOT NULL DEFAULT now(),
      updated_at          timestamptz NOT NULL DEFAULT now(),
      UNIQUE (nom, idempotency_key)
    )`);
  await db.raw(`
    CREATE INDEX sagas_a_reprendre ON sagas (nom, lease_until)
      WHERE NOT au_repos AND suspendue_at IS NULL`);
  await db.raw('CREATE INDEX sagas_recentes ON sagas (nom, created_at DESC, id DESC)');
  await db.raw(`
    CREATE TABLE sagas_historique (
      id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      saga_id  uuid NOT NULL REFERENCES sagas (id) ON DELETE CASCADE,
      etat     text NOT NULL,
      version  integer NOT NULL,
      at       timestamptz NOT NULL,
      detail   jsonb NOT NULL DEFAULT '{}'::jsonb,
      -- one row per version: a transition can never be recorded twice
      UNIQUE (saga_id, version)
    )`);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP TABLE sagas_historique');
  await db.raw('DROP TABLE sagas');
}
