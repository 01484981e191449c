import type { Knex } from 'knex';

let rules = 0;

/** What the refused write does: moves the commande to an état, or hands its lease back. */
export type Write = { to: string } | { handBack: true };

const condition = (w: Write): string =>
  'to' in w ? `NEW.etat_actuel = '${w.to}'` : 'NEW.lease_owner IS NULL';

/**
 * Makes PostgreSQL refuse one kind of write to one client's commande, the first `times`
 * times (a sequence counts them: it is not rolled back with the failure). Stands for any
 * write the database refuses: a lost connection, a bad value, a crash.
 */
export async function failWrite(
  db: Knex,
  rule: { clientId: number; times: number } & Write,
): Promise<void> {
  rules += 1;
  const name = `fault_${process.pid}_${rules}`;
  await db.raw(`CREATE SEQUENCE ${name}`);
  await db.raw(`
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.client_id = ${rule.clientId} AND ${condition(rule)}
         AND nextval('${name}') <= ${rule.times} THEN
        RAISE EXCEPTION 'injected fault on commande %', NEW.id;
      END IF;
      RETURN NEW;
    END $$`);
  await db.raw(
    `CREATE TRIGGER ${name} BEFORE UPDATE ON commandes FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
}
