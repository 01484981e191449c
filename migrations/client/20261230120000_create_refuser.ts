import type { Knex } from 'knex';

/**
 * refuser(code) raises an error whose message is a refusal's code (SQLSTATE P0001). A hot
 * command written as one statement calls it when it must not take effect (a balance too
 * low, a line short of stock): the error rolls the whole statement back, its claim
 * included, so the command needs no transaction of its own to open and close.
 */
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    CREATE FUNCTION refuser(code text) RETURNS integer LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = code;
    END
    $$`);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP FUNCTION refuser(text)');
}
