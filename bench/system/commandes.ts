/** What became of the sagas, read from the orchestrator's database. */
import type { Knex } from 'knex';

const TERMINAL = ['CONFIRMEE', 'ANNULEE', 'COMPENSATION_ECHOUEE'];
const DRAIN_TIMEOUT_MS = 30_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function unfinished(orch: Knex): Promise<number> {
  const { rows } = await orch.raw<{ rows: { n: number }[] }>(
    'SELECT count(*)::int AS n FROM commandes WHERE NOT (etat_actuel = ANY (:terminal))',
    { terminal: TERMINAL },
  );
  return rows[0]?.n ?? 0;
}

/** Waits for every saga to end, so one level's leftovers do not load the next one. */
export async function drain(orch: Knex, say: (m: string) => void): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while ((await unfinished(orch)) > 0) {
    if (Date.now() > deadline) {
      say(`  sagas still unfinished after ${DRAIN_TIMEOUT_MS} ms`);
      return;
    }
    await sleep(100);
  }
}

/** How the commandes created since `since` ended, e.g. `CONFIRMEE 812, ANNULEE/X 2`. */
export async function outcomes(orch: Knex, since: Date): Promise<string> {
  const { rows } = await orch.raw<{ rows: { etat: string; code: string | null; n: number }[] }>(
    `SELECT etat_actuel AS etat, echec_code AS code, count(*)::int AS n FROM commandes
      WHERE created_at >= :since GROUP BY 1, 2 ORDER BY 3 DESC`,
    { since },
  );
  return rows.map((r) => `${r.etat}${r.code ? `/${r.code}` : ''} ${r.n}`).join(', ') || 'none';
}
