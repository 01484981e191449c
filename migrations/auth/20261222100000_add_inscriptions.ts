import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  // A sign-up reserves its credentials before its client record exists (the sign-up saga):
  // such an account is EN_ATTENTE, names its inscription and no client, and cannot sign in;
  // activation names the client and makes it ACTIVE. Accounts made otherwise (seeds, the
  // first operator) are ACTIVE from the start and name no inscription.
  await db.raw(`
    ALTER TABLE accounts
      ADD COLUMN inscription_id uuid UNIQUE,
      ADD COLUMN etat text NOT NULL DEFAULT 'ACTIVE' CHECK (etat IN ('EN_ATTENTE', 'ACTIVE'))`);
  // Was: a client account names a client. Now only once active; a pending one is a
  // client account of an inscription, naming none yet.
  await db.raw('ALTER TABLE accounts DROP CONSTRAINT accounts_check');
  await db.raw(`
    ALTER TABLE accounts
      ADD CONSTRAINT accounts_client_actif_check
        CHECK ((role = 'client' AND etat = 'ACTIVE') = (client_id IS NOT NULL)),
      ADD CONSTRAINT accounts_en_attente_check
        CHECK (etat = 'ACTIVE' OR (role = 'client' AND inscription_id IS NOT NULL))`);
  // The compensation's tombstones: an inscription cancelled here (its pending account
  // deleted, or never made). A reservation or an activation that arrives later is refused.
  await db.raw(`
    CREATE TABLE inscriptions_annulees (
      inscription_id  uuid PRIMARY KEY,
      annulee_at      timestamptz NOT NULL DEFAULT now()
    )`);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP TABLE inscriptions_annulees');
  await db.raw('DELETE FROM accounts WHERE etat <> :active', { active: 'ACTIVE' });
  await db.raw(`
    ALTER TABLE accounts
      DROP CONSTRAINT accounts_en_attente_check,
      DROP CONSTRAINT accounts_client_actif_check,
      ADD CONSTRAINT accounts_check CHECK ((role = 'client') = (client_id IS NOT NULL)),
      DROP COLUMN etat,
      DROP COLUMN inscription_id`);
}
