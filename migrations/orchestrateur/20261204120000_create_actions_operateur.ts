import type { Knex } from 'knex';

// What operators did to a commande (resume, cancel): who, when, why, and the état it was
// in. Written in the statement that takes the commande over for that action. Sagas that
// wait for an operator are counted at every scrape: suspended ones get an index of their own.
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    CREATE TABLE actions_operateur (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      commande_id  uuid NOT NULL REFERENCES commandes (id) ON DELETE CASCADE,
      action       text NOT NULL CHECK (action IN ('reprendre', 'annuler')),
      par          text NOT NULL,
      motif        text,
      etat         text NOT NULL,
      at           timestamptz NOT NULL DEFAULT now()
    )`);
  await db.raw('CREATE INDEX actions_operateur_commande ON actions_operateur (commande_id, id)');
  await db.raw(
    'CREATE INDEX commandes_suspendues ON commandes (suspendue_at) WHERE suspendue_at IS NOT NULL',
  );
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP INDEX commandes_suspendues');
  await db.raw('DROP TABLE actions_operateur');
}
