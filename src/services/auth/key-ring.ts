import {
  type CryptoKey,
  calculateJwkThumbprint,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import type { Knex } from 'knex';
import type { KeyCipher, SealedJwk } from './key-crypto.js';
import {
  findSigner,
  forgetRetiredPrivateKeys,
  insertKey,
  type KeyRow,
  listPrivateKeys,
  listPublished,
  lockKeys,
  replacePrivateKey,
  retireOthers,
} from './keys-repo.js';

export const ALG = 'ES256';

/** Clock skew and requests in flight: a retired key stays published this much longer. */
const PUBLISH_MARGIN_S = 60;

export interface KeyRingOptions {
  /** How long a token lives: a retired key stays published that long after it stopped signing. */
  tokenTtlS: number;
  /** How long a new key is published before it signs (longer than any verifier's JWKS cooldown). */
  activationDelayS: number;
  /** Encrypts the private halves the database keeps (AUTH_KEY_ENCRYPTION_KEY). */
  cipher: KeyCipher;
}

type ImportedKey = CryptoKey | Uint8Array;

export interface Signer {
  kid: string;
  key: ImportedKey;
}

/** A new key pair, its private half sealed before it goes anywhere near the database. */
async function newKeyPair(
  cipher: KeyCipher,
): Promise<{ kid: string; privateJwk: SealedJwk; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  // RFC 7638 thumbprint: the same key always has the same id.
  const kid = await calculateJwkThumbprint(publicJwk);
  return { kid, privateJwk: cipher.seal(kid, await exportJWK(privateKey)), publicJwk };
}

/** The public members of an EC key as the JWKS shows them. */
const published = (row: KeyRow): JWK => {
  const { kty, crv, x, y } = row.public_jwk;
  return { kty, crv, x, y, kid: row.kid, alg: ALG, use: 'sig' };
};

/**
 * The signing keys, kept in the auth database so that every instance of the service signs
 * with the same key and a restart changes nothing for the tokens already out. Rotation
 * publishes the new key at once and lets it sign only after `activationDelayS`, so every
 * verifier can have fetched it by the time it meets it; the old key stays published until
 * the last token it signed has expired.
 */
export class KeyRing {
  private readonly imported = new Map<string, Promise<ImportedKey>>();
  private lastSigner: string | undefined;

  constructor(
    private readonly db: Knex,
    private readonly opts: KeyRingOptions,
  ) {}

  /** At start-up: makes a key that signs at once when none does (first start). */
  async ensureSigner(): Promise<void> {
    await this.db.transaction(async (trx) => {
      await lockKeys(trx);
      if (await findSigner(trx)) return;
      const key = await insertKey(trx, await newKeyPair(this.opts.cipher), 0);
      await retireOthers(trx, key.kid);
    });
  }

  /**
   * At start-up: every private half not sealed with the current encryption key (a plain JWK
   * written before encryption, or one sealed with AUTH_KEY_ENCRYPTION_KEY_PREVIOUS) is sealed
   * again with it. A key no configured encryption key opens stops the start. Returns how many
   * were re-encrypted.
   */
  async reencryptPrivateKeys(): Promise<number> {
    const { cipher } = this.opts;
    return this.db.transaction(async (trx) => {
      await lockKeys(trx);
      const stale = (await listPrivateKeys(trx)).filter((r) => !cipher.isCurrent(r.private_jwk));
      for (const row of stale) {
        await replacePrivateKey(
          trx,
          row.kid,
          cipher.seal(row.kid, cipher.open(row.kid, row.private_jwk)),
        );
      }
      return stale.length;
    });
  }

  async signer(): Promise<Signer> {
    let row = await findSigner(this.db);
    if (!row) {
      await this.ensureSigner();
      row = await findSigner(this.db);
    }
    if (!row?.private_jwk) throw new Error('No key can sign');
    if (row.kid !== this.lastSigner) {
      // A new key took over: the retired ones' private halves are no longer needed.
      this.lastSigner = row.kid;
      await forgetRetiredPrivateKeys(this.db);
    }
    const { kid, private_jwk: stored } = row;
    return {
      kid,
      key: await this.importKey(`${kid}:private`, () => this.opts.cipher.open(kid, stored)),
    };
  }

  /** The JWKS: every key that signs, will sign, or signed a token still valid. */
  async publicKeys(): Promise<JWK[]> {
    return (await this.listPublished()).map(published);
  }

  /** Adds a key, published now, signing after the activation delay. */
  async rotate(): Promise<{ kid: string; signs_from: Date }> {
    return this.db.transaction(async (trx) => {
      await lockKeys(trx);
      const key = await insertKey(
        trx,
        await newKeyPair(this.opts.cipher),
        this.opts.activationDelayS,
      );
      await retireOthers(trx, key.kid);
      return { kid: key.kid, signs_from: key.signs_from };
    });
  }

  /** Verification against the published keys, read from the database (no HTTP to itself). */
  verificationKeys(): JWTVerifyGetKey {
    return async (header) => {
      const row = (await this.listPublished()).find((r) => r.kid === header.kid);
      if (!row) throw new errors.JWKSNoMatchingKey();
      return this.importKey(`${row.kid}:public`, () => published(row));
    };
  }

  private listPublished(): Promise<KeyRow[]> {
    return listPublished(this.db, this.opts.tokenTtlS + PUBLISH_MARGIN_S);
  }

  /** `jwk` is called (the private half decrypted) only the first time a key is needed. */
  private importKey(id: string, jwk: () => JWK): Promise<ImportedKey> {
    let key = this.imported.get(id);
    if (!key) {
      key = Promise.resolve().then(() => importJWK(jwk(), ALG));
      this.imported.set(id, key);
    }
    return key;
  }
}
