import type { Db } from '../../lib/db.js';
import { execute, selectOne } from '../../lib/sql.js';

export type ThrottleScope = 'account' | 'address';

export interface ThrottleLimits {
  /** Attempts counted before the next one is refused (429) for blockS seconds. */
  maxAttempts: number;
  blockS: number;
  /** A count with no attempt for that long starts again from zero. */
  windowS: number;
}

export interface Reservation {
  /** This attempt's number in the window (while blocked: the count that blocked). */
  attempts: number;
  /** Set while the key is blocked; this attempt is then refused. */
  retry_after_s: number | null;
  /** The block started with this attempt. */
  started: boolean;
}

const ACTIVE_BLOCK = 't.blocked_until > now()';

/**
 * The attempt's number when the key is not blocked: 1 after a quiet window, the last one
 * allowed right after a block (one more failure blocks again), else one more.
 */
const NEXT_ATTEMPT = `CASE
      WHEN t.last_attempt_at <= now() - make_interval(secs => :window) THEN 1
      WHEN t.blocked_until IS NOT NULL THEN :max
      ELSE t.attempts + 1 END`;

/**
 * Counts an attempt before its password is checked, in one statement (the row is locked
 * while it changes): parallel attempts, on one instance or several, each get their own
 * number, and the one past the limit starts the block. While blocked, nothing is counted.
 */
export function reserveAttempt(
  db: Db,
  scope: ThrottleScope,
  key: string,
  limits: ThrottleLimits,
): Promise<Reservation> {
  return selectOne(
    db,
    `INSERT INTO login_throttle AS t (scope, key, attempts, last_attempt_at, blocked_until)
     VALUES (:scope, :key, 1, now(), NULL)
     ON CONFLICT (scope, key) DO UPDATE SET
       attempts = CASE WHEN ${ACTIVE_BLOCK} THEN t.attempts ELSE ${NEXT_ATTEMPT} END,
       last_attempt_at = CASE WHEN ${ACTIVE_BLOCK} THEN t.last_attempt_at ELSE now() END,
       blocked_until = CASE
         WHEN ${ACTIVE_BLOCK} THEN t.blocked_until
         WHEN ${NEXT_ATTEMPT} > :max THEN now() + make_interval(secs => :block) END
     RETURNING attempts,
       CASE WHEN blocked_until > now()
            THEN CAST(CEIL(EXTRACT(EPOCH FROM blocked_until - now())) AS integer) END
         AS retry_after_s,
       COALESCE(blocked_until = now() + make_interval(secs => :block), false) AS started`,
    {
      scope,
      key,
      max: limits.maxAttempts,
      block: limits.blockS,
      window: limits.windowS,
    },
  );
}

/** A successful sign-in: the account's count starts again from zero. */
export async function forgetAttempts(db: Db, scope: ThrottleScope, key: string): Promise<void> {
  await execute(db, `DELETE FROM login_throttle WHERE scope = :scope AND key = :key`, {
    scope,
    key,
  });
}

/** A successful sign-in was no guess: its address gets back the attempt it reserved. */
export async function returnAttempt(db: Db, scope: ThrottleScope, key: string): Promise<void> {
  await execute(
    db,
    `UPDATE login_throttle SET attempts = attempts - 1
      WHERE scope = :scope AND key = :key AND attempts > 0
        AND (blocked_until IS NULL OR blocked_until <= now())`,
    { scope, key },
  );
}

/** Counts nobody needs any more: quiet for the window and not blocked. */
export function purgeAttempts(db: Db, windowS: number): Promise<number> {
  return execute(
    db,
    `DELETE FROM login_throttle
      WHERE last_attempt_at < now() - make_interval(secs => :window)
        AND (blocked_until IS NULL OR blocked_until <= now())`,
    { window: windowS },
  );
}
