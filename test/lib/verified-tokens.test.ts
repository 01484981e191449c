import { expect } from 'chai';
import { cachedVerifier, type Principal, unauthenticated } from '../../src/lib/auth.js';

describe('cachedVerifier', () => {
  const alice: Principal = { kind: 'client', clientId: 7, username: 'alice' };
  let now: number;
  let checks: number;
  const clock = (): number => now;
  beforeEach(() => {
    now = 1_000_000;
    checks = 0;
  });

  it('checks a token once, then answers from memory until its expiry', async () => {
    const verify = cachedVerifier(() => {
      checks += 1;
      return Promise.resolve({ principal: alice, expiresAt: now + 30_000 });
    }, clock);
    expect(await verify('t1')).to.deep.equal(alice);
    now += 29_000;
    expect(await verify('t1')).to.deep.equal(alice);
    expect(checks).to.equal(1);
    now += 2_000; // past exp: checked again (and refused by the real check)
    await verify('t1');
    expect(checks).to.equal(2);
  });

  it('remembers no token longer than a minute, whatever its expiry', async () => {
    const verify = cachedVerifier(() => {
      checks += 1;
      return Promise.resolve({ principal: alice, expiresAt: now + 900_000 });
    }, clock);
    await verify('t1');
    now += 61_000;
    await verify('t1');
    expect(checks).to.equal(2);
  });

  it('never remembers a refusal, and tells tokens apart', async () => {
    const verify = cachedVerifier((token) => {
      checks += 1;
      if (token === 'bad') return Promise.reject(unauthenticated('Invalid token'));
      return Promise.resolve({ principal: alice, expiresAt: now + 30_000 });
    }, clock);
    for (let i = 0; i < 2; i += 1) {
      const err = await verify('bad').catch((e: unknown) => e);
      expect((err as { httpStatus?: number }).httpStatus).to.equal(401);
    }
    await verify('good');
    expect(checks).to.equal(3);
  });
});
