/**
 * The sign-up's invariants after a chaos run, read from the orchestrator's, the auth
 * service's and the client service's databases: every sign-up ended; credentials and client
 * records pair up (none without the other, none pending); a confirmed sign-up has both,
 * naming each other, and a cancelled one neither.
 */
import type { Knex } from 'knex';
import type { Check } from './books.js';

const rows = async <T>(db: Knex, sql: string): Promise<T[]> =>
  (await db.raw<{ rows: T[] }>(sql)).rows;

const check = (name: string, problems: string[], ok: string): Check => ({
  name,
  pass: problems.length === 0,
  detail: problems.length === 0 ? ok : problems.slice(0, 5).join('; '),
});

export async function checkSignups(dbs: Record<'orchestrateur' | 'auth' | 'client', Knex>) {
  const sagas = await rows<{
    id: string;
    etat: string;
    client_id: string | null;
    suspendue: boolean;
  }>(
    dbs.orchestrateur,
    `SELECT id, etat_actuel AS etat, data->>'client_id' AS client_id,
            suspendue_at IS NOT NULL AS suspendue
       FROM sagas WHERE nom = 'inscription'`,
  );
  const accounts = await rows<{ inscription_id: string; client_id: number | null }>(
    dbs.auth,
    'SELECT inscription_id, client_id FROM accounts WHERE inscription_id IS NOT NULL',
  );
  const clients = await rows<{ id: number; inscription_id: string }>(
    dbs.client,
    'SELECT id, inscription_id FROM clients WHERE inscription_id IS NOT NULL',
  );
  const account = new Map(accounts.map((a) => [a.inscription_id, a.client_id]));
  const client = new Map(clients.map((c) => [c.inscription_id, c.id]));
  const ids = new Set([...account.keys(), ...client.keys()]);
  const unpaired = [...ids]
    .filter((id) => account.get(id) === undefined || account.get(id) !== client.get(id))
    .map(
      (id) =>
        `${id}: credentials → ${account.get(id) ?? 'none'}, client ${client.get(id) ?? 'none'}`,
    );
  const wrong = sagas.flatMap((s) => {
    const has = account.has(s.id) || client.has(s.id);
    if (s.etat === 'ANNULEE' && has) return [`${s.id} cancelled, account left`];
    if (s.etat !== 'CONFIRMEE') return [];
    const sameClient =
      client.get(s.id) === Number(s.client_id) && account.get(s.id) === Number(s.client_id);
    return sameClient ? [] : [`${s.id} confirmed for client ${s.client_id}, accounts disagree`];
  });
  const confirmed = sagas.filter((s) => s.etat === 'CONFIRMEE').length;
  return [
    check(
      'every sign-up ended CONFIRMEE or ANNULEE',
      sagas
        .filter((s) => !['CONFIRMEE', 'ANNULEE'].includes(s.etat) || s.suspendue)
        .map((s) => `${s.id} ${s.etat}`),
      `${sagas.length} sign-ups`,
    ),
    check(
      'no credentials without a client record, nor the reverse, none pending',
      unpaired,
      `${accounts.length} accounts`,
    ),
    check(
      'a confirmed sign-up has both, naming each other; a cancelled one neither',
      wrong,
      `${confirmed} confirmed`,
    ),
  ];
}
