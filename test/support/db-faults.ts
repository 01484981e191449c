import type { Knex } from 'knex';

let rules = 0;

/**
 * What the refused write does: moves the commande to an état, hands its lease back, or
 * renews it (the lease moves on, the état stays).
 */
export type Write = { to: string } | { handBack: true } | { renewal: true };

function condition(w: Write): string {
  if ('to' in w) return `NEW.etat_actuel = '${w.to}'`;
  if ('handBack' in w) return 'NEW.lease_owner IS NULL';
  return 'NEW.etat_actuel = OLD.etat_actuel AND NEW.lease_owner IS NOT NULL';
}

/**
 * Makes PostgreSQL refuse one kind of write to one client's commande, the first `times`
 * times (a sequence counts them: it is not rolled back with the failure), after `sleepMs`
 * (a slow failure). Stands for any write the database refuses: a lost connection, a bad
 * value, a crash.
 */
export async function failWrite(
  db: Knex,
  rule: { clientId: number; times: number; sleepMs?: number } & Write,
): Promise<void> {
  rules += 1;
  const name = `fault_${process.pid}_${rules}`;
  await db.raw(`CREATE SEQUENCE ${name}`);
  await db.raw(`
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.client_id = ${rule.clientId} AND ${condition(rule)}
         AND nextval('${name}') <= ${rule.times} THEN
        PERFORM pg_sleep(${(rule.sleepMs ?? 0) / 1000});
        RAISE EXCEPTION 'injected fault on commande %', NEW.id;
      END IF;
      RETURN NEW;
    END $$`);
  await db.raw(
    `CREATE TRIGGER ${name} BEFORE UPDATE ON commandes FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
}
