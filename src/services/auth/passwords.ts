import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id work factors: memory in KiB and passes. */
export interface HashCost {
  memoryKib: number;
  timeCost: number;
}

/** OWASP's baseline for argon2id (19 MiB, 2 passes, 1 lane): ~30 ms here. */
export const DEFAULT_HASH_COST: HashCost = { memoryKib: 19_456, timeCost: 2 };

/** An argon2id hash (PHC string with its own salt and parameters); the library's default algorithm. */
export const hashPassword = (password: string, cost: HashCost): Promise<string> =>
  hash(password, { memoryCost: cost.memoryKib, timeCost: cost.timeCost, parallelism: 1 });

/**
 * Checks passwords so that the time taken does not tell whether the account exists: an
 * unknown user costs one argon2 verification too, against a hash of a random secret made
 * once with the current cost.
 */
export class PasswordChecker {
  private readonly decoy: Promise<string>;

  constructor(cost: HashCost) {
    this.decoy = hashPassword(randomBytes(32).toString('hex'), cost);
  }

  async matches(stored: string | undefined, password: string): Promise<boolean> {
    const target = stored ?? (await this.decoy);
    const ok = await verify(target, password).catch(() => false);
    return stored !== undefined && ok;
  }
}
