import type { Knex } from 'knex';

// What operators did to a saga of the generic table (resume, cancel): who, when, why, and
// the état it was in; written in the statement that takes the saga over for that action,
// as actions_operateur is for commandes. Suspended sagas get the index the waiting gauges
// and the console's filters read.
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    CREATE TABLE sagas_actions (
      id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      saga_id  uuid NOT NULL REFERENCES sagas (id) ON DELETE CASCADE,
      action   text NOT NULL CHECK (action IN ('reprendre', 'annuler')),
      par      text NOT NULL,
      motif    text,
      etat     text NOT NULL,
      at       timestamptz NOT NULL DEFAULT now()
    )`);
  await db.raw('CREATE INDEX sagas_actions_saga ON sagas_actions (saga_id, id)');
  await db.raw(
    'CREATE INDEX sagas_suspendues ON sagas (nom, suspendue_at) WHERE suspendue_at IS NOT NULL',
  );
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP INDEX sagas_suspendues');
  await db.raw('DROP TABLE sagas_actions');
}
