import type { JWK } from 'jose';
import type { Db } from '../../lib/db.js';
import { execute, selectFirst, selectOne, selectRows } from '../../lib/sql.js';
import type { SealedJwk, StoredPrivateKey } from './key-crypto.js';

export interface KeyRow {
  kid: string;
  /** Encrypted (key-crypto.ts); a plain JWK if written before; null once the key no longer signs. */
  private_jwk: StoredPrivateKey | null;
  public_jwk: JWK;
  created_at: Date;
  signs_from: Date;
  retired_at: Date | null;
}

const COLUMNS = 'kid, private_jwk, public_jwk, created_at, signs_from, retired_at';

/** Serialises key changes between the instances of the auth service (one transaction). */
export async function lockKeys(db: Db): Promise<void> {
  await db.raw(`SELECT pg_advisory_xact_lock(hashtext('signing_keys'))`);
}

/** The key that signs now: the newest one whose time has come and that is not retired. */
export function findSigner(db: Db): Promise<KeyRow | undefined> {
  return selectFirst(
    db,
    `SELECT ${COLUMNS} FROM signing_keys
      WHERE signs_from <= now() AND (retired_at IS NULL OR retired_at > now())
        AND private_jwk IS NOT NULL
      ORDER BY signs_from DESC, created_at DESC LIMIT 1`,
  );
}

/**
 * Keys a verifier may meet: every key not retired (one that signs, one about to), and a
 * retired one until the last token it signed has expired (retirement + TTL + margin).
 */
export function listPublished(db: Db, keepSeconds: number): Promise<KeyRow[]> {
  return selectRows(
    db,
    `SELECT ${COLUMNS} FROM signing_keys
      WHERE retired_at IS NULL OR retired_at > now() - make_interval(secs => :keep)
      ORDER BY signs_from, kid`,
    { keep: keepSeconds },
  );
}

/** A new key that starts signing `delaySeconds` from now. */
export function insertKey(
  db: Db,
  key: { kid: string; privateJwk: SealedJwk; publicJwk: JWK },
  delaySeconds: number,
): Promise<KeyRow> {
  return selectOne(
    db,
    `INSERT INTO signing_keys (kid, private_jwk, public_jwk, signs_from)
     VALUES (:kid, CAST(:priv AS jsonb), CAST(:pub AS jsonb), now() + make_interval(secs => :delay))
     RETURNING ${COLUMNS}`,
    {
      kid: key.kid,
      priv: JSON.stringify(key.privateJwk),
      pub: JSON.stringify(key.publicJwk),
      delay: delaySeconds,
    },
  );
}

/** Every other key not yet retired stops signing when the new one starts. */
export async function retireOthers(db: Db, kid: string): Promise<void> {
  await execute(
    db,
    `UPDATE signing_keys k
        SET retired_at = GREATEST(k.signs_from, n.signs_from)
       FROM signing_keys n
      WHERE n.kid = :kid AND k.kid <> :kid AND k.retired_at IS NULL`,
    { kid },
  );
}

/** A key that no longer signs needs no private half: erase it. */
export async function forgetRetiredPrivateKeys(db: Db): Promise<void> {
  await execute(
    db,
    `UPDATE signing_keys SET private_jwk = NULL
      WHERE private_jwk IS NOT NULL AND retired_at IS NOT NULL AND retired_at <= now()`,
  );
}

/** Every private half still kept (to re-encrypt them under the current key). */
export function listPrivateKeys(db: Db): Promise<{ kid: string; private_jwk: StoredPrivateKey }[]> {
  return selectRows(
    db,
    `SELECT kid, private_jwk FROM signing_keys WHERE private_jwk IS NOT NULL ORDER BY kid`,
  );
}

/** Replaces a private half by the same key sealed again (under the current encryption key). */
export async function replacePrivateKey(db: Db, kid: string, sealed: SealedJwk): Promise<void> {
  await execute(
    db,
    `UPDATE signing_keys SET private_jwk = CAST(:sealed AS jsonb)
      WHERE kid = :kid AND private_jwk IS NOT NULL`,
    { kid, sealed: JSON.stringify(sealed) },
  );
}
