import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import Joi from 'joi';
import type { JWK } from 'jose';

/**
 * A private signing key as the auth database keeps it: the JWK encrypted with AES-256-GCM
 * under the key-encryption key (AUTH_KEY_ENCRYPTION_KEY). `kek` names that key (a hash of it,
 * never the key), so a key written under the previous one is recognised and re-encrypted;
 * the signing key's `kid` is the additional data, so a ciphertext moved to another row fails.
 */
export interface SealedJwk {
  enc: 'A256GCM';
  kek: string;
  iv: string;
  tag: string;
  ct: string;
}

/** What the `private_jwk` column holds: sealed, or a plain JWK written before encryption. */
export type StoredPrivateKey = SealedJwk | JWK;

export const isSealed = (stored: StoredPrivateKey): stored is SealedJwk =>
  (stored as Partial<SealedJwk>).enc === 'A256GCM';

const KEY_BYTES = 32;
const IV_BYTES = 12;

/** 64 hex characters: 32 random bytes (`openssl rand -hex 32`). */
export const KEK_PATTERN = /^[0-9a-fA-F]{64}$/;

/**
 * The key `npm start` and the tests use when none is given: derived from a fixed label, the
 * same on every start (so the keys of .data/postgres stay readable), and therefore no secret.
 * Never in a deployment: the compose file and NODE_ENV=production require a real one.
 */
export const DEVELOPMENT_KEK = Buffer.from(
  hkdfSync('sha256', 'saga-retail development key-encryption key', '', 'not a secret', KEY_BYTES),
).toString('hex');

const kekId = (key: Buffer): string =>
  createHash('sha256').update('kek-id').update(key).digest('base64url').slice(0, 16);

const b64 = (buf: Buffer): string => buf.toString('base64url');
const unb64 = (text: string): Buffer => Buffer.from(text, 'base64url');

export class KeyDecryptionError extends Error {}

/**
 * Seals and opens private keys. It encrypts with the current key only; it opens what the
 * current or the previous key sealed (AUTH_KEY_ENCRYPTION_KEY_PREVIOUS, while rotating), and
 * a plain JWK written before encryption existed.
 */
export class KeyCipher {
  private readonly current: { id: string; key: Buffer };
  private readonly keys: Map<string, Buffer>;

  /** `current` and `previous`: 64 hex characters each. */
  constructor(current: string, previous?: string) {
    const key = Buffer.from(current, 'hex');
    if (!KEK_PATTERN.test(current)) throw new Error('A key-encryption key is 64 hex characters');
    this.current = { id: kekId(key), key };
    this.keys = new Map([[this.current.id, key]]);
    if (previous !== undefined && previous !== current) {
      if (!KEK_PATTERN.test(previous)) throw new Error('A key-encryption key is 64 hex characters');
      const old = Buffer.from(previous, 'hex');
      this.keys.set(kekId(old), old);
    }
  }

  seal(kid: string, jwk: JWK): SealedJwk {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(kid, 'utf8'));
    const ct = Buffer.concat([cipher.update(JSON.stringify(jwk), 'utf8'), cipher.final()]);
    return {
      enc: 'A256GCM',
      kek: this.current.id,
      iv: b64(iv),
      tag: b64(cipher.getAuthTag()),
      ct: b64(ct),
    };
  }

  open(kid: string, stored: StoredPrivateKey): JWK {
    if (!isSealed(stored)) return stored;
    const key = this.keys.get(stored.kek);
    if (!key) {
      throw new KeyDecryptionError(
        `Signing key ${kid} was encrypted with a key-encryption key that is neither ` +
          'AUTH_KEY_ENCRYPTION_KEY nor AUTH_KEY_ENCRYPTION_KEY_PREVIOUS',
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, unb64(stored.iv));
      decipher.setAAD(Buffer.from(kid, 'utf8'));
      decipher.setAuthTag(unb64(stored.tag));
      const text = Buffer.concat([decipher.update(unb64(stored.ct)), decipher.final()]);
      return JSON.parse(text.toString('utf8')) as JWK;
    } catch (cause) {
      throw new KeyDecryptionError(`Signing key ${kid} does not decrypt`, { cause });
    }
  }

  /** Whether a stored key is sealed with the current key (nothing to re-encrypt). */
  isCurrent(stored: StoredPrivateKey): boolean {
    return isSealed(stored) && stored.kek === this.current.id;
  }
}

const kekSchema = (): Joi.StringSchema =>
  Joi.string().pattern(KEK_PATTERN).messages({
    'string.pattern.base': '{#label} must be 64 hex characters (openssl rand -hex 32)',
  });

/**
 * Its variables, spread into the auth service's schema (config.ts). Required in production
 * (the image sets NODE_ENV=production; the compose file requires it too); elsewhere the
 * development key above.
 */
export const keyEncryptionEnv = (env: NodeJS.ProcessEnv) => ({
  AUTH_KEY_ENCRYPTION_KEY:
    env.NODE_ENV === 'production' ? kekSchema().required() : kekSchema().default(DEVELOPMENT_KEK),
  // While rotating: the key the stored keys were sealed with until now (read, never written).
  // Empty means unset (the compose file passes it through, empty unless rotating).
  AUTH_KEY_ENCRYPTION_KEY_PREVIOUS: kekSchema().empty(''),
});

export interface KeyEncryptionEnv {
  AUTH_KEY_ENCRYPTION_KEY: string;
  AUTH_KEY_ENCRYPTION_KEY_PREVIOUS?: string;
}

/** The encryption keys as the config keeps them; `new KeyCipher(current, previous)`. */
export interface KeyEncryptionKeys {
  current: string;
  previous: string | undefined;
}

export const keyEncryptionKeys = (e: KeyEncryptionEnv): KeyEncryptionKeys => ({
  current: e.AUTH_KEY_ENCRYPTION_KEY,
  previous: e.AUTH_KEY_ENCRYPTION_KEY_PREVIOUS,
});
