import { expect } from 'chai';
import { requireTool } from '../support/tools.js';

describe('a suite whose tool is missing', () => {
  const ci = process.env.CI;
  let skipped: number;
  const ctx = { skip: () => void (skipped += 1) } as unknown as Mocha.Context;
  beforeEach(() => {
    skipped = 0;
  });
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  });

  it('fails under CI=true, where .ci/run installs every tool', () => {
    process.env.CI = 'true';
    expect(() => requireTool(ctx, false, 'nginx not found')).to.throw(/nginx not found/);
    expect(skipped).to.equal(0);
  });

  it('is skipped elsewhere, and runs when the tool is there', () => {
    delete process.env.CI;
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      requireTool(ctx, false, 'nginx not found');
    } finally {
      console.warn = warn;
    }
    expect(skipped).to.equal(1);
    process.env.CI = 'true';
    requireTool(ctx, true, 'nginx not found');
    expect(skipped).to.equal(1);
  });
});
