import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  // Sign-in attempts counted per account (a hash of the username as typed, whether the
  // account exists or not) and per client address, shared by every instance of the service.
  // A count is forgotten once no attempt came for the window (AUTH_LOGIN_WINDOW_S); such
  // rows are purged. blocked_until: no attempt is checked before then (429).
  await db.raw(`
    CREATE TABLE login_throttle (
      scope            text NOT NULL CHECK (scope IN ('account', 'address')),
      key              text NOT NULL CHECK (length(key) BETWEEN 1 AND 128),
      attempts         integer NOT NULL CHECK (attempts >= 0),
      last_attempt_at  timestamptz NOT NULL,
      blocked_until    timestamptz,
      PRIMARY KEY (scope, key)
    )`);
  await db.raw('CREATE INDEX login_throttle_last_attempt ON login_throttle (last_attempt_at)');
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP TABLE login_throttle');
}
