/** The end of a chaos run: recovery finishes every saga; an operator resumes the rest. */
import type { Knex } from 'knex';
import type { Tokens } from './identity.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Commandes, and the sagas of the generic table (sign-ups), that match. */
const count = async (db: Knex, where: string): Promise<number> =>
  (
    await db.raw<{ rows: { n: number }[] }>(
      `SELECT ((SELECT count(*) FROM commandes WHERE ${where})
            + (SELECT count(*) FROM sagas WHERE ${where}) )::int AS n`,
    )
  ).rows[0]?.n ?? -1;

/** Sagas recovery must still drive: not finished, not waiting for an operator. */
const MOVING = `etat_actuel NOT IN ('CONFIRMEE', 'ANNULEE', 'COMPENSATION_ECHOUEE') AND suspendue_at IS NULL`;
const WAITING = `etat_actuel = 'COMPENSATION_ECHOUEE' OR suspendue_at IS NOT NULL`;

/** Waits until no saga moves any more (the database may still be coming back). */
export async function settle(db: Knex, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const moving = await count(db, MOVING).catch(() => -1);
    if (moving === 0) return;
    if (Date.now() > until)
      throw new Error(`${moving} sagas still unfinished after ${timeoutMs} ms`);
    await sleep(500);
  }
}

/** The waiting sagas, each with the path of its `reprendre`. */
const WAITING_SQL = `SELECT '/api/commande/' || id || '/reprendre' AS path FROM commandes WHERE ${WAITING}
   UNION ALL
   SELECT '/api/inscriptions/' || id || '/reprendre' FROM sagas WHERE nom = 'inscription' AND (${WAITING})`;

/** `reprendre` on every saga (commande or sign-up) waiting for an operator, until none is left. */
export async function resumeWaiting(
  db: Knex,
  orchestrateurs: readonly string[],
  tokens: Tokens,
): Promise<number> {
  let resumed = 0;
  for (let round = 0; round < 10; round += 1) {
    const { rows } = await db.raw<{ rows: { path: string }[] }>(WAITING_SQL);
    if (rows.length === 0) return resumed;
    for (const { path } of rows) {
      const res = await fetch(`${orchestrateurs[round % orchestrateurs.length]}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokens.operateur()}` },
      }).catch(() => undefined);
      if (res?.ok) resumed += 1;
    }
    await settle(db, 60_000);
  }
  return resumed;
}
